"""Story titles: the most representative member headline, never a dateline or lead fragment."""

from __future__ import annotations

import numpy as np

from storyline.stories.features import ArticleFeatures, StoryState
from storyline.stories.titles import story_title, usable_headline


def _member(aid: str, vector: list[float], title: str | None, lead: str = "") -> ArticleFeatures:
    v = np.array(vector, dtype=np.float32)
    return ArticleFeatures(id=aid, vector=v / np.linalg.norm(v), title=title, lead=lead)


def test_the_most_central_headline_wins_whatever_the_order() -> None:
    members = [
        _member("a", [1.0, 0.9, 0.0], "Floods close schools across the valley"),
        _member("b", [0.0, 1.0, 1.0], "Valley residents count the cost"),
        _member("c", [1.0, 0.0, 0.2], "Heavy rain expected"),
    ]
    titles = set()
    for order in (members, members[::-1], members[1:] + members[:1]):
        state = StoryState(id="s", dim=3)
        for m in order:
            state.add(m)
        titles.add(story_title(state))
    assert titles == {"Floods close schools across the valley"}


def test_datelines_and_labels_are_not_headlines() -> None:
    assert not usable_headline("WASHINGTON (AP) —")
    assert not usable_headline("BREAKING NEWS UPDATE")
    assert not usable_headline("Politics")
    assert usable_headline("Senate passes the budget after a long night")


def test_without_headlines_no_dateline_in_the_title() -> None:
    state = StoryState(id="s", dim=3)
    state.add(_member("a", [1, 0, 0], "WASHINGTON (AP) —",
                      lead="WASHINGTON (AP) — The Senate passed the budget on Friday."))
    assert story_title(state) == "The Senate passed the budget on Friday"
