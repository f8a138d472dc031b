"""Language detection by py3langid and HTML fragments parsed by lxml (issue 14.16)."""

from __future__ import annotations

import pytest

from storyline.clean.html import fragment_text
from storyline.clean.metadata import detect_language


@pytest.mark.parametrize(("text", "lang"), [
    ("Президент України заявив, що переговори з делегацією були успішними і продовжаться "
     "восени.", "uk"),
    ("Presidentti sanoi, että neuvottelut valtuuskunnan kanssa olivat menestys ja jatkuvat "
     "syksyllä.", "fi"),
    ("Ο πρόεδρος είπε ότι οι συνομιλίες με την αντιπροσωπεία ήταν επιτυχία και θα "
     "συνεχιστούν το φθινόπωρο.", "el"),
    ("Prezident uvedl, že jednání s delegací byla úspěšná a budou pokračovat na podzim.",
     "cs"),
    ("Hello", None),
])
def test_languages_beyond_a_stopword_list(text: str, lang: str | None) -> None:
    assert detect_language(text) == lang


def test_fragment_is_parsed_as_html() -> None:
    html = ('<p title="a > b">First paragraph &amp; more.</p><!-- <p>hidden note</p> -->'
            "<figure><img src=x><figcaption>Photo: AP</figcaption></figure>"
            "<p>Second<br>third</p><script>var x = '<p>no</p>';</script>tail text")
    assert fragment_text(html, "f") == ("First paragraph & more.\n\nSecond\n\nthird\n\n"
                                        "tail text")


_ENGLISH = ("The council said on Monday that the plan, which had been delayed for months, would "
            "go ahead after the vote. Officials from the ministry told reporters that the cost "
            "of the project was higher than expected, but they said the work would begin in the "
            "spring and that residents had been told about the changes.")


def test_plain_english_is_told_without_the_classifier(monkeypatch: pytest.MonkeyPatch) -> None:
    from storyline.clean import metadata

    def no_classifier() -> None:
        raise AssertionError("the classifier was asked")

    monkeypatch.setattr(metadata, "_identifier", no_classifier)
    assert detect_language(_ENGLISH) == "en"


@pytest.mark.parametrize(("text", "lang"), [
    # Other languages, and English too short or without its function words: the classifier.
    ("Der Rat sagte am Montag, dass der Plan, der seit Monaten verzögert worden war, nach der "
     "Abstimmung umgesetzt werde. Beamte des Ministeriums sagten, die Kosten des Projekts seien "
     "höher als erwartet, aber die Arbeiten würden im Frühjahr beginnen.", "de"),
    ("El consejo dijo el lunes que el plan, que había sido retrasado durante meses, seguirá "
     "adelante tras la votación. Funcionarios del ministerio dijeron que el coste del proyecto "
     "era más alto de lo esperado, pero que las obras empezarán en primavera.", "es"),
    ("De gemeenteraad zei maandag dat het plan, dat maandenlang was uitgesteld, na de stemming "
     "doorgaat. Ambtenaren van het ministerie zeiden dat de kosten van het project hoger waren "
     "dan verwacht, maar dat het werk in het voorjaar begint.", "nl"),
    ("The council said the plan would go ahead.", "en"),
])
def test_the_classifier_decides_the_rest(text: str, lang: str) -> None:
    from storyline.clean.metadata import _clearly_english

    assert not _clearly_english(text)
    assert detect_language(text) == lang
