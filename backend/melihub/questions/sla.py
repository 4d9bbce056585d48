"""When a buyer's question breaches the tenant's answer SLA, and how close to it a question stands.

Pure functions. ``due_at`` counts the SLA's minutes from the question's creation, only inside the
tenant's business hours when it has them (local days in its time zone, weekends and DST included: every
window is converted to UTC before minutes are counted). A question turns ``WARNING`` once 80 % of the span
from its creation to its due time has gone, ``BREACHED`` at the due time; the SQL twins of these
conditions (``state_condition``) filter and the SLA job (``sla_updates``) announce with the same rule.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from datetime import time as clock
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Interval, and_, false, literal_column, or_
from sqlmodel import col

from melihub.accounts.business_hours import BusinessHours
from melihub.accounts.models import Tenant
from melihub.questions.models import Question

OPEN_STATUS = "UNANSWERED"
WARNING_SHARE = 0.8
# Hours with one working minute a week still reach a week of SLA minutes well within this many days.
_MAX_DAYS = 7 * 7 * 24 * 60 + 7


class SlaState(StrEnum):
    OK = "OK"
    WARNING = "WARNING"
    BREACHED = "BREACHED"
    ANSWERED = "ANSWERED"  # nothing waits for an answer any more (answered, closed, banned, deleted)


def due_at(created: datetime, minutes: int, business_hours: BusinessHours | None, time_zone: str) -> datetime:
    """``minutes`` after ``created`` (aware), counting only business minutes when hours are set; in UTC."""
    start = created.astimezone(UTC)
    if business_hours is None:
        return start + timedelta(minutes=minutes)
    zone = ZoneInfo(time_zone)
    left = timedelta(minutes=minutes)
    day = start.astimezone(zone).date()
    for _ in range(_MAX_DAYS):
        if day.isoweekday() in business_hours.days:
            opens, closes = _window(day, business_hours, zone)
            begin = max(start, opens)
            if begin < closes:
                if left <= closes - begin:
                    return begin + left
                left -= closes - begin
        day += timedelta(days=1)
    raise ValueError("business hours leave no time to count the SLA in")


def _window(day: date, hours: BusinessHours, zone: ZoneInfo) -> tuple[datetime, datetime]:
    """The day's working window in UTC (a local time in a DST gap or fold takes its first reading)."""

    def at(moment: clock) -> datetime:
        return datetime.combine(day, moment, tzinfo=zone).astimezone(UTC)

    return at(hours.start), at(hours.end)


def warning_at(created: datetime, due: datetime) -> datetime:
    """The question's warning point: 80 % of the way from its creation to its due time."""
    return created + (due - created) * WARNING_SHARE


def sla_state(question: Question, now: datetime) -> SlaState:
    if question.status != OPEN_STATUS:
        return SlaState.ANSWERED
    due = question.sla_due_at
    if due is None:
        return SlaState.OK
    if now >= due:
        return SlaState.BREACHED
    if question.date_created is not None and now >= warning_at(question.date_created, due):
        return SlaState.WARNING
    return SlaState.OK


def response_seconds(question: Question) -> int | None:
    """Seconds from the question to its answer, once answered."""
    if question.answered_at is None or question.date_created is None:
        return None
    return max(0, int((question.answered_at - question.date_created).total_seconds()))


def tenant_due_at(created: datetime | None, tenant: Tenant) -> datetime | None:
    """``due_at`` under a tenant row's settings; None for a question without a creation time."""
    if created is None:
        return None
    return due_at(created, tenant.question_sla_minutes, BusinessHours.of(tenant.business_hours), tenant.time_zone)


# ---- the same rules in SQL (filters, the SLA job) --------------------------------------------------


def open_condition() -> Any:
    # A literal, so the planner matches the partial index ix_questions_tenant_open_sla.
    return col(Question.status) == literal_column(f"'{OPEN_STATUS}'")


def warning_point() -> Any:
    created, due = col(Question.date_created), col(Question.sla_due_at)
    return created + (due - created).self_group().op("*", return_type=Interval())(WARNING_SHARE)


def state_condition(state: SlaState, now: datetime) -> Any:
    """The WHERE clause of the questions ``sla_state`` puts in ``state`` at ``now``."""
    due = col(Question.sla_due_at)
    if state is SlaState.ANSWERED:
        return col(Question.status) != literal_column(f"'{OPEN_STATUS}'")
    if state is SlaState.BREACHED:
        return and_(open_condition(), due <= now)
    if state is SlaState.WARNING:
        return and_(open_condition(), due > now, col(Question.date_created).is_not(None), warning_point() <= now)
    if state is SlaState.OK:
        return and_(
            open_condition(),
            or_(due.is_(None), and_(due > now, or_(col(Question.date_created).is_(None), warning_point() > now))),
        )
    return false()


def states_condition(states: list[SlaState], now: datetime) -> Any:
    return or_(*(state_condition(state, now) for state in dict.fromkeys(states)))
