"""Many sample dossiers at once, for `dossier batch` and its benchmark."""
