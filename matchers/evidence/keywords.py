"""Keyword rules of a requirement (criteria ``KeywordSpec``) evaluated on one passage.

A term is found when it, or one of its synonyms (the spec's, the glossary's, in either
direction: APS ⇄ 高级计划与排程), occurs in the passage:

- Chinese terms are matched on jieba token boundaries, so 排产 is not found inside
  安排产品. The programme's terms are added to a private jieba dictionary so they stay
  whole tokens; terms of four or more characters are unambiguous and also count when jieba
  cuts them differently.
- Latin abbreviations need a non-alphanumeric character on both sides. ``\\b`` cannot be
  used: Python treats CJK characters as word characters, so ``\\bMES\\b`` never matches in
  采用MES系统.
- A hit preceded in the same clause by a negation cue (尚未, 计划于, 拟 …) or followed by one
  (… 尚在规划中) is *negated*: it is reported, and it does not count.
- Near-misses (高级计划排程 for 高级计划与排程, OCR slips) are found with rapidfuzz and count
  for less than exact hits.

The rule score is in [0, 1]: the share of ``all`` terms present (all are required) times
1 − 0.5^n for the n ``any`` terms present (at least one is required; each one more makes
the passage more clearly about the requirement). A near miss counts as a fraction of a
term."""
from __future__ import annotations

import logging
import re
import threading
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from rapidfuzz import fuzz

from criteria.schema import IndicatorSpec, KeywordSpec
from criteria.yaml_text import load_yaml

GLOSSARY_DIR = Path(__file__).resolve().parents[2] / "criteria" / "glossary"

# Negation cues before a term (same clause, within WINDOW_BEFORE characters). Bare 计划/规划
# /拟/未 are ambiguous (生产计划, 模拟, 未来), so they are cues only in these contexts.
_CUE_WEI = r"(?<![从尚暂并还])未(?![来曾])"
_CUE_NI = r"(?<![模虚比])拟"
_CUE_JIHUA = (r"(?<![产购售销作业度划排])计划(?=于|在|将|明年|今年|下一|下半|后续|逐步|引入|建设|"
              r"部署|上线|实施|开展|采购|投资|搭建|新建|构建|推进|打造|导入)")
_CUE_GUIHUA = r"(?<!总体)规划(?=于|在|将|明年|下一|引入|建设|部署|上线)"
_BEFORE_CUES = [
    r"尚未", r"暂未", r"并未", r"还未", r"从未", _CUE_WEI, r"没有", r"暂无", r"尚无", r"无法",
    r"缺少", r"缺乏", r"不具备", r"有待", _CUE_NI, _CUE_JIHUA, _CUE_GUIHUA, r"将于", r"预计于",
    r"准备", r"下一步", r"下阶段", r"未来将", r"后续将",
    r"正在(?:建设|推进|规划|论证|选型|筹建|部署|实施|调研)",
    # Still done the old way (目前仍以人工抄表为主, 仍靠纸质单据流转): the system is not there.
    r"仍(?:以|靠|依靠|依赖|采用|然)", r"(?:依靠|依赖|靠)人工", r"人工(?:记录|统计|抄表|填报|录入)?为主",
]
# Negation cues right after a term (…数字孪生平台尚在规划中, APS系统尚未上线).
_AFTER_CUES = [
    r"尚未", r"暂未", r"还未", r"(?<![从])未(?![来曾])", r"尚在", r"仍在", r"建设中", r"规划中",
    r"筹建中", r"论证中", r"选型中", r"调研中", r"待建", r"有待", r"正在(?:建设|规划|论证|选型|实施)",
]
# Any cue, for the share of a passage's clauses that state an absence or a plan.
_ANY_CUE = re.compile("|".join(sorted(set(_BEFORE_CUES + _AFTER_CUES), key=len, reverse=True)))
# A spec's own negation words that are ambiguous get the same guards as the defaults.
_GUARDED = {"计划": _CUE_JIHUA, "规划": _CUE_GUIHUA, "拟": _CUE_NI, "未": _CUE_WEI}
# Clause boundaries: a cue never reaches across them.
_CLAUSE_END = re.compile(r"[。；;！!？?，,\n]")
WINDOW_BEFORE = 16
WINDOW_AFTER = 8
# Minimum rapidfuzz partial_ratio for a near miss: one edit in a 6-character term scores
# 83, in a 7-character one 86; shorter terms need near-identity.
FUZZY_CUTOFF_LONG = 80.0
FUZZY_CUTOFF_SHORT = 88.0
FUZZY_MIN_LEN = 4
FUZZY_CREDIT = 0.6

# Words too general to stand for a requirement when keywords are derived from its title.
_GENERIC = {"管理", "优化", "系统", "智能", "智慧", "数字化", "数智", "工厂", "应用", "先进", "一体化",
            "管控", "生产", "作业", "产品", "设计", "运营", "建设", "平台", "服务", "分析", "改进",
            "全员", "资源", "网络", "信息", "工业", "自动化", "制造", "全", "与", "及", "和"}

_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_SPACE_IN_CJK = re.compile(r"(?<=[^\x00-\x7f])\s+(?=[^\x00-\x7f])")
_ASCII_ALNUM = re.compile(r"[0-9a-z]")
_CJK = re.compile(r"[\u3400-\u9fff]")

log = logging.getLogger(__name__)


def normalise(text: str) -> str:
    """NFKC, Latin letters lower-cased, spaces between CJK characters (PDF spacing)
    removed. Lengths are preserved by the case folding so positions stay comparable."""
    t = unicodedata.normalize("NFKC", text)
    return _SPACE_IN_CJK.sub("", t).translate(_ASCII_LOWER)


# ----- jieba, private and quiet -----------------------------------------------------------

_jieba_lock = threading.RLock()
_tokenizer: Any = None
_added: set[str] = set()
_generation = 0


_base_tokenizer: Any = None


def _new_tokenizer() -> Any:
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    tok.initialize()
    return tok


def _jieba() -> Any:
    """A private jieba Tokenizer (programme words never leak into other users of jieba),
    initialised once, without jieba's log chatter, and seeded with the terms of every
    built-in programme and catalogue. Where a text's token boundaries fall depends on the
    words in the dictionary; seeding them all up front makes a dossier's scores the same
    whichever programmes were matched before it in this process (a batch, the API)."""
    global _tokenizer
    with _jieba_lock:
        if _tokenizer is None:
            _tokenizer = _new_tokenizer()
            _seed_builtin_terms()
        return _tokenizer


def _base_jieba() -> Any:
    """A second private Tokenizer that never gets programme words: titles are cut with it
    when deriving keywords, so a derived rule does not depend on which words were added."""
    global _base_tokenizer
    with _jieba_lock:
        if _base_tokenizer is None:
            _base_tokenizer = _new_tokenizer()
        return _base_tokenizer


def _seed_builtin_terms() -> None:
    from criteria.loader import CriteriaError, load_all, load_catalogues

    try:
        indicators = [i for p in load_all().values() for i in p.indicators]
        indicators += [i for c in load_catalogues().values() for i in c.items]
    except CriteriaError as e:       # a broken YAML is reported by the loader's callers
        log.warning("keyword dictionary not seeded: %s", e)
        return
    for ind in indicators:
        spec, derived = spec_for(ind)
        compile_spec(spec, derived=derived)


def add_words(words: list[str]) -> None:
    """Adds Chinese terms to the private dictionary (idempotent)."""
    global _generation
    new = [w for w in {normalise(w) for w in words} if w not in _added and _CJK.search(w)
           and not re.search(r"\s", w)]
    if not new:
        return
    with _jieba_lock:
        tok = _jieba()
        for w in sorted(new):
            tok.add_word(w)
            _added.add(w)
        _generation += 1


@dataclass(frozen=True)
class PreparedText:
    text: str            # normalised, Latin lower-cased: what terms are searched in
    display: str         # the same characters with their case kept, for explanations
    starts: frozenset[int]
    ends: frozenset[int]


@lru_cache(maxsize=8192)
def _prepare_cached(text: str, generation: int) -> PreparedText:
    display = _SPACE_IN_CJK.sub("", unicodedata.normalize("NFKC", text))
    norm = display.translate(_ASCII_LOWER)
    starts: set[int] = set()
    ends: set[int] = set()
    with _jieba_lock:
        for _w, s, e in _jieba().tokenize(norm, mode="search"):
            starts.add(s)
            ends.add(e)
    return PreparedText(norm, display, frozenset(starts), frozenset(ends))


def prepare(text: str) -> PreparedText:
    """Normalised text with its token boundaries (cached; re-cut when words are added)."""
    return _prepare_cached(text, _generation)


# ----- glossary --------------------------------------------------------------------------

@lru_cache(maxsize=4)
def load_glossary(directory: Path = GLOSSARY_DIR) -> dict[str, tuple[str, ...]]:
    """``{abbr: (中文全称, English, …)}`` from ``criteria/glossary/*.yaml``; empty when the
    folder is absent."""
    out: dict[str, tuple[str, ...]] = {}
    if not directory.is_dir():
        return out
    for p in sorted(directory.glob("*.yaml")):
        raw = load_yaml(p.read_text(encoding="utf-8")) or {}
        if not isinstance(raw, dict):
            log.warning("glossary %s: top level is not a mapping; ignored", p.name)
            continue
        for abbr, names in raw.items():
            vals = names if isinstance(names, list) else [names]
            merged = list(out.get(str(abbr), ()))
            merged += [str(v) for v in vals if v and str(v) not in merged]
            out[str(abbr)] = tuple(merged)
    return out


# ----- results ---------------------------------------------------------------------------

Via = Literal["term", "synonym", "fuzzy"]


@dataclass(frozen=True)
class TermHit:
    term: str          # the spec's term
    matched: str       # what the passage says
    via: Via
    score: float = 100.0
    start: int = 0
    end: int = 0


@dataclass(frozen=True)
class NegatedHit:
    term: str
    matched: str
    cue: str
    position: Literal["before", "after"]


@dataclass
class KeywordResult:
    hits: list[TermHit] = field(default_factory=list)
    fuzzy: list[TermHit] = field(default_factory=list)
    negated: list[NegatedHit] = field(default_factory=list)
    missing_all: list[str] = field(default_factory=list)
    score: float = 0.0
    derived: bool = False

    @property
    def terms_hit(self) -> list[str]:
        return [h.term for h in self.hits]

    @property
    def synonyms_used(self) -> list[dict[str, str]]:
        return [{"term": h.term, "matched": h.matched} for h in self.hits if h.via == "synonym"]

    def explain(self) -> dict[str, Any]:
        return {
            "terms_hit": self.terms_hit,
            "synonyms": self.synonyms_used,
            "negated": [{"term": n.term, "matched": n.matched, "cue": n.cue,
                         "position": n.position} for n in self.negated],
            "fuzzy": [{"term": f.term, "matched": f.matched, "score": round(f.score, 1)}
                      for f in self.fuzzy],
            "missing_all": self.missing_all,
            "keywords_derived_from_title": self.derived,
            "rule_score": round(self.score, 4),
        }


# ----- compiled specs --------------------------------------------------------------------

@dataclass(frozen=True)
class CompiledSpec:
    all: tuple[tuple[str, tuple[str, ...]], ...]   # (term, alternatives incl. itself)
    any: tuple[tuple[str, tuple[str, ...]], ...]
    before: re.Pattern[str]
    after: re.Pattern[str]
    derived: bool


def _alternatives(term: str, synonyms: dict[str, list[str]],
                  glossary: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    """The term, its synonyms, and the abbreviations whose synonyms include it."""
    table: dict[str, list[str]] = {k: list(v) for k, v in glossary.items()}
    for k, v in synonyms.items():
        table.setdefault(k, [])
        table[k] = [*v, *[x for x in table[k] if x not in v]]
    alts = [term, *table.get(term, [])]
    for k, vs in table.items():
        if term in vs or normalise(term) in {normalise(v) for v in vs}:
            alts += [k, *vs]
    out: list[str] = []
    seen: set[str] = set()
    for a in alts:
        n = normalise(a).strip()
        if n and n not in seen:
            seen.add(n)
            out.append(n)
    return tuple(out)


def _cue_pattern(defaults: list[str], extra: list[str]) -> re.Pattern[str]:
    parts = list(defaults)
    for e in extra:
        n = normalise(e)
        parts.append(_GUARDED.get(n, re.escape(n)))
    # Longest alternatives first so that 尚未 is reported rather than 未.
    return re.compile("|".join(sorted(set(parts), key=len, reverse=True)))


def _merge_synonymous(terms: list[tuple[str, tuple[str, ...]]]
                      ) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Terms that are synonyms of each other (MES and 制造执行系统 both listed) form one
    term, named by the first: one mention must not count as two hits."""
    groups: list[tuple[str, list[str]]] = []
    for term, alts in terms:
        for i, (name, galts) in enumerate(groups):
            if set(alts) & set(galts):
                groups[i] = (name, galts + [a for a in alts if a not in galts])
                break
        else:
            groups.append((term, list(alts)))
    return tuple((name, tuple(alts)) for name, alts in groups)


def compile_spec(spec: KeywordSpec, glossary: dict[str, tuple[str, ...]] | None = None,
                 derived: bool = False) -> CompiledSpec:
    gl = load_glossary() if glossary is None else glossary
    all_terms = _merge_synonymous([(t, _alternatives(t, spec.synonyms, gl)) for t in spec.all])
    any_terms = _merge_synonymous([(t, _alternatives(t, spec.synonyms, gl)) for t in spec.any])
    add_words([a for _t, alts in (*all_terms, *any_terms) for a in alts])
    return CompiledSpec(all_terms, any_terms, _cue_pattern(_BEFORE_CUES, spec.negations),
                        _cue_pattern(_AFTER_CUES, spec.negations), derived)


def spec_for(indicator: IndicatorSpec) -> tuple[KeywordSpec, bool]:
    """The indicator's keyword rule, or one derived from its title when the catalogue
    declares none (the title, plus its specific words). The flag says it was derived."""
    kw = indicator.keywords
    if kw is not None and (kw.all or kw.any):
        return kw, False
    with _jieba_lock:
        cut = _base_jieba().lcut(normalise(indicator.title))
    words = [w for w in cut
             if len(w) >= 2 and w not in _GENERIC and not re.fullmatch(r"\W+", w)]
    any_terms = list(dict.fromkeys([indicator.title, *words]))
    return KeywordSpec(any=any_terms, synonyms=kw.synonyms if kw else {},
                       negations=kw.negations if kw else []), True


# ----- matching --------------------------------------------------------------------------

def _aligned(p: PreparedText, alt: str, s: int, e: int) -> bool:
    if not _CJK.search(alt):
        # Latin/digit term: no Latin letter or digit may touch it on either side.
        left = p.text[s - 1] if s > 0 else ""
        right = p.text[e] if e < len(p.text) else ""
        edge_l = _ASCII_ALNUM.match(alt[0]) is not None
        edge_r = _ASCII_ALNUM.match(alt[-1]) is not None
        return not ((edge_l and left and _ASCII_ALNUM.match(left))
                    or (edge_r and right and _ASCII_ALNUM.match(right)))
    if len(alt) >= 4:
        return True
    return s in p.starts and e in p.ends


Position = Literal["before", "after"]


def _negation(p: PreparedText, s: int, e: int, cs: CompiledSpec) -> tuple[str, Position] | None:
    before = p.text[max(0, s - WINDOW_BEFORE):s]
    cut = [m.end() for m in _CLAUSE_END.finditer(before)]
    if cut:
        before = before[cut[-1]:]
    found = list(cs.before.finditer(before))
    if found:
        return found[-1].group(0), "before"
    after = p.text[e:e + WINDOW_AFTER]
    m = _CLAUSE_END.search(after)
    if m:
        after = after[:m.start()]
    m2 = cs.after.search(after)
    if m2:
        return m2.group(0), "after"
    return None


@dataclass
class _TermOutcome:
    hit: TermHit | None = None
    fuzzy: TermHit | None = None
    negated: list[NegatedHit] = field(default_factory=list)

    @property
    def credit(self) -> float:
        if self.hit is not None:
            return 1.0
        if self.fuzzy is not None:
            return FUZZY_CREDIT * self.fuzzy.score / 100.0
        return 0.0


def _match_term(term: str, alts: tuple[str, ...], p: PreparedText, cs: CompiledSpec,
                fuzzy_on: bool) -> _TermOutcome:
    out = _TermOutcome()
    seen_any = False
    for i, alt in enumerate(alts):
        start = p.text.find(alt)
        while start >= 0:
            end = start + len(alt)
            if _aligned(p, alt, start, end):
                seen_any = True
                neg = _negation(p, start, end, cs)
                if neg is None:
                    out.hit = TermHit(term, p.display[start:end],
                                      "term" if i == 0 else "synonym", 100.0, start, end)
                    return out
                out.negated.append(NegatedHit(term, p.display[start:end], neg[0], neg[1]))
            start = p.text.find(alt, start + 1)
    if seen_any or not fuzzy_on:
        return out
    for alt in alts:
        if len(alt) < FUZZY_MIN_LEN or not _CJK.search(alt):
            continue  # abbreviations are exact or absent
        cutoff = FUZZY_CUTOFF_LONG if len(alt) >= 6 else FUZZY_CUTOFF_SHORT
        res = fuzz.partial_ratio_alignment(alt, p.text, score_cutoff=cutoff)
        if res is None or res.score >= 100.0:
            continue
        s, e = res.dest_start, res.dest_end
        matched = p.display[s:e]
        neg = _negation(p, s, e, cs)
        if neg is not None:
            out.negated.append(NegatedHit(term, matched, neg[0], neg[1]))
            return out
        if out.fuzzy is None or res.score > out.fuzzy.score:
            out.fuzzy = TermHit(term, matched, "fuzzy", float(res.score), s, e)
    return out


def evaluate_compiled(cs: CompiledSpec, text: str | PreparedText,
                      fuzzy_on: bool = True) -> KeywordResult:
    p = text if isinstance(text, PreparedText) else prepare(text)
    res = KeywordResult(derived=cs.derived)
    all_credit = 0.0
    for term, alts in cs.all:
        o = _match_term(term, alts, p, cs, fuzzy_on)
        _collect(res, o)
        all_credit += o.credit
        if o.credit == 0.0:
            res.missing_all.append(term)
    any_credit = 0.0
    for term, alts in cs.any:
        o = _collect(res, _match_term(term, alts, p, cs, fuzzy_on))
        any_credit += o.credit
    if not cs.all and not cs.any:
        return res
    # all AND any: a missing ``all`` term scales the score down in proportion; each ``any``
    # term found halves the distance to 1.
    s_all = all_credit / len(cs.all) if cs.all else 1.0
    s_any = 1.0 - 0.5 ** any_credit if cs.any else 1.0
    res.score = s_all * s_any
    return res


def _collect(res: KeywordResult, o: _TermOutcome) -> _TermOutcome:
    if o.hit is not None:
        res.hits.append(o.hit)
    elif o.fuzzy is not None:
        res.fuzzy.append(o.fuzzy)
    if o.hit is None:
        res.negated.extend(o.negated)
    return o


def negated_clauses(text: str | PreparedText) -> tuple[float, list[str]]:
    """Share of the passage's clauses carrying a negation or plan cue (尚未…, 拟…, …建设中),
    whatever they are about, and the cues found. A passage that mostly says what is not
    there yet is weak evidence for anything, even when its nouns match no keyword."""
    p = text if isinstance(text, PreparedText) else prepare(text)
    clauses = [c for c in _CLAUSE_END.split(p.text) if c.strip()]
    if not clauses:
        return 0.0, []
    cues: list[str] = []
    hit = 0
    for c in clauses:
        found = [m.group(0) for m in _ANY_CUE.finditer(c)]
        if found:
            hit += 1
            cues += found
    return hit / len(clauses), cues


def evaluate(spec: KeywordSpec, text: str, glossary: dict[str, tuple[str, ...]] | None = None,
             fuzzy_on: bool = True) -> KeywordResult:
    """Evaluates ``spec`` on ``text`` (see the module docstring)."""
    return evaluate_compiled(compile_spec(spec, glossary), text, fuzzy_on)
