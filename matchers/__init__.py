"""Stage 2 — from Documents to readings and evidence, in four sub-stages:
``classify`` (document kinds), ``fields`` (per-kind readers), ``evidence`` (indicator
evidence) and ``embeddings`` (the sentence-embedding backends the other two use)."""
