"""The service's tables live in :mod:`dossier.jobs.db` (the workers and the cluster batch
use them too, and dossier may not import api); re-exported here for the API's modules."""
from dossier.jobs.db import (  # noqa: F401
    ApiKey,
    Base,
    Database,
    Job,
    JobCrop,
    JobStatus,
    UTCDateTime,
    make_engine,
    utcnow,
)
