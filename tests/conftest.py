import sys
from pathlib import Path

# Tests import tests.builders; the project itself is installed editable.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
