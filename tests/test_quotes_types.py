"""Attribution types of the quotes stage: beliefs, intentions, evaluations, perceptions and
knowledge besides speech, the scope option, and how typed quotes are stored and used."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from storyline.analyze.quotes import quote_types
from storyline.config import default_options
from storyline.errors import ConfigError
from storyline.model import Article, Quote
from storyline.pipeline import Pipeline

Run = Callable[[str], list[Quote]]


@pytest.fixture(scope="module")
def run() -> Run:
    pipeline = Pipeline(["parse", "entities", "quotes"], default_options())

    def _run(text: str) -> list[Quote]:
        return pipeline(Article(text=text)).quotes

    return _run


def _one(quotes: list[Quote]) -> Quote:
    assert len(quotes) == 1, [(q.type, q.cue, q.text) for q in quotes]
    return quotes[0]


@pytest.mark.parametrize(("text", "type_", "cue", "speaker", "content"), [
    ("Senator Ada Park believes that the new tax will fail.",
     "belief", "believe", "Ada Park", "the new tax will fail"),
    ("Mayor Tom Reyes wants to build a second bridge.",
     "intention", "want", "Tom Reyes", "to build a second bridge"),
    ("Governor Luis Ortega criticized the budget for its deep cuts.",
     "evaluation", "criticize", "Luis Ortega", "the budget for its deep cuts"),
    ("Governor Luis Ortega called the plan a disaster.",
     "evaluation", "call", "Luis Ortega", "the plan a disaster"),
    ("Several residents saw the truck hit the barrier.",
     "perception", "see", "Several residents", "the truck hit the barrier"),
    ("The minister knew that the report was false.",
     "knowledge", "know", "The minister", "the report was false"),
])
def test_verb_attributions_have_their_type(run: Run, text: str, type_: str, cue: str,
                                           speaker: str, content: str) -> None:
    q = _one(run(text))
    assert (q.type, q.cue, q.speaker, q.text) == (type_, cue, speaker, content)


def test_call_for_is_a_demand_so_speech(run: Run) -> None:
    # "called the plan a disaster" (above) is an evaluation; "called for" asks for something.
    q = _one(run("Senator Ada Park called for new elections."))
    assert (q.type, q.cue, q.text) == ("speech", "call", "new elections")


def test_predicative_adjective(run: Run) -> None:
    q = _one(run("Teachers' unions are critical of the reform."))
    assert (q.type, q.cue, q.speaker_text, q.text) == (
        "evaluation", "critical", "Teachers' unions", "the reform")


def test_nominal_attribution_with_possessor(run: Run) -> None:
    text = "Ortega's call for new elections surprised observers."
    q = _one(run(text))
    assert (q.type, q.cue, q.speaker, q.text) == ("speech", "call", "Ortega", "new elections")
    assert q.cue_start is not None and text[q.cue_start:q.cue_end] == "call for"


def test_nested_attribution_keeps_the_outer_one(run: Run) -> None:
    q = _one(run("Mayor Ann Cole said the council believes the plan is sound."))
    assert (q.type, q.speaker, q.text) == ("speech", "Ann Cole",
                                           "the council believes the plan is sound")


def test_relative_pronoun_source_names_its_antecedent(run: Run) -> None:
    text = "Carla Mendes, who praised the deal, left early."
    q = _one(run(text))
    assert (q.type, q.speaker, q.speaker_text, q.text) == (
        "evaluation", "Carla Mendes", "who", "the deal")


def test_participle_source_is_the_noun_it_describes(run: Run) -> None:
    q = _one(run("Donors gave money to a group backing Senator Ada Park."))
    assert (q.cue, q.speaker_text, q.text) == ("back", "a group", "Senator Ada Park")


def test_passive_with_agent(run: Run) -> None:
    q = _one(run("The plan was endorsed by the regional council."))
    assert (q.cue, q.speaker_text, q.text) == ("endorse", "the regional council", "The plan")


def test_generic_you_is_not_a_source(run: Run) -> None:
    assert run("If you like long meetings, the council is the right place.") == []


def test_headline_label_and_headline_verb(run: Run) -> None:
    q = _one(run("Poll: Voters back the new stadium plan.\n\nThe council votes in May."))
    assert (q.cue, q.speaker, q.text) == (":", "Poll", "Voters back the new stadium plan.")
    q = _one(run("Senator Ada Park Blasts Court Ruling On Water Rights.\n\nThe ruling came on "
                 "Monday."))
    assert (q.type, q.cue, q.speaker_text, q.text) == (
        "evaluation", "blast", "Senator Ada Park", "Court Ruling On Water Rights")


def test_headline_label_longer_than_the_name(run: Run) -> None:
    # The person mention "Anna Berg" starts the label but the source is her campaign.
    q = _one(run("Anna Berg campaign: The debate was a clear win for us.\n\nThe vote is on "
                 "Sunday."))
    assert (q.cue, q.speaker, q.speaker_text) == (":", "Anna Berg campaign", "Anna Berg campaign")


def test_rubric_headline_label_is_not_a_source(run: Run) -> None:
    assert run("The Latest: Storm closes three schools in the valley.") == []


def test_scope_option_limits_the_types() -> None:
    options = default_options().replace(**{"analysis.quote_types": ["speech"]})
    pipeline = Pipeline(["parse", "entities", "quotes"], options)
    text = ("Governor Luis Ortega criticized the budget. “We will fix it,” he said.")
    quotes = pipeline(Article(text=text)).quotes
    assert [(q.type, q.cue) for q in quotes] == [("speech", "say")]
    everything = Pipeline(["parse", "entities", "quotes"], default_options())
    assert {q.type for q in everything(Article(text=text)).quotes} == {"speech", "evaluation"}


def test_unknown_type_is_a_config_error() -> None:
    options = default_options().replace(**{"analysis.quote_types": ["speech", "rumour"]})
    with pytest.raises(ConfigError, match="rumour"):
        quote_types(options)


def test_quotes_stored_before_types_existed_load_as_speech() -> None:
    old = {"text": "“Hi,” Ann said.", "quotes": [
        {"start": 1, "end": 3, "text": "Hi", "kind": "direct", "speaker": "Ann",
         "speaker_start": 6, "speaker_end": 9, "speaker_text": "Ann", "cue": "say",
         "cue_start": 10, "cue_end": 14}]}
    (q,) = Article.from_dict(old).quotes
    assert q.type == "speech"
    typed = Article(text="x", quotes=[Quote(0, 1, "x", "indirect", type="belief")])
    assert Article.from_dict(typed.to_dict()).quotes[0].type == "belief"
