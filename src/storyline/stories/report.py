"""Story reports: Markdown, standalone HTML (escaped, inline SVG timeline) and JSON.

All three render the same ``StoryView``: sources, the fact ledger grouped by status
(conflicts first, each value with its outlet and quoted sentence, the value in bold), and
the timeline with its evidence.
"""

from __future__ import annotations

import html
import json
from dataclasses import asdict
from datetime import date
from typing import Any

from ..errors import ConfigError
from ..outlets import outlet_label
from .types import CONFLICTING, CORROBORATED, SINGLE_SOURCE, Evidence, Fact, StoryView, Timeline

STATUS_ORDER = (CONFLICTING, SINGLE_SOURCE, CORROBORATED)
FORMATS = ("md", "html", "json")


def ordered_facts(facts: list[Fact]) -> list[tuple[str, list[Fact]]]:
    """Facts grouped by status, conflicts first (what a fact-checker looks at first)."""
    return [(s, [f for f in facts if f.status == s]) for s in STATUS_ORDER
            if any(f.status == s for f in facts)]


def marked(ev: Evidence, left: str, right: str, escape: bool = False) -> str:
    """The evidence sentence with the value span wrapped in ``left``/``right``."""
    s = ev.sentence
    a, b = ev.start - ev.sentence_start, ev.end - ev.sentence_start
    esc = html.escape if escape else (lambda x: x)
    if not (0 <= a <= b <= len(s)):
        return esc(" ".join(s.split()))
    return " ".join((esc(s[:a]) + left + esc(s[a:b]) + right + esc(s[b:])).split())


def source_label(ev: Evidence) -> str:
    return f"{outlet_label(ev.outlet)}, {ev.published or 'undated'} [{ev.article_id[:8]}]"


def story_dict(view: StoryView) -> dict[str, Any]:
    """JSON-ready view (article texts left out: the ledger quotes what matters)."""
    return {
        "story": asdict(view.story),
        "articles": [{"id": a.id, "title": a.title, "outlet": a.outlet, "published": a.published,
                      "url": a.url, "syndication_group": a.syndication_group,
                      "duplicate_of": a.duplicate_of} for a in view.articles],
        "ledger": asdict(view.ledger),
        "timeline": asdict(view.timeline),
        "summary": [asdict(s) for s in view.summary],
    }


def summary_source(view: StoryView, s: Any) -> tuple[str, str | None]:
    """(label, link) of a summary sentence's article: its URL when it has a web one."""
    url = next((a.url for a in view.articles if a.id == s.article_id), None)
    label = f"{outlet_label(s.outlet)}, {s.published or 'undated'} [{s.article_id[:8]}]"
    return label, url if url and url.startswith(("http://", "https://")) else None


def _md_summary(view: StoryView) -> list[str]:
    if not view.summary:
        return []
    out = ["## Summary", ""]
    for s in view.summary:
        label, url = summary_source(view, s)
        out.append(f"- {s.text} ({f'[{label}]({url})' if url else label})")
    return [*out, ""]


def _html_summary(view: StoryView) -> str:
    if not view.summary:
        return ""
    items = []
    for s in view.summary:
        label, url = summary_source(view, s)
        src = f'<a href="{html.escape(url)}">{html.escape(label)}</a>' if url else html.escape(label)
        items.append(f"<li>{html.escape(s.text)} <small>({src})</small></li>")
    return '<section class="summary"><h2>Summary</h2><ul>' + "".join(items) + "</ul></section>"


# -- markdown -----------------------------------------------------------------------------

def _t(value: object) -> str:
    """Text from articles in Markdown: HTML in a title or outlet must show, not render."""
    return html.escape(str(value), quote=False)


def _cell(value: object) -> str:
    return _t(value).replace("|", "\\|")


def _md(view: StoryView) -> str:
    st, led = view.story, view.ledger
    out = [f"# {_t(st.title or st.id)}", "",
           f"{len(view.articles)} articles, {_t(st.first_published or '?')} to "
           f"{_t(st.last_published or '?')} (story {_t(st.id)})", "", *_md_summary(view),
           "## Sources", "", "| outlet | published | title | article |", "|---|---|---|---|"]
    for s in led.sources:
        out.append(f"| {_cell(outlet_label(s.get('outlet')))} | {_cell(s.get('published') or '?')} | "
                   f"{_cell(s.get('title') or '')} | {_cell(s['id'][:8])} |")
    out += ["", "## Fact ledger", ""]
    if led.main_event:
        out += [f"Main event: **{_t(led.main_event)}**", ""]
    if not led.facts:
        out += ["No facts found (are the articles analyzed?).", ""]
    for status, facts in ordered_facts(led.facts):
        out += [f"### {status.capitalize()} ({len(facts)})", ""]
        for f in facts:
            out.append(f"- **{_t(f.label)}**" + (f": {_t(f.note)}" if f.note else ""))
            for v in f.values:
                out.append(f"  - {_t(v.value)} ({v.sources} independent source"
                           f"{'s' if v.sources != 1 else ''})")
                for ev in v.evidence:
                    out.append(f"    - {_md_evidence(ev)}")
        out.append("")
    out += [*_md_timeline(view.timeline), ""]
    return "\n".join(out)


def _md_evidence(ev: Evidence) -> str:
    return f"{_t(source_label(ev))}: \"{marked(ev, '**', '**', escape=True)}\""


def _md_timeline(tl: Timeline) -> list[str]:
    out = [f"## Timeline: {_t(' & '.join(tl.actors)) or '(no actors)'}", ""]
    if not tl.entries:
        return [*out, "No dated events found."]
    for e in tl.entries:
        flag = " (planned)" if e.planned else ""
        out.append(f"- **{_t(e.shown_date())}** {_t(e.title)}{flag}")
        for ev in e.evidence:
            out.append(f"  - {_md_evidence(ev)}")
    return out


# -- html ---------------------------------------------------------------------------------

_CSS = """body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;
color:#222}h1{font-size:1.5rem}table{border-collapse:collapse}td,th{border:1px solid #ccc;
padding:.2rem .5rem}.conflicting{border-left:4px solid #c0392b}.single-source{border-left:4px
solid #e0a800}.corroborated{border-left:4px solid #2e7d32}.fact{padding:.3rem .8rem;
margin:.5rem 0;background:#fafafa}blockquote{margin:.2rem 0 .2rem 1rem;color:#444}
.note{color:#555;font-style:italic}svg text{font-size:11px}"""


def _svg(tl: Timeline) -> str:
    """A simple inline SVG: one row per entry, a bar over the entry's date interval."""
    entries = [e for e in tl.entries if e.begin and e.finish]
    if not entries:
        return ""
    lo = date.fromisoformat(min(e.begin for e in entries if e.begin))
    hi = date.fromisoformat(max(e.finish for e in entries if e.finish))
    days = max((hi - lo).days, 1)
    x0, x1, row = 90, 520, 20
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="900" '
             f'height="{row * len(entries) + 30}" role="img" aria-label="timeline">']
    for i, e in enumerate(entries):
        assert e.begin and e.finish
        b, f = date.fromisoformat(e.begin), date.fromisoformat(e.finish)
        xa = x0 + (x1 - x0) * (b - lo).days / days
        width = max(3.0, (x1 - x0) * ((f - b).days + 1) / days)
        y = 15 + i * row
        color = "#e0a800" if e.planned else "#1565c0"
        parts.append(f'<text x="0" y="{y + 10}">{html.escape(e.shown_date())}</text>'
                     f'<rect x="{xa:.1f}" y="{y}" width="{width:.1f}" height="12" '
                     f'fill="{color}"><title>{html.escape(e.title)}</title></rect>'
                     f'<text x="{x1 + 10}" y="{y + 10}">{html.escape(e.title[:70])}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _evidence_html(ev: Evidence) -> str:
    return (f"<blockquote>{marked(ev, '<mark>', '</mark>', escape=True)} "
            f"<small>({html.escape(source_label(ev))})</small></blockquote>")


def _html(view: StoryView) -> str:
    st, led, tl = view.story, view.ledger, view.timeline
    e = html.escape
    body = [f"<h1>{e(st.title or st.id)}</h1>",
            f"<p>{len(view.articles)} articles, {e(st.first_published or '?')} to "
            f"{e(st.last_published or '?')}</p>", _html_summary(view),
            "<h2>Sources</h2><table><tr><th>outlet</th>"
            "<th>published</th><th>title</th><th>article</th></tr>"]
    for s in led.sources:
        body.append(f"<tr><td>{e(outlet_label(s.get('outlet')))}</td><td>{e(s.get('published') or '?')}"
                    f"</td><td>{e(s.get('title') or '')}</td><td>{e(s['id'][:8])}</td></tr>")
    body.append("</table><h2>Fact ledger</h2>")
    if led.main_event:
        body.append(f"<p>Main event: <strong>{e(led.main_event)}</strong></p>")
    for status, facts in ordered_facts(led.facts):
        body.append(f"<h3>{e(status.capitalize())} ({len(facts)})</h3>")
        for f in facts:
            body.append(f'<div class="fact {e(f.status)}"><strong>{e(f.label)}</strong>'
                        + (f'<p class="note">{e(f.note)}</p>' if f.note else "") + "<ul>")
            for v in f.values:
                body.append(f"<li>{e(v.value)} ({v.sources} independent) "
                            + "".join(_evidence_html(ev) for ev in v.evidence) + "</li>")
            body.append("</ul></div>")
    body.append(f"<h2>Timeline: {e(' & '.join(tl.actors))}</h2>{_svg(tl)}<ul>")
    for t in tl.entries:
        body.append(f"<li><strong>{e(t.shown_date())}</strong> {e(t.title)}"
                    f"{' (planned)' if t.planned else ''}"
                    + "".join(_evidence_html(ev) for ev in t.evidence) + "</li>")
    body.append("</ul>")
    return (f"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>"
            f"{e(st.title or st.id)}</title><style>{_CSS}</style></head><body>"
            + "\n".join(body) + "</body></html>\n")


def render_report(view: StoryView, fmt: str) -> str:
    """The story as ``md``, ``html`` (standalone page) or ``json``."""
    if fmt == "md":
        return _md(view)
    if fmt == "html":
        return _html(view)
    if fmt == "json":
        return json.dumps(story_dict(view), ensure_ascii=False, indent=2, default=str)
    raise ConfigError(f"unknown report format {fmt!r}; choose one of {', '.join(FORMATS)}")
