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
    t1 = "He ran for 91 yards, caught passes for 66 yards and returned a kick 35 yards."
    t2 = "He ran for 20 yards and caught passes for 66 yards, the coach said."
    arts = [_art("a", t1, "A", "2008-12-01", [_num(t1, "91", 91, "yards", "run"),
                                              _num(t1, "66", 66, "yards", "catch"),
                                              _num(t1, "35", 35, "yards", "return")]),
            _art("b", t2, "B", "2008-12-01", [_num(t2, "20", 20, "yards", "run")])]
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
    from storyline.stories.ledger import _repeated_event
    from storyline.stories.ledger_align import Candidate
    from storyline.stories.types import Evidence

    ev = Evidence("a", None, None, "s", 0, 1, 0, 1, "s")
    sunday, thursday = ("2012-12-09", "2012-12-09"), ("2012-12-13", "2012-12-13")
    two = [Candidate(sunday, "9", {}, ev, "A"), Candidate(thursday, "13", {}, ev, "A"),
           Candidate(thursday, "13", {}, ev, "B")]
    assert _repeated_event(two)
    assert not _repeated_event([two[0], two[2]])  # A says Sunday, B Thursday: a conflict
