"""Microsoft Word's 字数 (see docs: domain-facts, 'Counting 字数 the way Word does').

Used only to keep the generated 企业简介 on the intended side of the 500-字 limit.
"""
from __future__ import annotations

import re

_RUN = re.compile(r"[A-Za-z0-9]+|[!-/:-@\[-`{-~]+|\s+|.", re.S)


def word_count(text: str) -> int:
    return sum(1 for token in _RUN.findall(text) if not token.isspace())
