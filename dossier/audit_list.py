"""`dossier audit-list`, now the package dossier/audit/: this name stays importable (and
`python -m dossier.audit_list` runnable) for code and scripts that use it."""
from __future__ import annotations

from dossier.audit import *  # noqa: F403
from dossier.audit import __all__  # noqa: F401
from dossier.audit.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
