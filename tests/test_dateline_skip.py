"""find_dateline skips dateparser only for lines its own test would reject anyway."""

from __future__ import annotations

import re

import pytest

from storyline.clean import metadata as m

LINES = [
    "Updated 4/11/2007 1:26 PM",
    "Story Created: Aug 7, 2012 at 9:56 AM AKDT",
    "07 June 2013",
    "Fri., May. 3, 2013 11: 45 AM",
    "Last updated on 3 May 2013 by the newsroom staff.",
    "Posted by the news desk on 3 May 2013 after the vote was counted.",
    "The two leaders last met in Lima on 3 December 2025, when they signed a deal.",
    "Police said 4338 demonstrators had been detained on 3 May 2013 in the capital.",
    "More than 68,000 people gathered in the centre of Canberra on Friday.",
    "Officials confirmed the figures on 4 May 2013",
    "zzzfoo 3 May 2013 bar baz qux quux",
]


def _accepted(line: str) -> tuple[str, str] | None:
    """The dateline test of find_dateline, always asking dateparser."""
    tidy = re.sub(r"(\d)\s*:\s*(\d)", r"\1:\2", re.sub(r"(?<=[A-Za-z])\.", "", line))
    hit = m._search(tidy)
    if hit is None:
        return None
    rest = tidy.replace(hit[1], " ").lower().replace(":", " ").split()
    words = [w.strip(",;") for w in rest if any(c.isalpha() for c in w)]
    cued = bool(m._DATELINE_CUES & set(words[:3]))
    sentence = line.rstrip().endswith(".") and len(words) > 1
    return hit if cued or (len(words) <= m._MAX_OTHER_WORDS and not sentence) else None


@pytest.mark.parametrize("line", LINES)
def test_same_answer_with_and_without_the_skip(line: str) -> None:
    assert m.find_dateline(line) == _accepted(line)


def test_sentences_without_cues_are_skipped_and_datelines_are_not() -> None:
    def skip(line: str) -> bool:
        tidy = re.sub(r"(?<=[A-Za-z])\.", "", line)
        return m._never_a_dateline(line, tidy)

    assert skip("The two leaders last met in Lima on 3 December 2025, when they signed a deal.")
    assert skip("More than 68,000 people gathered in the centre of Canberra on Friday.")
    assert _accepted("The two leaders last met in Lima on 3 December 2025, when they "
                     "signed a deal.") is None
    for line in LINES[:6]:
        assert not skip(line)
    assert not skip("zzzfoo 3 May 2013 bar baz qux quux")  # a lowercase time-zone prefix
