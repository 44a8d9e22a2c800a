"""Alembic migrations of the job database (run by dossier.jobs.migrate, not by an alembic.ini).

A package so that setuptools installs env.py and versions/ with dossier."""
