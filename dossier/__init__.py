"""dossier-checker: the command line and the pipeline that ties the stages together."""
from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("dossier-checker")
except PackageNotFoundError:  # running from a source tree without installation
    __version__ = "0.0.0+source"
