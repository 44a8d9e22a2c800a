"""Checks as jobs in a database: the tables and their migrations, running one job (claim,
check, store report and crops, finish), the embedded runner and the Celery workers that
do it, retention and completion webhooks. Shared by the HTTP API and the cluster batch."""
