"""trafilatura's comparison with readability/justext (``clean.html_fallback``): always,
never, or (auto) only for a weak extraction."""

from __future__ import annotations

from typing import Any

import pytest

from storyline.clean import html

_PARA = ("Dock workers at the country's largest container port voted on Tuesday to end a "
         "three-week strike after accepting a pay rise over two years, their union said. ")


def _page(paragraphs: int) -> str:
    body = "".join(f"<p>Day {i + 1}. {_PARA}</p>" for i in range(paragraphs))
    return ("<html><head><title>Port strike ends</title></head><body><nav>Home World</nav>"
            f"<article><h1>Port strike ends</h1>{body}</article><footer>(c) 2024</footer>"
            "</body></html>")


@pytest.fixture
def compared(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """The ``compare`` flag of every trafilatura run, in order."""
    calls: list[bool] = []
    real = html._extract

    def spy(*args: Any, compare: bool) -> Any:
        calls.append(compare)
        return real(*args, compare=compare)

    monkeypatch.setattr(html, "_extract", spy)
    return calls


@pytest.mark.parametrize(("mode", "paragraphs", "runs"), [
    ("always", 12, [True]),
    ("never", 2, [False]),
    ("auto", 12, [False]),  # a full article: the fast extraction stands
    ("auto", 2, [False, True]),  # under WEAK_CHARS: redone with the comparison
    ("nonsense", 2, [False, True]),  # an unknown value means auto
])
def test_fallback_modes(compared: list[bool], mode: str, paragraphs: int,
                        runs: list[bool]) -> None:
    page = html.extract_html(_page(paragraphs), "p.html", fallback=mode)
    assert compared == runs
    assert page.title == "Port strike ends"
    assert page.text.count("Dock workers") == paragraphs


def test_auto_gives_what_always_gives_on_a_full_page() -> None:
    assert (html.extract_html(_page(12), "p.html", fallback="auto")
            == html.extract_html(_page(12), "p.html", fallback="always"))
