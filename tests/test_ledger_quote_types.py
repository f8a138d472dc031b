"""The fact ledger's "who announced" facts come from reported speech only: a source who
praised or criticized an event did not announce it."""

from __future__ import annotations

import pytest

from storyline.model import Article, Quote
from storyline.stories.ledger import build_ledger
from tests.test_ledger_gold import FIXTURES, load_story


def _announcers(quote_type: str) -> set[str]:
    articles, _expected = load_story(FIXTURES / "06_roles.json")
    praising: Article = next(a for a in articles if "praised" in a.text)
    text = praising.text
    content = "the planned royal trip to Oslo in June"
    start, cue = text.index(content), text.index("praised")
    praising.quotes.append(Quote(
        start, start + len(content), content, "indirect", "Ada Moss", text.index("Senator"),
        cue - 1, "Senator Ada Moss", "praise", cue, cue + len("praised"), type=quote_type))
    ledger = build_ledger(articles, "roles")
    return {v.value for f in ledger.facts if f.slot == "announcer" for v in f.values}


@pytest.mark.parametrize(("quote_type", "announces"), [
    ("evaluation", False), ("belief", False), ("speech", True)])
def test_only_speech_quotes_name_announcers(quote_type: str, announces: bool) -> None:
    names = _announcers(quote_type)
    assert "Ivo Brandt" in names  # the fixture's own announcer, unaffected
    assert ("Ada Moss" in names) is announces
