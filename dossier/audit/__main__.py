"""`python -m dossier.audit …`, the same as `dossier audit-list …`."""
from dossier.audit.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
