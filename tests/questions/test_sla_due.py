"""The SLA clock: minutes counted round the clock, or only inside business hours (local, DST-safe), and
the state a question is in at a moment: OK, WARNING from 80 % of the way to due, BREACHED at due."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from melihub.accounts.business_hours import BusinessHours, InvalidBusinessHours
from melihub.questions.models import Question
from melihub.questions.sla import SlaState, due_at, response_seconds, sla_state

SAO_PAULO = ZoneInfo("America/Sao_Paulo")
NEW_YORK = ZoneInfo("America/New_York")
WEEKDAYS_9_TO_6 = BusinessHours.build([1, 2, 3, 4, 5], "09:00", "18:00")


def local(zone: ZoneInfo, *parts: int) -> datetime:
    return datetime(*parts, tzinfo=zone)  # type: ignore[misc]


def test_round_the_clock_the_sla_is_plain_minutes() -> None:
    created = local(SAO_PAULO, 2025, 3, 14, 23, 30)
    assert due_at(created, 60, None, "America/Sao_Paulo") == created + timedelta(hours=1)
    assert due_at(created, 60, None, "America/Sao_Paulo").tzinfo == UTC


def test_a_friday_evening_question_is_due_on_monday_morning() -> None:
    friday = local(SAO_PAULO, 2025, 3, 14, 17, 50)
    assert due_at(friday, 60, WEEKDAYS_9_TO_6, "America/Sao_Paulo") == local(SAO_PAULO, 2025, 3, 17, 9, 50)


def test_before_opening_and_at_the_weekend_the_clock_waits_for_opening() -> None:
    early = local(SAO_PAULO, 2025, 3, 12, 6, 0)  # Wednesday
    assert due_at(early, 30, WEEKDAYS_9_TO_6, "America/Sao_Paulo") == local(SAO_PAULO, 2025, 3, 12, 9, 30)
    saturday = local(SAO_PAULO, 2025, 3, 15, 11, 0)
    assert due_at(saturday, 60, WEEKDAYS_9_TO_6, "America/Sao_Paulo") == local(SAO_PAULO, 2025, 3, 17, 10, 0)
    late = local(SAO_PAULO, 2025, 3, 12, 18, 0)  # closing time itself counts nothing
    assert due_at(late, 1, WEEKDAYS_9_TO_6, "America/Sao_Paulo") == local(SAO_PAULO, 2025, 3, 13, 9, 1)


def test_a_long_sla_spans_several_business_days() -> None:
    monday = local(SAO_PAULO, 2025, 3, 10, 9, 0)
    # 9 hours a day: 20 hours are two full days and two hours of the third.
    assert due_at(monday, 20 * 60, WEEKDAYS_9_TO_6, "America/Sao_Paulo") == local(SAO_PAULO, 2025, 3, 12, 11, 0)
    assert due_at(monday, 9 * 60, WEEKDAYS_9_TO_6, "America/Sao_Paulo") == local(SAO_PAULO, 2025, 3, 10, 18, 0)


def test_hours_are_counted_in_real_minutes_across_a_dst_change() -> None:
    # New York springs forward on Sunday 2025-03-09 at 02:00: 01:00-05:00 that day holds 3 real hours.
    sundays = BusinessHours.build([7], "01:00", "05:00")
    created = local(NEW_YORK, 2025, 3, 9, 1, 0)
    assert due_at(created, 180, sundays, "America/New_York") == local(NEW_YORK, 2025, 3, 9, 5, 0)
    assert due_at(created, 200, sundays, "America/New_York") == local(NEW_YORK, 2025, 3, 16, 1, 20)
    friday = local(NEW_YORK, 2025, 3, 7, 17, 50)
    assert due_at(friday, 60, WEEKDAYS_9_TO_6, "America/New_York") == local(NEW_YORK, 2025, 3, 10, 9, 50)


@pytest.mark.parametrize(
    ("days", "start", "end"),
    [
        ([], "09:00", "18:00"),
        ([1, 1], "09:00", "18:00"),
        ([0], "09:00", "18:00"),
        ([8], "09:00", "18:00"),
        ([1], "18:00", "09:00"),
        ([1], "09:00", "09:00"),
        ([1], "9h", "18:00"),
        ([1], "24:00", "25:00"),
    ],
)
def test_hours_without_a_working_window_are_refused(days: list[int], start: str, end: str) -> None:
    with pytest.raises(InvalidBusinessHours):
        BusinessHours.build(days, start, end)


def question(status: str = "UNANSWERED", minutes: int = 60, answered_after: int | None = None) -> Question:
    created = datetime(2025, 3, 14, 12, 0, tzinfo=UTC)
    return Question(
        ml_id=1,
        item_ml_id="MLB1",
        status=status,
        date_created=created,
        sla_due_at=created + timedelta(minutes=minutes),
        answered_at=created + timedelta(seconds=answered_after) if answered_after is not None else None,
    )


def test_the_state_turns_warning_at_eighty_percent_and_breached_at_due() -> None:
    asked = question()
    assert asked.date_created is not None
    at = {m: asked.date_created + timedelta(minutes=m) for m in (0, 47, 48, 50, 59, 60, 61)}
    assert [sla_state(asked, at[m]) for m in sorted(at)] == [
        SlaState.OK,
        SlaState.OK,
        SlaState.WARNING,
        SlaState.WARNING,
        SlaState.WARNING,
        SlaState.BREACHED,
        SlaState.BREACHED,
    ]


def test_an_answered_question_is_answered_whatever_the_time() -> None:
    answered = question("ANSWERED", answered_after=754)
    assert sla_state(answered, datetime(2030, 1, 1, tzinfo=UTC)) is SlaState.ANSWERED
    assert response_seconds(answered) == 754
    assert response_seconds(question()) is None
