"""The keyword rules of matchers/evidence/keywords.py rebuilt on spaCy, and a comparison of
the two. Usage:

    .venv/bin/python bench/keywords_spacy.py             # tests, agreement, speed
    .venv/bin/python bench/matching.py --keywords spacy  # held-out F1 with this version

The spaCy version is a blank ``zh`` pipeline whose jieba segmenter is the product's private
jieba Tokenizer (programme words included). Terms and synonyms are patterns of one
``PhraseMatcher`` (attr TEXT, over the normalised, lower-cased text), run once per passage;
negation cues are ``Matcher`` token patterns (计划 only when the next token is 于/在/明年…;
未, 拟 only as tokens of their own, so 未来 and 模拟 never fire), kept when they lie in the
same clause within the product's character windows before or after a hit. Near misses still
use rapidfuzz (spaCy has no fuzzy phrase matcher that scores an OCR slip against a term).
Normalisation, glossary, synonym merging, scoring and results are the product's own code.

What it prints: (1) tests/matchers/evidence/test_keywords.py run against this version;
(2) agreement with the product on every bench passage × requirement (rule score, hits,
negated terms, negated-clause share); (3) seconds and passages/s for prepare + evaluate of
every bench passage against every bench requirement, both versions in this process, cold
caches, best of --repeat runs. spaCy is needed only here: ``pip install 'spacy>=3.7'``.

Measured (spaCy 3.8.18, 2 shared cores, one session; bench/matching.py --no-speed):
all 24 keyword tests pass on both; held-out hybrid F1 0.904 → 0.902 (P 0.920 → 0.940,
R 0.889 → 0.867), but the rules alone 0.667 → 0.620 (P 0.788 → 0.846, R 0.578 → 0.489),
and the keyword path is 1.7–2.4× slower over three runs on a loaded machine (752 → 357,
809 → 335, 1389 → 830 passages/s for 30 rules), plus 3–11 s to import spaCy and build the
global jieba dictionary it initialises. 42 of 9510 rule scores differ. The
recall lost is short terms inside longer jieba words (数据 in 实际数据, 调度 in 生产调度):
the product's token boundaries come from jieba's search mode, which also yields the
sub-words; a spaCy Doc has a single segmentation, so its matchers cannot see them. The
product keeps its own rules; this file is the rebuild, kept to re-run the comparison."""
from __future__ import annotations

import argparse
import logging
import sys
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rapidfuzz import fuzz  # noqa: E402

from criteria.schema import KeywordSpec  # noqa: E402
from matchers.evidence import keywords as kw  # noqa: E402
from matchers.evidence.keywords import (  # noqa: E402
    _CJK,
    _CLAUSE_END,
    FUZZY_CUTOFF_LONG,
    FUZZY_CUTOFF_SHORT,
    FUZZY_MIN_LEN,
    WINDOW_AFTER,
    WINDOW_BEFORE,
    CompiledSpec,
    KeywordResult,
    NegatedHit,
    TermHit,
    _collect,
    _TermOutcome,
)

_product_compile_spec = kw.compile_spec  # kept: install() re-points kw.compile_spec

# ----- negation cues as token patterns -------------------------------------------------------

_JIHUA_NEXT = ["于", "在", "将", "明年", "今年", "下一", "下半", "后续", "逐步", "引入", "建设", "部署",
               "上线", "实施", "开展", "采购", "投资", "搭建", "新建", "构建", "推进", "打造", "导入",
               "下一步", "下半年", "于明年"]
_GUIHUA_NEXT = ["于", "在", "将", "明年", "下一", "引入", "建设", "部署", "上线", "下一步"]
_ZHENGZAI_BEFORE = ["建设", "推进", "规划", "论证", "选型", "筹建", "部署", "实施", "调研"]
_ZHENGZAI_AFTER = ["建设", "规划", "论证", "选型", "实施"]
_RENGONG = ["记录", "统计", "抄表", "填报", "录入"]
# (pattern, tokens reported as the cue): guards that look at the next token are not reported,
# as the product's look-ahead is not.
Pattern = list[dict[str, Any]]


def _t(*words: str) -> dict[str, Any]:
    return {"TEXT": words[0]} if len(words) == 1 else {"TEXT": {"IN": list(words)}}


_GUARDED: dict[str, list[tuple[Pattern, int]]] = {
    "计划": [([_t("计划"), _t(*_JIHUA_NEXT)], 1)],
    "规划": [([_t("规划"), _t(*_GUIHUA_NEXT)], 1)],
    "拟": [([_t("拟")], 1)],
    "未": [([_t("未")], 1)],
}
_LITERAL_BEFORE = ["尚未", "暂未", "并未", "还未", "从未", "没有", "暂无", "尚无", "无法", "缺少", "缺乏",
                   "不具备", "有待", "将于", "预计于", "准备", "下一步", "下阶段", "未来将", "后续将",
                   "仍然", "依靠人工", "依赖人工", "靠人工", "人工为主"]
_LITERAL_AFTER = ["尚未", "暂未", "还未", "尚在", "仍在", "建设中", "规划中", "筹建中", "论证中", "选型中",
                  "调研中", "待建", "有待"]


class SpacyKeywords:
    """Same functions as matchers.evidence.keywords: prepare, compile_spec,
    evaluate_compiled, evaluate, negated_clauses."""

    def __init__(self) -> None:
        import jieba
        import spacy
        from spacy.matcher import Matcher, PhraseMatcher

        jieba.setLogLevel(logging.WARNING)  # spaCy initialises the global jieba on creation
        self.nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
        self.nlp.tokenizer.jieba_seg = kw._jieba()  # the private dictionary with programme words
        self.terms = PhraseMatcher(self.nlp.vocab, attr="TEXT")
        # Chinese terms of four or more characters count wherever jieba cuts them (as in the
        # product): they are matched on a character-segmented Doc of the same text.
        self.chars = spacy.blank("zh", vocab=self.nlp.vocab)
        self.long_terms = PhraseMatcher(self.nlp.vocab, attr="TEXT")
        self.term_keys: set[str] = set()
        self.cue_cache: dict[tuple[str, ...], tuple[Any, Any]] = {}
        self._Matcher = Matcher
        # One Matcher for all default cues, run once per passage; the key says on which side
        # of a term a cue counts (b, a).
        self.cues = self._Matcher(self.nlp.vocab)
        for side, pats in (("b", self._patterns(_LITERAL_BEFORE, True)),
                           ("a", self._patterns(_LITERAL_AFTER, False))):
            for i, (pat, n) in enumerate(pats):
                self.cues.add(f"{side}:{n}:{i}", [pat])
        self._prepare = lru_cache(maxsize=8192)(self._prepare_uncached)

    # -- patterns --

    def _words(self, text: str) -> Pattern:
        return [{"TEXT": t.text} for t in self.nlp.make_doc(text)]

    def _patterns(self, literals: list[str], before: bool) -> list[tuple[Pattern, int]]:
        out = [(self._words(w), len(self._words(w))) for w in literals]
        if before:
            out += [p for g in _GUARDED.values() for p in g]
            out += [([_t("正在"), _t(*_ZHENGZAI_BEFORE)], 2), ([_t("仍"), _t("以", "靠", "依靠", "依赖", "采用")], 2),
                    ([_t("人工"), _t(*_RENGONG), _t("为主")], 3)]
        else:
            out += _GUARDED["未"] + [([_t("正在"), _t(*_ZHENGZAI_AFTER)], 2)]
        return out

    def _cue_matchers(self, extra: tuple[str, ...]) -> tuple[Any, Any]:
        got = self.cue_cache.get(extra)
        if got is None:
            own: list[tuple[Pattern, int]] = []
            for e in extra:
                n = kw.normalise(e)
                own += _GUARDED.get(n, [(self._words(n), len(self._words(n)))])
            got = tuple(self._matcher(self._patterns(lits, b) + own)
                        for lits, b in ((_LITERAL_BEFORE, True), (_LITERAL_AFTER, False)))
            self.cue_cache[extra] = got
        return got

    def _matcher(self, patterns: list[tuple[Pattern, int]]) -> Any:
        m = self._Matcher(self.vocab)
        for pat, n in patterns:
            m.add(f"{n}:{len(pat)}:{len(m)}", [pat])
        return m

    @property
    def vocab(self) -> Any:
        return self.nlp.vocab

    # -- the product's API --

    def compile_spec(self, spec: KeywordSpec, glossary: dict[str, tuple[str, ...]] | None = None,
                     derived: bool = False) -> CompiledSpec:
        cs = _product_compile_spec(spec, glossary, derived=derived)  # alternatives; words into jieba
        for _t2, alts in (*cs.all, *cs.any):
            for a in alts:
                if a not in self.term_keys:
                    self.term_keys.add(a)
                    if len(a) >= 4 and _CJK.search(a):
                        self.long_terms.add(a, [self.chars.make_doc(a)])
                    else:
                        self.terms.add(a, [self.nlp.make_doc(a)])
        cues = self._cue_matchers(tuple(spec.negations)) if spec.negations else None
        return _SpacySpec(cs.all, cs.any, cs.before, cs.after, cs.derived, cues)  # type: ignore[arg-type]

    def _prepare_uncached(self, text: str, generation: int) -> _Prepared:
        display = kw._SPACE_IN_CJK.sub("", kw.unicodedata.normalize("NFKC", text))
        norm = display.translate(kw._ASCII_LOWER)
        with kw._jieba_lock:
            doc = self.nlp(norm)
        found: dict[str, list[tuple[int, int]]] = {}
        for d, matcher in ((doc, self.terms), (self.chars.make_doc(norm), self.long_terms)):
            for key, s, e in matcher(d):
                span = d[s:e]
                found.setdefault(self.vocab.strings[key], []).append((span.start_char,
                                                                      span.end_char))
        for spans in found.values():
            spans.sort()
        cues = self._cues(doc, self.cues, sides=True)
        return _Prepared(norm, display, doc, found, [c[:3] for c in cues if c[3] == "b"],
                         [c[:3] for c in cues if c[3] == "a"])

    def prepare(self, text: str) -> _Prepared:
        return self._prepare(text, kw._generation)

    def _cues(self, doc: Any, matcher: Any, sides: bool = False) -> list[Any]:
        out = []
        for key, s, _e in matcher(doc):
            parts = self.vocab.strings[key].split(":")
            span = doc[s:s + int(parts[1 if sides else 0])]
            out.append((span.start_char, span.end_char, span.text, *parts[:sides]))
        return sorted(out, key=lambda c: (c[0], -c[1]))

    def _negation(self, p: _Prepared, s: int, e: int, cs: _SpacySpec) -> tuple[str, str] | None:
        before, after = p.before, p.after
        if cs.cues is not None:
            before, after = self._cues(p.doc, cs.cues[0]), self._cues(p.doc, cs.cues[1])
        best = None
        for cs_, ce, text in before:
            if (ce <= s and cs_ >= s - WINDOW_BEFORE and (best is None or cs_ > best[0])
                    and not _CLAUSE_END.search(p.text[cs_:s])):
                best = (cs_, text)
        if best is not None:
            return best[1], "before"
        for cs_, ce, text in after:
            if cs_ >= e and ce <= e + WINDOW_AFTER and not _CLAUSE_END.search(p.text[e:cs_]):
                return text, "after"
        return None

    def _match_term(self, term: str, alts: tuple[str, ...], p: _Prepared, cs: _SpacySpec,
                    fuzzy_on: bool) -> _TermOutcome:
        out = _TermOutcome()
        seen_any = False
        for i, alt in enumerate(alts):
            for start, end in p.found.get(alt, ()):
                seen_any = True
                neg = self._negation(p, start, end, cs)
                if neg is None:
                    out.hit = TermHit(term, p.display[start:end], "term" if i == 0 else "synonym",
                                      100.0, start, end)
                    return out
                out.negated.append(NegatedHit(term, p.display[start:end], neg[0], neg[1]))  # type: ignore[arg-type]
        if seen_any or not fuzzy_on:
            return out
        for alt in alts:  # near misses: rapidfuzz, as in the product
            if len(alt) < FUZZY_MIN_LEN or not _CJK.search(alt):
                continue
            cutoff = FUZZY_CUTOFF_LONG if len(alt) >= 6 else FUZZY_CUTOFF_SHORT
            res = fuzz.partial_ratio_alignment(alt, p.text, score_cutoff=cutoff)
            if res is None or res.score >= 100.0:
                continue
            s, e = res.dest_start, res.dest_end
            neg = self._negation(p, s, e, cs)
            if neg is not None:
                out.negated.append(NegatedHit(term, p.display[s:e], neg[0], neg[1]))  # type: ignore[arg-type]
                return out
            if out.fuzzy is None or res.score > out.fuzzy.score:
                out.fuzzy = TermHit(term, p.display[s:e], "fuzzy", float(res.score), s, e)
        return out

    def evaluate_compiled(self, cs: _SpacySpec, text: str | _Prepared,
                          fuzzy_on: bool = True) -> KeywordResult:
        p = text if isinstance(text, _Prepared) else self.prepare(text)
        res = KeywordResult(derived=cs.derived)
        all_credit = any_credit = 0.0
        for term, alts in cs.all:
            o = _collect(res, self._match_term(term, alts, p, cs, fuzzy_on))
            all_credit += o.credit
            if o.credit == 0.0:
                res.missing_all.append(term)
        for term, alts in cs.any:
            any_credit += _collect(res, self._match_term(term, alts, p, cs, fuzzy_on)).credit
        if cs.all or cs.any:
            res.score = ((all_credit / len(cs.all) if cs.all else 1.0)
                         * (1.0 - 0.5 ** any_credit if cs.any else 1.0))
        return res

    def evaluate(self, spec: KeywordSpec, text: str,
                 glossary: dict[str, tuple[str, ...]] | None = None,
                 fuzzy_on: bool = True) -> KeywordResult:
        cs = self.compile_spec(spec, glossary)
        return self.evaluate_compiled(cs, text, fuzzy_on)

    def negated_clauses(self, text: str | _Prepared) -> tuple[float, list[str]]:
        p = text if isinstance(text, _Prepared) else self.prepare(text)
        bounds, last = [], 0
        for m in _CLAUSE_END.finditer(p.text):
            bounds.append((last, m.start()))
            last = m.end()
        bounds.append((last, len(p.text)))
        bounds = [(a, b) for a, b in bounds if p.text[a:b].strip()]
        if not bounds:
            return 0.0, []
        cues = sorted({c for c in p.before + p.after}, key=lambda c: (c[0], -c[1]))
        hit, found = 0, []
        for a, b in bounds:
            inside = [t for s, e, t in cues if s >= a and e <= b]
            hit += bool(inside)
            found += inside
        return hit / len(bounds), found


@dataclass(frozen=True)
class _SpacySpec(CompiledSpec):
    cues: Any = None


@dataclass(frozen=True, eq=False)
class _Prepared:
    text: str
    display: str
    doc: Any
    found: dict[str, list[tuple[int, int]]]
    before: list[tuple[int, int, str]]
    after: list[tuple[int, int, str]]


_INSTANCE: SpacyKeywords | None = None


def instance() -> SpacyKeywords:
    global _INSTANCE
    if _INSTANCE is None:
        kw._jieba()
        _INSTANCE = SpacyKeywords()
    return _INSTANCE


def install() -> SpacyKeywords:
    """Points the product's keyword functions (and the evidence matcher's imports of them)
    at the spaCy version, for bench/matching.py --keywords spacy and the test run."""
    from matchers.evidence import evidence_matcher as em

    sk = instance()
    for mod in (kw, em):
        for name in ("prepare", "compile_spec", "evaluate_compiled", "negated_clauses",
                     "evaluate"):
            if hasattr(mod, name):
                setattr(mod, name, getattr(sk, name))
    return sk


class TestPlugin:
    def pytest_configure(self) -> None:
        install()


# ----- comparison ------------------------------------------------------------------------------

def _bench_inputs() -> tuple[list[Any], list[str]]:
    sys.path.insert(0, str(ROOT / "bench"))
    from matching import PAIRS, load_splits, requirement_index

    splits, req_ids = load_splits(PAIRS)
    index = requirement_index()
    texts = list(dict.fromkeys(t for s in splits.values() for t in s.texts))
    return [index[r] for r in req_ids], texts


def _run(api: Any, reqs: list[Any], texts: list[str]) -> tuple[float, list[list[KeywordResult]],
                                                                 list[tuple[float, list[str]]]]:
    start = time.perf_counter()
    compiled = []
    for r in reqs:
        spec, derived = kw.spec_for(r)
        compiled.append(api.compile_spec(spec, derived=derived))
    prepared = [api.prepare(t) for t in texts]
    results = [[api.evaluate_compiled(cs, pt) for pt in prepared] for cs in compiled]
    clauses = [api.negated_clauses(pt) for pt in prepared]
    return time.perf_counter() - start, results, clauses


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--no-tests", action="store_true")
    args = ap.parse_args()

    rc = 0
    if not args.no_tests:  # in a process of its own: install() re-points the product
        import subprocess

        code = ("import sys, pytest; sys.path.insert(0, 'bench'); import keywords_spacy as k; "
                "sys.exit(pytest.main(['-q', '-p', 'no:cacheprovider', "
                "'tests/matchers/evidence/test_keywords.py'], plugins=[k.TestPlugin()]))")
        rc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=False).returncode
        print(f"tests against the spaCy version: exit code {rc}")

    reqs, texts = _bench_inputs()
    kw._jieba()
    t0 = time.perf_counter()
    sk = instance()
    print(f"spaCy pipeline (blank zh + jieba segmenter) built in {time.perf_counter() - t0:.2f} s "
          "(import spaCy, initialise the global jieba it insists on, matchers)")

    class Product:
        prepare = staticmethod(lambda t: kw._prepare_cached.__wrapped__(t, kw._generation))
        compile_spec = staticmethod(kw.compile_spec)
        evaluate_compiled = staticmethod(kw.evaluate_compiled)
        negated_clauses = staticmethod(kw.negated_clauses)

    class Spacy:
        prepare = staticmethod(lambda t: sk._prepare_uncached(t, kw._generation))
        compile_spec = staticmethod(sk.compile_spec)
        evaluate_compiled = staticmethod(sk.evaluate_compiled)
        negated_clauses = staticmethod(sk.negated_clauses)

    _run(Product, reqs, texts[:5]), _run(Spacy, reqs, texts[:5])  # warm-up: words, patterns
    times: dict[str, float] = {}
    out: dict[str, Any] = {}
    for _ in range(args.repeat):
        for name, api in (("current", Product), ("spacy", Spacy)):
            secs, results, clauses = _run(api, reqs, texts)
            times[name] = min(times.get(name, secs), secs)
            out[name] = (results, clauses)
    (r1, c1), (r2, c2) = out["current"], out["spacy"]
    pairs = len(reqs) * len(texts)
    diff_score = sum(abs(a.score - b.score) > 1e-9 for ra, rb in zip(r1, r2)
                     for a, b in zip(ra, rb))
    diff_hits = sum((a.terms_hit, len(a.negated)) != (b.terms_hit, len(b.negated))
                    for ra, rb in zip(r1, r2) for a, b in zip(ra, rb))
    diff_clause = sum(abs(a[0] - b[0]) > 1e-9 for a, b in zip(c1, c2))
    print(f"{len(texts)} passages × {len(reqs)} requirements = {pairs} pairs")
    print(f"differ: rule score {diff_score}, hits/negated terms {diff_hits}, "
          f"negated-clause share {diff_clause}/{len(texts)} passages")
    for name in ("current", "spacy"):
        print(f"{name:<8} {times[name]:.3f} s = {len(texts) / times[name]:.0f} passages/s "
              f"(prepare + {len(reqs)} rules + clause share, best of {args.repeat})")
    print(f"spacy/current time ratio: {times['spacy'] / times['current']:.2f}")
    return rc


if __name__ == "__main__":
    sys.exit(main())
