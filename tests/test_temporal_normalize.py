"""Focused behaviour of the temporal normalizer (the examples the issue asks for)."""

from __future__ import annotations

import datetime as dt

import pytest

from storyline.analyze.temporal import find_timexes
from storyline.analyze.temporal.intervals import interval

MAY_9 = dt.date(2025, 5, 9)  # a Friday


def one(text: str, span: str, anchor: dt.date | None = MAY_9):
    """The Timex whose text is ``span`` (fails if it was not found)."""
    found = [t for t in find_timexes(text, anchor) if t.text == span]
    assert found, f"{span!r} not found in {[t.text for t in find_timexes(text, anchor)]}"
    return found[0]


@pytest.mark.parametrize(("text", "span", "type_", "value", "mod"), [
    ("Putin will travel to China at the end of August.", "the end of August", "DATE",
     "2025-08", "END"),
    ("Xi visited Moscow this week.", "this week", "DATE", "2025-W19", None),
    ("On September 3, Beijing is set to host a parade.", "September 3", "DATE",
     "2025-09-03", None),
    ("It happened in 2015.", "2015", "DATE", "2015", None),
    ("This was the case 10 years ago.", "10 years ago", "DATE", "2015", None),
    ("They met two years ago.", "two years ago", "DATE", "2023", None),
    ("They met last Tuesday.", "last Tuesday", "DATE", "2025-05-06", None),
    ("Trade grew over the past three years.", "the past three years", "DURATION", "P3Y",
     None),
    ("The ministry earlier this year announced talks.", "earlier this year", "DATE", "2025",
     "START"),
    ("Victory came in May 1945.", "May 1945", "DATE", "1945-05", None),
    ("Troops moved in on February 24, 2022.", "February 24, 2022", "DATE", "2022-02-24", None),
    ("He went in October 2023.", "October 2023", "DATE", "2023-10", None),
    ("He speaks today.", "today", "DATE", "2025-05-09", None),
    ("He spoke yesterday.", "yesterday", "DATE", "2025-05-08", None),
    ("He speaks tonight.", "tonight", "TIME", "2025-05-09TNI", None),
    ("Talks resume next month.", "next month", "DATE", "2025-06", None),
    ("The party was founded in the 1990s.", "the 1990s", "DATE", "199", None),
    ("Sales fell in the second quarter.", "the second quarter", "DATE", "2025-Q2", None),
    ("The talks lasted three days.", "three days", "DURATION", "P3D", None),
    ("The siege lasted weeks.", "weeks", "DURATION", "PXW", None),
    ("He recently resigned.", "recently", "DATE", "PAST_REF", None),
    ("Prices are now higher.", "now", "DATE", "PRESENT_REF", None),
    ("He is currently abroad.", "currently", "DATE", "PRESENT_REF", None),
    ("Nobody knows the future.", "the future", "DATE", "FUTURE_REF", None),
    ("The fair is held each year.", "each year", "SET", "P1Y", None),
    ("The paper appears weekly.", "weekly", "SET", "P1W", None),
    ("The vote opened at 10:30 a.m. Tuesday.", "10:30 a.m. Tuesday", "TIME",
     "2025-05-06T10:30", None),
    ("Mr Putin last visited China a year ago.", "a year ago", "DATE", "2024-05", None),
    ("It rained for more than two decades.", "more than two decades", "DURATION", "P20Y",
     "MORE_THAN"),
    ("The summit ended in the third quarter of 2024.", "the third quarter of 2024", "DATE",
     "2024-Q3", None),
    ("It was built in mid-1996.", "mid-1996", "DATE", "1996", "MID"),
    ("It was built in nineteen ninety-six.", "nineteen ninety-six", "DATE", "1996", None),
    ("They met on the third of September, 2024.", "the third of September, 2024", "DATE",
     "2024-09-03", None),
    ("They will meet on September 3rd.", "September 3rd", "DATE", "2025-09-03", None),
    ("The talks lasted two weeks.", "two weeks", "DURATION", "P2W", None),
])
def test_required_examples(text: str, span: str, type_: str, value: str,
                           mod: str | None) -> None:
    t = one(text, span)
    assert (t.type, t.value, t.mod) == (type_, value, mod)


def test_end_of_august_interval_is_the_last_third_of_the_month() -> None:
    t = one("Putin will travel to China at the end of August.", "the end of August")
    assert (t.begin, t.finish, t.granularity) == ("2025-08-21", "2025-08-31", "month")


def test_this_september_in_june_is_the_same_year() -> None:
    t = one("Putin will travel to Beijing this September.", "this September",
            dt.date(2025, 6, 15))
    assert t.value == "2025-09"


@pytest.mark.parametrize(("text", "value"), [
    ("The ministers met on Tuesday.", "2025-05-06"),
    ("The ministers will meet on Tuesday.", "2025-05-13"),
    ("The ministers plan to meet on Tuesday.", "2025-05-13"),
    ("The summit is set to open on Tuesday.", "2025-05-13"),
    ("The board said Tuesday it would meet again.", "2025-05-06"),
])
def test_bare_weekday_follows_the_tense_without_a_parse(text: str, value: str) -> None:
    assert one(text, "Tuesday").value == value


@pytest.mark.parametrize(("text", "anchor", "value"), [
    ("The talks were held in May.", dt.date(2025, 3, 1), "2024-05"),
    ("The talks will be held in May.", dt.date(2025, 3, 1), "2025-05"),
    ("The talks were held in May.", dt.date(2025, 6, 15), "2025-05"),
    ("The talks will be held in April.", dt.date(2025, 6, 15), "2026-04"),
])
def test_bare_month_year_follows_the_tense(text: str, anchor: dt.date, value: str) -> None:
    month = text.split(" in ")[1].rstrip(".")
    assert one(text, month, anchor).value == value


def test_may_the_verb_is_not_a_month() -> None:
    assert find_timexes("Officials May decide. It may rain.", MAY_9) == []


def test_without_anchor_relative_values_keep_placeholders() -> None:
    found = find_timexes("Talks resumed in August and again on Tuesday, after 2019.", None)
    values = {t.text: (t.value, t.anchor, t.begin) for t in found}
    assert values["August"] == ("XXXX-08", "none", None)
    assert values["Tuesday"][0] == "XXXX-WXX-2"
    assert values["2019"] == ("2019", "none", "2019-01-01")


def test_year_ago_can_be_year_granular() -> None:
    found = find_timexes("He visited a year ago.", MAY_9, fine_single_ago=False)
    assert [t.value for t in found] == ["2024"]


def test_financial_year_earlier_follows_the_quarter() -> None:
    text = "Third-quarter profit rose to $5 million from $4 million a year earlier."
    found = find_timexes(text, dt.date(1989, 10, 26))
    assert [t.value for t in found] == ["1989-Q3", "1988-Q3"]


def test_offsets_point_at_the_text() -> None:
    text = "On Friday, officials said talks would resume at the end of August."
    for t in find_timexes(text, MAY_9):
        assert text[t.start:t.end] == t.text


@pytest.mark.parametrize(("value", "mod", "expected"), [
    ("2025", "START", ("2025-01-01", "2025-04-30", "year")),
    ("2025", "END", ("2025-09-01", "2025-12-31", "year")),
    ("2025-Q2", None, ("2025-04-01", "2025-06-30", "quarter")),
    ("2025-W19", None, ("2025-05-05", "2025-05-11", "week")),
    ("2025-W19-WE", None, ("2025-05-10", "2025-05-11", "weekend")),
    ("2024-WI", None, ("2024-12-01", "2025-02-28", "season")),
    ("2025-SU", None, ("2025-06-01", "2025-08-31", "season")),
    ("199", None, ("1990-01-01", "1999-12-31", "decade")),
    ("2025-08", "MID", ("2025-08-11", "2025-08-20", "month")),
    ("P3Y", None, (None, None, None)),
])
def test_intervals(value: str, mod: str | None, expected: tuple) -> None:
    assert interval(value, mod) == expected


@pytest.mark.parametrize("anchor", [MAY_9, dt.date(1, 1, 1), dt.date(9999, 12, 31), None])
def test_out_of_range_arithmetic_does_not_crash(anchor: dt.date | None) -> None:
    text = ("It formed 5000 years ago, 99999999 days ago, over the past 5000 years, and "
            "will last 9000 years from now; Feb. 30 and 2021-02-30 are not dates.")
    found = find_timexes(text, anchor)
    assert "Feb. 30" not in {t.text for t in found}
    if anchor == MAY_9:
        assert {t.text: t.value for t in found}["5000 years ago"] == "PAST_REF"


def test_earlier_in_month_looks_back_even_in_a_future_sentence() -> None:
    text = "The September visit will follow Xi Jinping's trip to Moscow earlier in May."
    t = one(text, "earlier in May", dt.date(2025, 6, 15))
    assert (t.value, t.mod) == ("2025-05", "START")


def test_schedule_words_point_ahead() -> None:
    text = "The board cut the dividend, which is payable Jan. 2."
    assert one(text, "Jan. 2", dt.date(1989, 11, 2)).value == "1990-01-02"


def test_offsets_survive_characters_that_lower_to_two() -> None:
    text = "İİİİİİİİ İstanbul talks resumed on Tuesday, September 3, 2024 and İİ last week."
    found = find_timexes(text, MAY_9)
    assert [t.text for t in found] == ["Tuesday, September 3, 2024", "last week"]
    assert all(text[t.start:t.end] == t.text for t in found)
