"""`python -m dossier.batch …`, the same as `dossier batch …`."""
from dossier.batch.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
