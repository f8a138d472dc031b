"""Attribution patterns of the quotes stage, one behaviour per test."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from storyline.config import default_options
from storyline.model import Article, Quote
from storyline.pipeline import Pipeline

Run = Callable[[str], list[Quote]]


@pytest.fixture(scope="module")
def run() -> Callable[[str], list[Quote]]:
    pipeline = Pipeline(["parse", "entities", "quotes"], default_options())

    def _run(text: str) -> list[Quote]:
        return pipeline(Article(text=text)).quotes

    return _run


def test_transcript_labels_resolve_to_people(run: Run) -> None:
    text = ("Chris Wallace interviewed Mike Pence on Sunday.\n\n"
            "WALLACE: Will the debate go ahead tomorrow night?\n\n"
            "PENCE: Yes, and we are looking forward to it.\n\n"
            "UPDATE: The debate starts at nine.")
    quotes = run(text)
    assert [(q.speaker, q.speaker_text, q.cue) for q in quotes] == [
        ("Chris Wallace", "WALLACE", ":"), ("Mike Pence", "PENCE", ":")]
    assert quotes[1].text == "Yes, and we are looking forward to it."


def test_pronoun_speaker_resolves_to_previous_person(run: Run) -> None:
    quotes = run("Judge Helen Frost spoke after the hearing. “The law is clear,” she said.")
    assert [(q.speaker, q.speaker_text) for q in quotes] == [("Helen Frost", "she")]


def test_split_quote_is_one_quote(run: Run) -> None:
    quotes = run("“Prices have stabilised,” Paul Okafor said, “and we expect inflation to fall.”")
    assert len(quotes) == 1
    assert quotes[0].text == "Prices have stabilised and we expect inflation to fall."


def test_according_to(run: Run) -> None:
    text = "The suspect fled on foot, according to the police."
    (q,) = run(text)
    assert (q.cue, q.speaker, q.kind) == ("according to", "the police", "indirect")
    assert q.text == "The suspect fled on foot"
    assert q.cue_start is not None and text[q.cue_start:q.cue_end] == "according to"


def test_speech_inside_a_quote_belongs_to_the_quoted_speaker(run: Run) -> None:
    quotes = run("“My father told me that hard work pays,” Ana Ruiz said.")
    assert [(q.speaker, q.kind) for q in quotes] == [("Ana Ruiz", "direct")]


def test_subject_of_a_with_phrase_is_not_the_speaker_of_the_main_verb(run: Run) -> None:
    quotes = run("Kenya and Uganda continue to expand their rail partnership, with the "
                 "ministry confirming that the new line will open in March.")
    assert [(q.speaker_text, q.cue) for q in quotes] == [("the ministry", "confirm")]


def test_pro_form_answers_are_what_was_said(run: Run) -> None:
    quotes = run("Asked whether the mayor should resign, 62 percent of residents said yes.")
    said = [q for q in quotes if q.cue == "say"]
    assert [(q.speaker_text, q.text) for q in said] == [("62 percent of residents", "yes")]


def test_a_share_of_people_polled_can_be_a_source(run: Run) -> None:
    [quote] = run("Four in 10 say the plan is too expensive.")
    assert (quote.speaker_text, quote.text) == ("Four in 10", "the plan is too expensive")


def test_a_time_in_a_short_first_line_is_not_a_speaker_label(run: Run) -> None:
    quotes = run("At 10:30 the ferry left the harbour.")
    assert not [q for q in quotes if q.cue == ":"]
