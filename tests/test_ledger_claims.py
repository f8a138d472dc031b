"""The claim model's agreement rules on hand-built values (see docs/ledger.md)."""

from __future__ import annotations

import math

from storyline.lexicon import APPROXIMATORS
from storyline.model import Article, Entity, Number
from storyline.stories.ledger_names import same_person
from storyline.stories.ledger_numbers import age_claims, number_facts
from storyline.stories.ledger_slots import Gazetteer, number_interval
from storyline.stories.types import CONFLICTING, CORROBORATED, UPDATED


def test_name_variants_are_one_person() -> None:
    for a, b in [("Robert J Pickell", "Robert Pickell"), ("Bill Ingaldson", "William Ingaldson"),
                 ("John G. Roberts Jr.", "John Roberts"), ("Carolos Papoulias",
                                                           "Karolos Papoulias"),
                 ("Boone Isaacs", "Cheryl Boone Isaacs"), ("Ellen DeGeneres Returns",
                                                           "Ellen DeGeneres"),
                 ("Liz Cheney", "Elizabeth Cheney"), ("Moammar", "Muammar")]:
        assert same_person(a, b), (a, b)
    for a, b in [("Sergei Shoigu", "Yuri Ushakov"), ("Mary Cheney", "Liz Cheney"),
                 ("Julie Ann Brandau", "Brian Nichols")]:
        assert not same_person(a, b), (a, b)


def test_one_sided_bounds_from_the_shared_table() -> None:
    more = Number(0, 1, "100", 100, None, "x", "count", "more than")
    assert number_interval(more) == (100, math.inf)
    up_to = Number(0, 1, "20", 20, None, "x", "count", "as many as")
    assert number_interval(up_to) == (0, 20)
    assert "well over" in APPROXIMATORS and "no more than" in APPROXIMATORS
    lo, hi = number_interval(Number(0, 1, "91", 91, None, "age", "count"))
    assert hi < 92 - 0.499 and lo > 90  # 91 and 92 are different ages


def test_places_inside_places_from_the_gazetteer() -> None:
    gaz = Gazetteer()
    assert gaz.compatible("Athens", "Greece") and gaz.compatible("Woodburn", "Oregon")
    assert gaz.compatible("Newtown", "Conn.") or gaz.compatible("Woodburn", "Ore.")
    assert not gaz.compatible("Nairobi", "Connecticut")
    assert gaz.compatible("West Coast Bank", "Oregon")  # unknown: listed, never opposed


def _art(aid: str, text: str, outlet: str, published: str, numbers: list[Number],
         entities: list[Entity] | None = None) -> Article:
    return Article(id=aid, text=text, outlet=outlet, published=published, numbers=numbers,
                   entities=entities or [], sentences=[(0, len(text))])


def _num(text: str, needle: str, value: float, counts: str, predicate: str | None) -> Number:
    pos = text.index(needle)
    return Number(pos, pos + len(needle), needle, value, None, counts, "count", None,
                  predicate)


def test_subgroups_do_not_conflict_and_tallies_update() -> None:
    t1 = "Police said 12 people were injured in the riots in Athens."
    t2 = "Police said three people were killed in the riots in Athens."
    t3 = "Police said 18 people were injured in the riots in Athens."
    arts = [_art("a", t1, "A", "2010-05-05", [_num(t1, "12", 12, "people", "injure")]),
            _art("b", t2, "B", "2010-05-05", [_num(t2, "three", 3, "people", "kill")])]
    facts = number_facts(arts, {"a": "a", "b": "b"})
    assert all(f.status != CONFLICTING for f in facts)  # killed vs injured: two slots
    later = _art("c", t3, "C", "2010-05-07", [_num(t3, "18", 18, "people", "injure")])
    facts = number_facts(arts[:1] + [later], {"a": "a", "c": "c"})
    assert [f.status for f in facts] == [UPDATED]  # 12 injured, two days later 18
    same_day = _art("c", t3, "C", "2010-05-05", [_num(t3, "18", 18, "people", "injure")])
    facts = number_facts(arts[:1] + [same_day], {"a": "a", "c": "c"})
    assert [f.status for f in facts] == [CONFLICTING]


def test_a_source_never_conflicts_with_itself() -> None:
    t1 = "There were six arrests Wednesday, compared to 47 arrests the previous night."
    t2 = "Officers made 47 arrests in the city overnight, police said on Wednesday."
    a = _art("a", t1, "A", "2011-08-10", [_num(t1, "six", 6, "arrests", None),
                                          _num(t1, "47", 47, "arrests", None)])
    b = _art("b", t2, "B", "2011-08-10", [_num(t2, "47", 47, "arrests", "make")])
    facts = number_facts([a, b], {"a": "a", "b": "b"})
    assert not any(f.status == CONFLICTING for f in facts)
    assert any(f.status == CORROBORATED for f in facts)


def test_close_ages_conflict() -> None:
    t1 = "Esther Williams died on Thursday at the age of 91."
    t2 = "Esther Williams was a swimming star. She was 92."
    ents1 = [Entity(0, 14, "Esther Williams", "PERSON", "Esther Williams")]
    ents2 = [Entity(0, 14, "Esther Williams", "PERSON", "Esther Williams")]
    a, b = _art("a", t1, "A", "2013-06-06", [], ents1), _art("b", t2, "B", "2013-06-06", [],
                                                                ents2)
    claims = age_claims([a, b], {"a": "a", "b": "b"})
    assert sorted(c.number.value for c in claims) == [91, 92]
    facts = number_facts([a, b], {"a": "a", "b": "b"})
    assert [f.status for f in facts] == [CONFLICTING]


def test_totals_and_reference_points_are_other_slots() -> None:
    t1 = "Playing in a combined 157 games with the Angels and Braves, Teixeira hit well."
    t2 = "Teixeira hit 13 homers in 54 games with the Angels."
    t3 = "The attack took place about 150 nautical miles off Aden, officials said."
    t4 = "The ship was 13 nautical miles from the Mysore when the attack took place."
    arts = [_art("a", t1, "A", "2008-12-01", [_num(t1, "157", 157, "games", "play")]),
            _art("b", t2, "B", "2008-12-01", [_num(t2, "54", 54, "games", "play")]),
            _art("c", t3, "C", "2008-12-01", [_num(t3, "150", 150, "nautical miles", None)]),
            _art("d", t4, "D", "2008-12-01", [_num(t4, "13", 13, "nautical miles", None)])]
    facts = number_facts(arts, {a.id: a.id for a in arts})
    assert facts and all(f.status != CONFLICTING for f in facts)


def test_negated_and_earlier_counts_are_not_compared() -> None:
    t1 = "The OSCE has not sent three observers to monitor the vote, officials said."
    t2 = "About 40 observers from the OSCE monitored the vote, officials said."
    t3 = "Police said Gray had four prior arrests, officials said."
    t4 = "Police said 46 arrests were made, officials said."
    arts = [_art("a", t1, "A", "2008-12-01", [_num(t1, "three", 3, "observers", "send")]),
            _art("b", t2, "B", "2008-12-01", [_num(t2, "40", 40, "observers", "monitor")]),
            _art("c", t3, "C", "2008-12-01", [_num(t3, "four", 4, "prior arrests", "have")]),
            _art("d", t4, "D", "2008-12-01", [_num(t4, "46", 46, "arrests", "make")])]
    facts = number_facts(arts, {a.id: a.id for a in arts})
    assert all(f.status != CONFLICTING for f in facts)
    assert not any("three" in v.value for f in facts for v in f.values)


def test_a_key_with_many_values_in_one_article_is_no_slot() -> None:
    # (miles, not yards: a sports statistic without a known holder is never a slot at all)
    t1 = "They ran for 91 miles, cycled for 66 miles and swam a stretch of 35 miles."
    t2 = "They ran for 20 miles and cycled for 66 miles, the coach said."
    arts = [_art("a", t1, "A", "2008-12-01", [_num(t1, "91", 91, "miles", "run"),
                                              _num(t1, "66", 66, "miles", "cycle"),
                                              _num(t1, "35", 35, "miles", "swim")]),
            _art("b", t2, "B", "2008-12-01", [_num(t2, "20", 20, "miles", "run")])]
    facts = number_facts(arts, {a.id: a.id for a in arts})
    assert all(f.status != CONFLICTING for f in facts)
    # With a single value for the key, the same two sentences are one slot and clash.
    arts[0].numbers = arts[0].numbers[:1]
    facts = number_facts(arts, {a.id: a.id for a in arts})
    assert any(f.status == CONFLICTING for f in facts)


def test_shared_titles_name_no_single_holder() -> None:
    from storyline.stories.ledger import _role_key

    assert _role_key("U.S. District Judge") is None
    assert _role_key("Kremlin spokesman") == "kremlin spokesman"
    assert _role_key("Chargers general manager") == "chargers general manager"


def test_a_source_dating_two_occurrences_lists_dates() -> None:
    from storyline.stories.ledger_align import Candidate
    from storyline.stories.ledger_dates import _repeated_event
    from storyline.stories.types import Evidence

    ev = Evidence("a", None, None, "s", 0, 1, 0, 1, "s")
    sunday, thursday = ("2012-12-09", "2012-12-09"), ("2012-12-13", "2012-12-13")
    two = [Candidate(sunday, "9", {}, ev, "A"), Candidate(thursday, "13", {}, ev, "A"),
           Candidate(thursday, "13", {}, ev, "B")]
    assert _repeated_event(two)
    assert not _repeated_event([two[0], two[2]])  # A says Sunday, B Thursday: a conflict


def test_figures_are_opposed_only_when_strongly_aligned() -> None:
    t1 = "The commandos recovered 12 guns from the pirate boats."
    t2 = "The cache seized from the pirate boats included three guns."
    t3 = "The commandos recovered three guns from the pirate boats."
    a = _art("a", t1, "A", "2008-12-01", [_num(t1, "12", 12, "guns", "recover")])
    b = _art("b", t2, "B", "2008-12-01", [_num(t2, "three", 3, "guns", None)])
    c = _art("c", t3, "C", "2008-12-01", [_num(t3, "three", 3, "guns", "recover")])
    # "recovered" vs a light verb: listed, not opposed; the same verb: a conflict.
    assert all(f.status != CONFLICTING for f in number_facts([a, b], {"a": "a", "b": "b"}))
    assert any(f.status == CONFLICTING for f in number_facts([a, c], {"a": "a", "c": "c"}))


def test_player_statistics_need_a_known_holder() -> None:
    t1 = "Smith missed nine games with the knee injury this season."
    t2 = "Smith was hurt in September and missed 10 games with the knee injury."
    t3 = "The back missed 10 games with the knee injury this season."
    smith = [Entity(0, 5, "Smith", "PERSON", "Pierre Smith")]
    a = _art("a", t1, "A", "2011-01-05", [_num(t1, "nine", 9, "games", "miss")], smith)
    b = _art("b", t2, "B", "2011-01-05", [_num(t2, "10", 10, "games", "miss")], smith)
    c = _art("c", t3, "C", "2011-01-05", [_num(t3, "10", 10, "games", "miss")])
    assert any(f.status == CONFLICTING for f in number_facts([a, b], {"a": "a", "b": "b"}))
    assert all(f.status != CONFLICTING for f in number_facts([a, c], {"a": "a", "c": "c"}))


def test_odds_and_clock_minutes_are_no_counts() -> None:
    t1 = "There is a 2 in 3 chance that we win, updated 02: 15 by police."
    t2 = "There is a two-in-three chance that we win."
    a = _art("a", t1, "A", "2014-01-05", [_num(t1, "3", 3, "chance", None),
                                          _num(t1, "15", 15, "police", None)])
    b = _art("b", t2, "B", "2014-01-05", [_num(t2, "two", 2, "chance", None)])
    assert number_facts([a, b], {"a": "a", "b": "b"}) == []


def test_an_age_stated_years_earlier_is_not_compared() -> None:
    from storyline.model import Timex

    t1 = "Felt, 92, told CNN in 2006 that he was proud."
    t2 = "Mark Felt died on Thursday. He was 95."
    felt1 = [Entity(0, 4, "Felt", "PERSON", "Mark Felt")]
    felt2 = [Entity(0, 9, "Mark Felt", "PERSON", "Mark Felt")]
    a = _art("a", t1, "A", "2008-12-19", [], felt1)
    a.timexes = [Timex(t1.index("2006"), t1.index("2006") + 4, "2006", "DATE", "2006")]
    b = _art("b", t2, "B", "2008-12-19", [], felt2)
    b.sentences = [(0, 27), (28, len(t2))]
    claims = age_claims([a, b], {"a": "a", "b": "b"})
    assert sorted(c.interval[0] for c in claims) == [92, 95]
    assert all(f.status != CONFLICTING for f in number_facts([a, b], {"a": "a", "b": "b"}))
    b2 = _art("b", t2, "B", "2008-12-19", [], felt2)
    b2.sentences = b.sentences
    a2 = _art("a", "Felt, 92, told CNN that he was proud.", "A", "2008-12-19", [], felt1)
    assert any(f.status == CONFLICTING for f in number_facts([a2, b2], {"a": "a", "b": "b"}))


def test_dates_resolved_wholly_against_a_guessed_page_date_are_never_opposed() -> None:
    from storyline.stories.ledger_align import Candidate
    from storyline.stories.ledger_dates import _guessed_only
    from storyline.stories.types import Evidence

    ev = Evidence("a", None, None, "s", 0, 1, 0, 1, "s")
    sat_2005, sat_2006 = ("2005-03-05", "2005-03-05"), ("2006-12-16", "2006-12-16")
    guessed = [Candidate(sat_2005, "5 March 2005", {"guessed": True}, ev, "A"),
               Candidate(sat_2006, "16 December 2006", {"guessed": True}, ev, "B")]
    assert _guessed_only(guessed) == {sat_2005, sat_2006}
    stated = [Candidate(sat_2005, "5 March 2005", {"inferred": True, "guessed": False}, ev,
                        "A")] + guessed[1:]
    assert _guessed_only(stated) == {sat_2006}
