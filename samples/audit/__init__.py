"""Recommendation lists (推荐汇总表) with planted problems, for `dossier audit-list`."""
