"""Intermediate snapshots: what the extractor and the field readers make of a few small,
generated fixtures, committed as JSON beside each other (``<fixture>/document.json`` and
``<fixture>/readings.json``) so a change in an intermediate stage shows up as a diff.

Regenerate after an intended change: ``.venv/bin/python -m tests.snapshots.regenerate``
(or ``pytest tests/snapshots --update-snapshots``), then review the diff."""
