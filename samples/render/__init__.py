"""Drawing helpers shared by the sample generators: fonts, seals, ruled tables, scan look."""
