import sys
from pathlib import Path

# Tests import tests.builders; the project itself is installed editable.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests import network_guard  # noqa: E402

# Before any test module is imported: nothing in the suite may reach beyond this machine.
network_guard.install()
