"""Stage 2a — what each document is: rules on names and wording, then embeddings against
exemplar centroids (``doc_type``, ``doc_type_centroids``). Input: Documents; output: a kind,
a confidence and the reason, per document."""
