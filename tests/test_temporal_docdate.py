"""Document date inference (docdate), dates in words, and the year chosen by tense."""

from __future__ import annotations

import datetime as dt

import pytest

from storyline.analyze.temporal import find_timexes
from storyline.analyze.temporal.docdate import arithmetic_years, infer_document_date
from storyline.analyze.temporal.stage import resolve_inferred
from storyline.analyze.temporal.words import describe_value
from storyline.clean.metadata import find_dateline, url_date
from storyline.config import Options
from storyline.model import Article
from storyline.pipeline import registry
from storyline.stories.timeline import story_timeline


def infer(text: str, url: str | None = None):  # type: ignore[no-untyped-def]
    return infer_document_date(text, find_timexes(text, None),
                               dateline=find_dateline(text, url))


@pytest.mark.parametrize("text, day", [
    ("Storm hits coast\n\nUpdated 4/11/2007 1:26 PM\n\nThe storm hit on Tuesday.", "2007-04-11"),
    ("Story Created: Aug 7, 2012 at 9:56 AM AKDT\n\nA fire broke out.", "2012-08-07"),
    ("By Reuters, 07 June 2013\n\nTalks resumed on Friday.", "2013-06-07"),
])
def test_datelines_near_the_top(text: str, day: str) -> None:
    found = infer(text)
    assert found is not None and (found.begin, found.finish, found.anchor) == (day, day, day)
    assert found.confidence >= 0.9 and found.cues[0].startswith("dateline")


def test_a_date_inside_a_sentence_is_not_a_dateline() -> None:
    assert find_dateline("The two men met on 07 June 2013 in the capital after a long day "
                         "of talks about the border and trade.") is None


def test_url_dates() -> None:
    assert url_date("https://www.example.com/news/2013/05/03/story") == "2013-05-03"
    assert url_date("http://articles.example.com/2013/may/03/local/story") == "2013-05-03"
    assert url_date("https://www.example.com/article/abc-123") is None
    found = infer("Officials said on Friday that talks resumed.",
                  url="https://www.example.com/2013/05/03/talks")
    assert found is not None and found.anchor == "2013-05-03" and "URL" in found.cues[0]


@pytest.mark.parametrize("text, year", [
    ("This was the case 10 years ago, in 2015, and will be again.", 2025),
    ("In 1990, some twenty years ago, the wall fell.", 2010),
    ("Crowds marked the 80th anniversary of the end of the Second World War.", 2025),
    ("The city held events for the 25th anniversary of the fall of the Berlin Wall.", 2014),
    ("Veterans gathered for the 50th anniversary of the 1944 landings.", 1994),
    ("Unlike last year's 2012 vote, turnout was high.", 2013),
])
def test_arithmetic_cues(text: str, year: int) -> None:
    assert [y for y, _ in arithmetic_years(text)] == [year]


def test_an_anniversary_dated_by_its_own_sentence_is_not_the_document_year() -> None:
    assert arithmetic_years("In 2015, China marked the 70th anniversary of the defeat of "
                            "Japan with a parade.") == []


def test_year_from_cues_bounded_by_reported_dates() -> None:
    text = ("Russia will hold a parade for the 80th anniversary of the end of the Second "
            "World War. The leaders last met in September 2024 and in March 2025.")
    found = infer(text)
    assert found is not None and found.begin.startswith("2025") and found.finish == "2025-12-31"
    assert found.begin >= "2025-03-01"  # narrowed by the reported March 2025
    assert 0.6 <= found.confidence < 0.9


def test_latest_reported_day_is_the_last_resort_anchor() -> None:
    found = infer("The treaty was signed on March 3, 2014. On June 5, 2015 the parties met.")
    assert found is not None and found.anchor == "2015-06-05" and found.begin == "2015-06-05"


def test_a_reported_year_puts_the_document_after_it() -> None:
    found = infer("Trade between the two countries reached $245 billion in 2024.")
    assert found is not None and found.anchor.startswith("2025")


def test_no_date_in_the_text_gives_none() -> None:
    assert infer("Talks resumed on Friday and will continue next week.") is None


def test_deictic_words_keep_only_the_year_against_a_wide_interval() -> None:
    text = ("Xi visited Moscow this week for the 80th anniversary of the end of the Second "
            "World War. Putin will travel to China at the end of August.")
    found = infer(text)
    assert found is not None
    by_text = {t.text: t for t in resolve_inferred(text, found, find_timexes(text, None))}
    assert by_text["this week"].value == "2025" and by_text["this week"].anchor == "inferred"
    assert by_text["the end of August"].value == "2025-08"


def test_stage_never_overwrites_a_publication_date() -> None:
    stage = registry.get("temporal").factory(Options())
    art = stage(Article(text="This was the case 10 years ago, in 2015.", published="2030-01-02"))
    assert art.inferred_date is None and art.published == "2030-01-02"
    undated = stage(Article(text="This was the case 10 years ago, in 2015."))
    assert undated.inferred_date is not None and undated.inferred_date.begin == "2025-01-01"
    explicit = {t.text: t.anchor for t in undated.timexes}
    assert explicit["2015"] == "none" and explicit["10 years ago"] == "inferred"


def test_inferred_date_round_trips_through_the_store(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from storyline.store import Store

    store = Store(f"sqlite:///{tmp_path / 'd.db'}")
    stage = registry.get("temporal").factory(Options())
    art = stage(Article(text="This was the case 10 years ago, in 2015, said officials."))
    art.ensure_id()
    store.add_articles([art])
    store.save_annotations([art])
    back = store.get_article(art.id)
    assert back.inferred_date == art.inferred_date


@pytest.mark.parametrize("value, mod, words", [
    ("2013-03-11TNI", None, "the night of 11 March 2013"),
    ("XXXX-WXX-6", None, "a Saturday"),
    ("PRESENT_REF", None, "now"),
    ("2025-08", "END", "late August 2025"),
    ("XXXX-09", None, "September (year unknown)"),
    ("2025-W19", None, "the week of 5 May 2025"),
    ("199", None, "the 1990s"),
    ("2025-Q2", None, "the second quarter of 2025"),
])
def test_values_in_words(value: str, mod: str | None, words: str) -> None:
    assert describe_value(value, mod) == words


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    from storyline.analyze.parse import load_nlp

    return load_nlp(Options().analysis.spacy_model)


@pytest.mark.parametrize("text, by_tense, value", [
    ("Putin visited China at the end of August.", True, "2024-08"),
    ("Putin visited China at the end of August.", False, "2025-08"),
    ("Putin will visit China at the end of August.", True, "2025-08"),
    ("Putin visited China in July.", True, "2025-07"),
    ("The court ruled he must leave by Aug. 14.", True, "2025-08-14"),
])
def test_year_by_tense(nlp, text: str, by_tense: bool, value: str) -> None:  # type: ignore[no-untyped-def]
    (t,) = find_timexes(text, dt.date(2025, 7, 1), doc=nlp(text), year_by_tense=by_tense)
    assert t.value == value


def test_story_timeline_falls_back_to_every_dated_event() -> None:
    from storyline.model import Event, Timex

    tx = Timex(0, 7, "Tuesday", "DATE", "2013-05-14", begin="2013-05-14", finish="2013-05-14")
    art = Article(id="a", text="x" * 40, events=[
        Event(0, 40, "x", "announcement", "announced", actors=["Health Department"], time=tx)])
    tl = story_timeline([art], ["Someone Else"])
    assert [e.begin for e in tl.entries] == ["2013-05-14"]
    assert tl.entries[0].shown_date() == "14 May 2013"


def test_migration_6_adds_the_column_to_an_older_database(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import create_engine, inspect, text

    from storyline.store import Store

    url = f"sqlite:///{tmp_path / 'old.db'}"
    Store(url).engine.dispose()
    engine = create_engine(url)
    with engine.begin() as conn:  # make it look like a database from before migration 6
        conn.execute(text("ALTER TABLE articles DROP COLUMN inferred_date"))
        conn.execute(text("DELETE FROM schema_migrations WHERE version = 6"))
    engine.dispose()
    store = Store(url)
    assert "inferred_date" in {c["name"] for c in inspect(store.engine).get_columns("articles")}
