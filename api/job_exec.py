"""What a worker process runs for one job: dossier.jobs.job_worker (re-exported here for
the service's modules and tests)."""
from dossier.jobs.job_worker import run_check, run_job  # noqa: F401
