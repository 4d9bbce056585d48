"""A listing's score from its facts: the weighted share of the rules that apply, and a finding per rule
that cost points (its severity by the points it cost)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from melihub.insights.rules import JUDGES, WEIGHTS, ListingFacts, Outcome, Rule


class Level(StrEnum):
    BASIC = "BASIC"  # below 50
    SATISFACTORY = "SATISFACTORY"  # 50 to 79
    PROFESSIONAL = "PROFESSIONAL"  # 80 and up


class Severity(StrEnum):
    HIGH = "HIGH"  # costs 6 points or more
    MEDIUM = "MEDIUM"  # 3 to 6
    LOW = "LOW"


@dataclass(frozen=True)
class Computed:
    value: int
    level: Level
    findings: list[dict[str, Any]]  # {rule, severity, pointsLost, evidence}, most points lost first

    @property
    def failed_rules(self) -> list[str]:
        return [finding["rule"] for finding in self.findings]

    @property
    def points_lost(self) -> dict[str, float]:
        return {finding["rule"]: finding["pointsLost"] for finding in self.findings}


def level_of(value: int) -> Level:
    return Level.PROFESSIONAL if value >= 80 else Level.SATISFACTORY if value >= 50 else Level.BASIC


def severity_of(points: float) -> Severity:
    return Severity.HIGH if points >= 6 else Severity.MEDIUM if points >= 3 else Severity.LOW


def compute(facts: ListingFacts) -> Computed:
    outcomes: dict[Rule, Outcome] = {}
    for rule, judge in JUDGES.items():
        outcome = judge(facts)
        if outcome is not None:
            outcomes[rule] = outcome
    total = sum(WEIGHTS[rule] for rule in outcomes)
    if not total:
        return Computed(0, Level.BASIC, [])
    earned = sum(WEIGHTS[rule] * outcome.share for rule, outcome in outcomes.items())
    value = round(100 * earned / total)
    findings: list[dict[str, Any]] = []
    for rule, outcome in outcomes.items():
        if outcome.share >= 1:
            continue
        lost = round(100 * WEIGHTS[rule] * (1 - outcome.share) / total, 1)
        findings.append(
            {"rule": rule.value, "severity": severity_of(lost).value, "pointsLost": lost, "evidence": outcome.evidence}
        )
    findings.sort(key=lambda finding: (-float(finding["pointsLost"]), str(finding["rule"])))
    return Computed(value, level_of(value), findings)
