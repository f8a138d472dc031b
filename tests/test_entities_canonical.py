"""Canonical-name rules on plain strings (no spaCy)."""

from __future__ import annotations

import pytest

from storyline.analyze.canonical import (
    CorpusAliases,
    is_title_word,
    known_places,
    normalize_norp,
    normalize_place_or_org,
    resolve_people,
    strip_possessive,
)


def test_surname_and_variants_resolve_to_the_full_name() -> None:
    got = resolve_people({"Vladimir Putin": 2, "Putin": 5, "Vladimir V. Putin": 1,
                          "Xi": 3, "Xi Jinping": 1})
    assert got["Putin"] == "Vladimir Putin"
    assert got["Vladimir V. Putin"] == "Vladimir Putin"
    assert got["Xi"] == "Xi Jinping"  # family name first: any word of the full name counts


def test_ambiguous_surname_is_left_alone() -> None:
    got = resolve_people({"Bush": 2, "George Bush": 1, "Jeb Bush": 1})
    assert got["Bush"] == "Bush"
    assert got["George Bush"] == "George Bush"
    assert got["Jeb Bush"] == "Jeb Bush"


def test_unrelated_names_stay_apart() -> None:
    got = resolve_people({"Yuri Ushakov": 1, "Ushakov": 1, "Sergei Shoigu": 1})
    assert got == {"Yuri Ushakov": "Yuri Ushakov", "Ushakov": "Yuri Ushakov",
                   "Sergei Shoigu": "Sergei Shoigu"}


@pytest.mark.parametrize("mention,canonical", [
    ("the Kremlin", "Kremlin"), ("The Kremlin’s", "Kremlin"), ("U.S.", "United States"),
    ("US", "United States"), ("the United States", "United States"),
    ("Britain", "United Kingdom"), ("the EU", "European Union"), ("Moscow", "Moscow"),
    ("Chinese Communist Party", "Chinese Communist Party"),
])
def test_places_and_organisations(mention: str, canonical: str) -> None:
    assert normalize_place_or_org(mention) == canonical


def test_demonyms_are_kept_as_groups() -> None:
    assert normalize_norp("Russians") == "Russian"
    assert normalize_norp("Chinese") == "Chinese"


def test_helpers() -> None:
    assert strip_possessive("Putin’s") == "Putin"
    assert strip_possessive("Reuters'") == "Reuters"
    assert is_title_word("Mr.") and is_title_word("President") and not is_title_word("Putin")
    assert {"ukraine", "kyiv", "united states"} <= known_places()


def test_corpus_aliases_resolve_only_unambiguous_surnames() -> None:
    aliases = CorpusAliases([("Vladimir Putin", 5), ("Xi Jinping", 3), ("George Bush", 1),
                             ("Jeb Bush", 2)])
    assert aliases.resolve("Putin") == "Vladimir Putin"
    assert aliases.resolve("Xi") == "Xi Jinping"
    assert aliases.resolve("Bush") is None
    assert aliases.resolve("Obama") is None
    assert aliases.resolve("Vladimir Putin") is None  # only one-word names are looked up
    aliases.add("Barack Obama")
    assert aliases.resolve("Obama") == "Barack Obama"


def test_middle_names_and_partial_names() -> None:
    got = resolve_people({"Vladimir Vladimirovich Putin": 1, "Vladimir Putin": 2, "Putin": 4})
    assert set(got.values()) == {"Vladimir Putin"}
    got = resolve_people({"Vincent Del Giudice": 1, "Del Giudice": 3})
    assert got["Del Giudice"] == "Vincent Del Giudice"  # a surname part is not a full name
