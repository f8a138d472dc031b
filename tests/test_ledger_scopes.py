"""Session-5 rules of the claim model and the main event, on hand-built values (see
docs/ledger.md): qualifier scopes, times of day, predicate classes, ages on undated pages,
ambiguous town names, organisation names as role holders, main event ranking."""

from __future__ import annotations

from storyline.model import Article, Entity, Event, Number, Timex
from storyline.stories.ledger import _org_name, build_ledger
from storyline.stories.ledger_numbers import age_claims, number_facts
from storyline.stories.ledger_slots import Gazetteer
from storyline.stories.types import CONFLICTING


def _art(aid: str, text: str, published: str | None, numbers: list[Number],
         entities: list[Entity] | None = None) -> Article:
    return Article(id=aid, text=text, outlet=aid.upper(), published=published,
                   numbers=numbers, entities=entities or [], sentences=[(0, len(text))])


def _num(text: str, needle: str, value: float, counts: str, predicate: str | None,
         approx: str | None = None) -> Number:
    pos = text.index(needle)
    return Number(pos, pos + len(needle), needle, value, None, counts, "count", approx,
                  predicate)


def _conflicts(*arts: Article) -> list[str]:
    facts = number_facts(list(arts), {a.id: a.id for a in arts})
    return [f.slot for f in facts if f.status == CONFLICTING]


def test_qualifiers_after_the_counted_noun_are_scopes() -> None:
    t1 = "Bush scored six touchdowns on offense this season for the Saints."
    t2 = "Bush scored three touchdowns on punt returns this season for the Saints."
    t3 = "Bush scored three touchdowns this season for the Saints."
    bush = [Entity(0, 4, "Bush", "PERSON", "Reggie Bush")]
    a = _art("a", t1, "2008-12-24", [_num(t1, "six", 6, "touchdowns", "score")], bush)
    b = _art("b", t2, "2008-12-24", [_num(t2, "three", 3, "touchdowns", "score")], bush)
    c = _art("c", t3, "2008-12-24", [_num(t3, "three", 3, "touchdowns", "score")], bush)
    assert _conflicts(a, b) == []  # on offense vs on punt returns: two parts
    assert _conflicts(a, c)  # one side names no part: the same slot, and they differ


def test_a_time_of_day_resolved_to_a_day_dates_the_figure() -> None:
    t1 = "At about 8 p.m., nearly 100 people set off from the vigil site."
    t2 = "On Wednesday more than 200 people set off from the vigil site."
    a = _art("a", t1, None, [_num(t1, "100", 100, "people", "set", "nearly")])
    b = _art("b", t2, None, [_num(t2, "200", 200, "people", "set", "more than")])
    assert _conflicts(a, b)  # undated: one slot, and the values do not overlap
    a.timexes = [Timex(3, 15, "about 8 p.m.", "TIME", "2013-03-11T20:00", anchor="inferred")]
    b.timexes = [Timex(3, 12, "Wednesday", "DATE", "2013-03-13", None, "2013-03-13",
                       "2013-03-13", anchor="inferred")]
    assert _conflicts(a, b) == []  # Monday evening vs Wednesday: two nights


def test_verbs_of_one_class_are_one_predicate() -> None:
    t1 = "The governor said four villages had been destroyed on the island."
    t2 = "The quake struck the island, flattening seven villages, the governor said."
    t3 = "The governor said five villages had been damaged on the island."
    a = _art("a", t1, "2005-11-28", [_num(t1, "four", 4, "villages", "destroy")])
    b = _art("b", t2, "2005-11-28", [_num(t2, "seven", 7, "villages", "flatten")])
    c = _art("c", t3, "2005-11-28", [_num(t3, "five", 5, "villages", "damage")])
    assert _conflicts(a, b)  # destroyed and flattened: one tally
    assert _conflicts(a, c) == []  # destroyed vs damaged: another


def test_ages_years_apart_on_undated_pages_are_listed() -> None:
    def page(aid: str, age: int, published: str | None) -> Article:
        text = f"Police named the suspect as Jose Orozco, {age}, on the day."
        ents = [Entity(text.index("Jose"), text.index(","), "Jose Orozco", "PERSON",
                       "Jose Orozco")]
        return _art(aid, text, published, [], ents)

    assert _conflicts(page("a", 27, None), page("b", 29, None)) == []  # manhunt vs trial
    assert _conflicts(page("a", 27, None), page("b", 54, None))  # no gap between reports
    assert _conflicts(page("a", 27, None), page("b", 28, None))  # one year: a disagreement
    assert _conflicts(page("a", 27, "2005-06-25"), page("b", 29, "2005-06-25"))


def test_two_ambiguous_town_names_are_listed() -> None:
    gaz = Gazetteer()
    assert gaz.compatible("Wellington", "Somerset")  # towns in several countries: unknown
    assert not gaz.compatible("Benghazi", "Nairobi")
    assert not gaz.compatible("Lima", "Washington")  # each name has a dominant place


def test_organisation_names_hold_no_role() -> None:
    assert _org_name("Response Center") and _org_name("Security Response Alliance")
    assert not _org_name("A.J. Smith") and not _org_name("Dmitry Peskov")


def test_the_main_event_is_the_one_the_leads_place() -> None:
    # Three leads place the quake in Iran; one article also recalls other quakes in China
    # (more mentions, none in a lead). Every lead mention of a quake counts for any
    # candidate, so the lead mentions that fit the candidate's place decide.
    arts = []
    for aid in "abc":
        text = "A quake hit Iran on Sunday.\nIt was strong.\nMany fled.\n"
        if aid == "c":
            text += "Quakes in China. " * 4
        a = Article(id=aid, text=text, outlet=aid.upper(), published="2005-11-27",
                    sentences=[(0, 27), (28, 42), (43, 53)]
                    + [(54 + 17 * i, 54 + 17 * i + 16) for i in range(4 if aid == "c" else 0)])
        a.events.append(Event(0, 27, text[:27], "disaster", "quake", [], "Iran"))
        for s, e in a.sentences[3:]:
            a.events.append(Event(s, e, text[s:e], "disaster", "Quakes", [], "China"))
        arts.append(a)
    ledger = build_ledger(arts, "s")
    assert ledger.main_event is not None and "Iran" in ledger.main_event


def test_initials_with_and_without_dots_are_one_name() -> None:
    from storyline.stories.ledger_names import same_person

    assert same_person("A.J. Butler", "AJ Butler") and same_person("J.R. Smith", "J. Smith")
    assert not same_person("A.J. Smith", "AJ Butler")


def test_a_date_outside_a_dashed_aside_does_not_date_it() -> None:
    t1 = "On Wednesday — the day the autopsy showed Gray had been shot seven times — crowds met."
    t2 = "Police said Gray was shot eleven times on Saturday night."
    gray1 = [Entity(t1.index("Gray"), t1.index("Gray") + 4, "Gray", "PERSON", "Kimani Gray")]
    gray2 = [Entity(t2.index("Gray"), t2.index("Gray") + 4, "Gray", "PERSON", "Kimani Gray")]
    a = _art("a", t1, "2013-03-14", [_num(t1, "seven", 7, "times", "shoot")], gray1)
    b = _art("b", t2, "2013-03-11", [_num(t2, "eleven", 11, "times", "shoot")], gray2)
    a.numbers[0].holder = b.numbers[0].holder = "Kimani Gray"  # "how often": whose is known
    a.timexes = [Timex(3, 12, "Wednesday", "DATE", "2013-03-13", None, "2013-03-13",
                       "2013-03-13")]
    b.timexes = [Timex(t2.index("Saturday"), t2.index("Saturday") + 14, "Saturday night",
                       "DATE", "2013-03-09", None, "2013-03-09", "2013-03-09")]
    assert _conflicts(a, b)  # the aside is undated: seven vs eleven times, one slot
    a.text = a.text.replace(" — ", ", ")
    a.numbers[0].start, a.numbers[0].end = a.text.index("seven"), a.text.index("seven") + 5
    assert _conflicts(a, b) == []  # without the dashes Wednesday dates the whole sentence


def test_a_height_after_he_is_is_no_age() -> None:
    text = "Jose Orozco was named. He is 5 - feet - 8 inches tall, and she is 5 ft."
    ents = [Entity(0, 11, "Jose Orozco", "PERSON", "Jose Orozco")]
    art = _art("a", text, None, [], ents)
    assert age_claims([art], {"a": "a"}) == []
    said = "Jose Orozco was named. He is 29."
    assert [c.number.value for c in age_claims([_art("b", said, None, [], ents)], {"b": "b"})] \
        == [29.0]
