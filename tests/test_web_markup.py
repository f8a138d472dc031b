"""Marked-up article text and the timeline SVG: offsets honoured, overlaps handled, all escaped."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from storyline.stories.types import Evidence, Timeline, TimelineEntry
from storyline.web.markup import Span, parse_hl, render_marked, snippet_html
from storyline.web.svg import timeline_svg


def strip_tags(html: str) -> str:
    import html as h

    return h.unescape(re.sub(r"<[^>]+>", "", html))


def test_text_round_trips_and_is_escaped() -> None:
    text = 'A <script>alert("x")</script> & "B" said \'C\'.'
    html = str(render_marked(text, [Span(2, 10, "ent", 'PERSON: <b>"Evil"</b>', "/e/<x>")]))
    assert "<script>" not in html and "<b>" not in html
    assert strip_tags(html) == text


def test_overlapping_spans_are_flat_and_complete() -> None:
    text = "Mr Putin said at the end of August that he would go."
    spans = [Span(0, 8, "ent", "PERSON"), Span(3, 34, "quote", "quote"),
             Span(17, 34, "timex", "DATE 2025-08"), Span(17, 34, "hl")]
    html = str(render_marked(text, spans))
    assert strip_tags(html) == text
    # Flat: no element is opened inside another, so overlap cannot break the nesting.
    assert not re.search(r"<(span|a)[^>]*>[^<]*<(span|a)[\s>]", html)
    piece = re.search(r'<span class="([^"]*)"[^>]*id="hl"[^>]*>([^<]*)</span>', html)
    assert piece is not None
    assert piece.group(1).split() == ["hl", "quote", "timex"]
    assert piece.group(2) == "the end of August"
    assert html.count('id="hl"') == 1
    assert 'class="ent quote"' in html  # "Putin" is inside both the entity and the quote


def test_hl_anchor_on_first_piece_only() -> None:
    text = "abcdefghij"
    html = str(render_marked(text, [Span(2, 8, "hl"), Span(4, 6, "ent", href="/x")]))
    assert html.count('id="hl"') == 1
    assert html.index('id="hl"') < html.index('href="/x"')


def test_out_of_range_spans_are_clamped_or_dropped() -> None:
    text = "short"
    html = str(render_marked(text, [Span(3, 99, "ent"), Span(50, 60, "timex"), Span(4, 2, "x")]))
    assert strip_tags(html) == text and "timex" not in html


def test_parse_hl() -> None:
    assert parse_hl("12-40") == (12, 40)
    assert parse_hl(None) is None
    for bad in ("40-12", "a-b", "12", "-3-4"):
        with pytest.raises(ValueError):
            parse_hl(bad)


def test_snippet_marks_are_balanced_and_escaped() -> None:
    assert str(snippet_html("a [Putin] <i>b</i> [x")) == \
        "a <mark>Putin</mark> &lt;i&gt;b&lt;/i&gt; <mark>x</mark>"


def entry(date: str | None, begin: str | None, finish: str | None, title: str,
          planned: bool = False) -> TimelineEntry:
    ev = Evidence("abc", "Outlet", "2025-05-09", "s", 0, 1, 0, 1, "s")
    return TimelineEntry(date, begin, finish, "visit", title, ["A <b>"], None, planned, [ev])


def test_timeline_svg_is_valid_escaped_and_ordered() -> None:
    tl = Timeline(["A <b>"], [
        entry("2025-09", "2025-09-01", "2025-09-30", "Later <script>x</script>", planned=True),
        entry("2015-09-03", "2015-09-03", "2015-09-03", "Earlier & first"),
        entry(None, None, None, "Undated"),
    ])
    svg = str(timeline_svg(tl))
    root = ET.fromstring(svg)  # well-formed XML, so no markup leaked in unescaped
    texts = [t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text")]
    labels = [t for t in texts if "Earlier" in t or "Later" in t]
    assert labels[0].endswith("Earlier & first") and "<script>" in labels[1]
    assert "Undated" not in svg
    assert 'stroke-dasharray' in svg  # the planned visit is drawn differently
    assert "/articles/abc?hl=0-1#hl" in svg
    assert "style=" not in svg  # inline styles would be blocked by the CSP


def test_timeline_svg_without_dates() -> None:
    assert "No dated events" in str(timeline_svg(Timeline(["X"], [entry(None, None, None, "U")])))


def test_undated_events_macro_links_first_evidence_and_escapes() -> None:
    from storyline.stories.types import Evidence, TimelineEntry
    from storyline.web.app import make_templates
    from storyline.web.markup import evidence_href
    from storyline.web.pages import source_name

    env = make_templates().env
    macros = env.get_template("_macros.html").make_module(
        {"evidence_href": evidence_href, "source_name": source_name})
    ev = Evidence(article_id="abc123", outlet="<b>Wire</b>", published=None, sentence="s",
                  sentence_start=0, sentence_end=1, start=3, end=9, text="t")
    entry = TimelineEntry(date=None, begin=None, finish=None, type="visit",
                          title="A <visit>", evidence=[ev])
    html = str(macros.undated_events([entry]))
    assert "1 event without a date" in html
    assert evidence_href("abc123", 3, 9).replace("&", "&amp;") in html or \
        evidence_href("abc123", 3, 9) in html
    assert "A &lt;visit&gt;" in html and "&lt;b&gt;Wire&lt;/b&gt;" in html
    assert str(macros.undated_events([])).strip() == ""


def test_quote_titles_name_the_attribution_type() -> None:
    from storyline.model import Article, Quote
    from storyline.web.markup import article_spans

    text = "Ann Lee said the bridge will open. Bo Kim doubts that it will."
    a = Article(text=text, quotes=[
        Quote(13, 33, "the bridge will open", "indirect", "Ann Lee", cue="say"),
        Quote(53, 62, "it will", "indirect", "Bo Kim", cue="doubt", type="belief")])
    titles = [s.title for s in article_spans(a) if s.kind == "quote"]
    assert titles == ["indirect quote by Ann Lee, cue 'say'",
                      "belief (indirect) by Bo Kim, cue 'doubt'"]
