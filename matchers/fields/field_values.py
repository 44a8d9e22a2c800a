"""Typed normalisation of a field's written value: moved to :mod:`criteria.values` (the
checks use it too, and checks do not import matchers); re-exported for the matchers."""
from __future__ import annotations

from criteria.values import (ABSURD, compact_text, expected_of, is_blank, normalize_value,
                             read_value)

__all__ = ["ABSURD", "compact_text", "expected_of", "is_blank", "normalize_value", "read_value"]
