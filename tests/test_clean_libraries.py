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
