"""Dates from datelines (never invented), language detection, record -> Article."""

from __future__ import annotations

import pytest

from storyline.clean import detect_language, parse_date, to_article
from storyline.clean.metadata import find_date_text
from storyline.config import Options
from storyline.errors import EmptyInput, MalformedInput
from storyline.ingest.records import RawRecord, failed_record


@pytest.mark.parametrize("value,expected", [
    ("Published 9 May 2025", "2025-05-09"),
    ("May 9, 2025 10:32 am", "2025-05-09"),
    ("Sept. 3, 2025", "2025-09-03"),
    ("2025-06-15T08:00:00Z", "2025-06-15"),
    ("Fri, 09 May 2025 10:00:00 GMT", "2025-05-09"),
    ("14/05/2024", "2024-05-14"),
    ("05/06/2024", None),  # day/month ambiguous: not guessed
    ("2025-02-30", None),
    ("yesterday", None),
    (None, None),
])
def test_parse_date(value: str | None, expected: str | None) -> None:
    assert parse_date(value) == expected


def test_dateline_must_be_the_whole_line() -> None:
    assert find_date_text("Updated 10:32 BST, Friday 9 May 2025", whole=True)
    assert find_date_text("The summit was held on May 9, 2025 in Moscow.", whole=True) is None


@pytest.mark.parametrize("text,lang", [
    ("The president said that the talks with the delegation were a success and that "
     "they would continue in the autumn.", "en"),
    ("Der Präsident sagte, dass die Gespräche mit der Delegation ein Erfolg waren und "
     "im Herbst fortgesetzt werden.", "de"),
    ("Le président a déclaré que les discussions avec la délégation étaient un succès et "
     "qu'elles se poursuivront à l'automne.", "fr"),
    ("El presidente dijo que las conversaciones con la delegación fueron un éxito y que "
     "continuarán en el otoño.", "es"),
    ("12 345 678", None),
])
def test_detect_language(text: str, lang: str | None) -> None:
    assert detect_language(text) == lang


def test_text_without_date_has_no_published() -> None:
    rec = RawRecord(source="x.txt", format="text",
                    content="Storm hits coast\n\nOn May 9, 2025 a storm hit the coast, officials said.")
    article = to_article(rec, Options())
    assert article.published is None and article.published_source is None
    assert article.title == "Storm hits coast"
    assert article.id and article.language == "en"


def test_record_fields_and_sidecar_beat_the_page() -> None:
    rec = RawRecord(source="x.txt", format="text", published="2025-06-15", outlet="Wire",
                    content="Published 1 May 2025\n\nStorm hits coast\n\nA storm hit the coast, "
                            "officials said on Monday.", meta={"sidecar": ["published"]})
    article = to_article(rec, Options())
    assert article.published == "2025-06-15" and article.published_source == "sidecar"
    assert article.outlet == "Wire"


def test_only_boilerplate_is_empty_input() -> None:
    rec = RawRecord(source="bp.txt", format="text", content="Share\n\nLeave a Reply\n\nAdvertisement")
    with pytest.raises(EmptyInput, match="bp.txt"):
        to_article(rec, Options())


def test_failed_record_raises_its_error() -> None:
    rec = failed_record(MalformedInput("f.jsonl#line-2", "invalid JSON"), "json")
    with pytest.raises(MalformedInput, match="line-2"):
        to_article(rec, Options())


@pytest.mark.parametrize("raw,author,published", [
    ("Sturm trifft die Küste\n\nVon Max Mustermann\nVeröffentlicht am 12. Mai 2025\n\n"
     "Ein Sturm hat am Montag die Küste getroffen, teilten Behörden mit.", "Max Mustermann",
     "2025-05-12"),
    ("Tempête sur la côte\n\nPar Marie Dupont\nPublié le 3 juin 2024 à 10h15\n\n"
     "Une tempête a frappé la côte lundi, selon les autorités locales.", "Marie Dupont",
     "2024-06-03"),
    ("Tormenta en la costa\n\nPor Ana García\nPublicado el 5 de mayo de 2024\n\n"
     "Una tormenta golpeó la costa el lunes, dijeron las autoridades.", "Ana García",
     "2024-05-05"),
])
def test_non_english_bylines_and_datelines(raw: str, author: str, published: str) -> None:
    article = to_article(RawRecord(source="x.txt", format="text", content=raw), Options())
    assert (article.author, article.published, article.published_source) == (
        author, published, "text")
    assert len(article.removed) == 2 and article.language in {"de", "fr", "es"}
