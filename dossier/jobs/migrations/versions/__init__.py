"""One file per revision, "0001" onwards; each must downgrade as well as upgrade."""
