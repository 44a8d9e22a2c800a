"""The contract between a rule kind (criteria.rules) and the check that interprets it.

A check is registered with ``@rule_check(WordRangeRule, codes=...)``: the decorator ties
the rule class (and so its ``kind``) to the function, and returns a :class:`RuleCheck`
that runs the function and then applies what every rule may say in YAML, in one place:

* ``code:`` replaces the finding codes listed in ``codes`` (the rule's verdict); findings
  the check emits under other codes (a partial result such as EMBEDDED_SEAL, an info
  listing, a second verdict with its own meaning) keep theirs.
* ``severity:`` replaces :data:`RULE_SEVERITY` on the findings whose code is in ``codes``
  or ``also_rule_severity``. A check builds those findings with ``RULE_SEVERITY``; one
  that deliberately reports another severity (a warning for an inconclusive result, a
  severity of its own such as ``fraction_severity``) writes that severity and keeps it.
* ``id:`` is the finding's requirement. Kinds registered with ``own_requirement=True``
  link their findings to a requirement of the report instead (``field.<key>``, an
  attachment id, ``eligibility.region``, an indicator id); for them the rule's id only
  fills a finding that names none.

checks.registry collects the registrations and checks at import that every kind of the
schema's ``Rule`` union has exactly one check."""
from __future__ import annotations

import typing
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from checks.context import CheckContext
from criteria.rules import RuleBase
from models import Finding, FindingCode, Severity

R = TypeVar("R", bound=RuleBase)
RuleCheckFn = Callable[[R, CheckContext], list[Finding]]

# The severity a check gives the findings that carry its rule's verdict; the rule's
# ``severity:`` replaces it (see the module docstring).
RULE_SEVERITY = Severity.error


def rule_kind(rule_type: type[RuleBase]) -> str:
    """The ``kind`` literal of a rule class."""
    annotation = rule_type.model_fields["kind"].annotation
    args = typing.get_args(annotation)
    if typing.get_origin(annotation) is not typing.Literal or len(args) != 1 \
            or not isinstance(args[0], str):
        raise TypeError(f"{rule_type.__name__}.kind is not a single string Literal")
    return args[0]


@dataclass(frozen=True)
class RuleCheck(Generic[R]):
    """A rule kind's check, with the contract applied to what it returns."""

    rule_type: type[R]
    check: Callable[[R, CheckContext], list[Finding]]
    # The verdict codes: ``code:`` replaces these; they take the rule's severity.
    codes: frozenset[FindingCode]
    # Further codes built at the rule's severity that ``code:`` does not replace.
    also_rule_severity: frozenset[FindingCode] = frozenset()
    # The check names each finding's requirement (a report requirement), the rule's id
    # only fills a blank one.
    own_requirement: bool = False

    @property
    def kind(self) -> str:
        return rule_kind(self.rule_type)

    @property
    def __name__(self) -> str:  # what a traceback or a log line calls the check
        return getattr(self.check, "__name__", repr(self.check))

    def __call__(self, rule: R, ctx: CheckContext) -> list[Finding]:
        return self.finish(rule, self.check(rule, ctx))

    def finish(self, rule: R, found: list[Finding]) -> list[Finding]:
        """Apply the rule's ``code:``, ``severity:`` and ``id`` to the check's findings."""
        if rule.code and not self.codes and found:
            raise ValueError(f"rule kind {self.kind!r} reports several verdicts and takes no code:")
        severity = Severity(rule.severity)
        for f in found:
            if f.severity is RULE_SEVERITY and \
                    (f.code in self.codes or f.code in self.also_rule_severity):
                f.severity = severity
            if f.code in self.codes:
                f.code = rule.finding_code(f.code)
            if rule.id and (not self.own_requirement or not f.requirement):
                f.requirement = rule.id
        return found


def _where(fn: Callable[..., object]) -> str:
    return f"{getattr(fn, '__module__', '')}.{getattr(fn, '__qualname__', repr(fn))}"


# Every registered check, by kind (filled by the decorator when checks/ is imported).
REGISTERED: dict[str, RuleCheck[Any]] = {}


def rule_check(rule_type: type[R], *, codes: Iterable[FindingCode],
               also_rule_severity: Iterable[FindingCode] = (),
               own_requirement: bool = False) -> Callable[[RuleCheckFn[R]], RuleCheck[R]]:
    """Register the decorated function as the check of ``rule_type``'s kind."""

    def register(fn: RuleCheckFn[R]) -> RuleCheck[R]:
        entry = RuleCheck(rule_type, fn, frozenset(codes), frozenset(also_rule_severity),
                          own_requirement)
        kind = entry.kind
        if kind in REGISTERED and _where(REGISTERED[kind].check) != _where(fn):
            raise TypeError(f"rule kind {kind!r} has two checks: "
                            f"{REGISTERED[kind].__name__} and {entry.__name__}")
        REGISTERED[kind] = entry
        return entry

    return register
