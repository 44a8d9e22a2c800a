"""Stage 2c — indicator evidence: the narrative cut into passages, keyword rules from the
criteria's glossary and embeddings scored together (``evidence_matcher``, calibrated in
``calibration/``), and the per-requirement verdicts with the passages that explain them
(``requirement_evidence``)."""
