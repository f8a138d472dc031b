"""A timeline picture, drawn on the server as SVG (no JavaScript, no external assets).

One row per event, on a shared date axis: a dot for a day, a bar for a longer interval,
hollow and dashed for planned events. Each mark links to the sentence that states it.
Every text is escaped; only presentation attributes are used (no inline ``style``), so the
picture works under the strict Content-Security-Policy.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from markupsafe import Markup, escape

from ..lexicon import EVENT_COLOURS
from ..stories.types import Timeline, TimelineEntry
from .markup import evidence_href

COLORS = EVENT_COLOURS  # one home: storyline.lexicon
DEFAULT_COLOR = "#4a5568"
ROW = 26
TOP = 34
LEFT = 16
RIGHT = 16
CHAR_W = 6.7  # average advance of a 12px sans-serif character, in SVG units
NOTE = re.compile(r"^(.*?)\s*\[([^\[\]]+)\]$")  # "title [note]": the note goes to the tooltip


def _day(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _ticks(lo: date, hi: date) -> list[tuple[date, str]]:
    """Year ticks for long spans, month ticks for short ones."""
    if (hi - lo).days > 3 * 365:
        return [(date(y, 1, 1), str(y)) for y in range(lo.year + 1, hi.year + 1)]
    ticks: list[tuple[date, str]] = []
    y, m = lo.year, lo.month
    step = 1 if (hi - lo).days <= 370 else 3
    while True:
        m += step
        if m > 12:
            y, m = y + 1, m - 12
        d = date(y, m, 1)
        if d > hi:
            return ticks
        ticks.append((d, d.strftime("%b %Y")))


def day_axis(lo: date, hi: date, min_pad: timedelta, pad_share: float, left: float,
             inner: float) -> tuple[date, date, Callable[[date], float]]:
    """The drawn span (``lo``..``hi`` padded by ``pad_share`` of it, at least ``min_pad``)
    and the x position of a day in it, for charts ``inner`` pixels wide from ``left``."""
    pad = max(min_pad, (hi - lo) * pad_share)
    lo, hi = lo - pad, hi + pad
    span = max((hi - lo).days, 1)
    return lo, hi, lambda d: left + inner * (d - lo).days / span


def timeline_svg(timeline: Timeline, width: int = 1100) -> Markup:
    """SVG markup for ``timeline``; undated entries are left out (the page lists them)."""
    rows = [(e, _day(e.begin), _day(e.finish) or _day(e.begin)) for e in timeline.entries]
    dated = sorted(((e, b, f) for e, b, f in rows if b and f), key=lambda r: (r[1], r[2]))
    if not dated:
        return Markup('<p class="muted">No dated events to draw.</p>')
    lo, hi, x = day_axis(min(b for _, b, _ in dated), max(f for _, _, f in dated),
                         timedelta(days=15), 0.04, LEFT, width - LEFT - RIGHT)

    height = TOP + ROW * len(dated) + 12
    label = "Timeline: " + ", ".join(timeline.actors) if timeline.actors else "Timeline"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="timeline" role="img" '
        f'viewBox="0 0 {width} {height}" width="100%" aria-label="{escape(label)}" '
        f'font-family="system-ui, -apple-system, Segoe UI, Roboto, Arial, sans-serif">',
        f'<line x1="{LEFT}" y1="{TOP - 10}" x2="{width - RIGHT}" y2="{TOP - 10}" '
        f'stroke="#9aa5b1" stroke-width="1"/>',
    ]
    for d, text in _ticks(lo, hi):
        tx = x(d)
        parts.append(f'<line x1="{tx:.1f}" y1="{TOP - 14}" x2="{tx:.1f}" y2="{height - 6}" '
                     f'stroke="#e2e6ea" stroke-width="1"/>')
        parts.append(f'<text x="{tx:.1f}" y="{TOP - 18}" font-size="11" fill="#52606d" '
                     f'text-anchor="middle">{escape(text)}</text>')
    for i, (entry, begin, finish) in enumerate(dated):
        parts.append(_row(entry, x(begin), x(finish), TOP + ROW * i + ROW // 2, width))
    parts.append("</svg>")
    return Markup("".join(parts))


def _row(entry: TimelineEntry, x0: float, x1: float, y: int, width: int) -> str:
    color = COLORS.get(entry.type, DEFAULT_COLOR)
    fill = "#ffffff" if entry.planned else color
    dash = ' stroke-dasharray="3 2"' if entry.planned else ""
    if x1 - x0 >= 6:
        mark = (f'<rect x="{x0:.1f}" y="{y - 5}" width="{x1 - x0:.1f}" height="10" rx="3" '
                f'fill="{fill}" stroke="{color}" stroke-width="1.5"{dash}/>')
    else:
        mark = (f'<circle cx="{x0:.1f}" cy="{y}" r="5.5" fill="{fill}" stroke="{color}" '
                f'stroke-width="2"{dash}/>')
    when = entry.shown_date() if entry.date else entry.begin or ""
    m = NOTE.match(entry.title)
    title, note = (m.group(1), m.group(2)) if m else (entry.title, None)
    text = f"{when}  {title}" + ("  (planned)" if entry.planned else "")
    # The label goes on the side of the mark with more room, cut to fit (full text in tooltip).
    right_room = width - RIGHT - (x1 + 9)
    left_room = x0 - 9 - LEFT
    if right_room >= len(text) * CHAR_W or right_room >= left_room:
        text = _fit(text, right_room)
        label = f'<text x="{x1 + 9:.1f}" y="{y + 4}" font-size="12" fill="#1f2933">'
    else:
        text = _fit(text, left_room)
        label = (f'<text x="{x0 - 9:.1f}" y="{y + 4}" font-size="12" fill="#1f2933" '
                 f'text-anchor="end">')
    tip = [f"{when}  {title}" + ("  (planned)" if entry.planned else ""), f"type: {entry.type}"]
    if note:
        tip.append(note)
    if entry.actors:
        tip.append("actors: " + ", ".join(entry.actors))
    if entry.place:
        tip.append(f"place: {entry.place}")
    tip.append(f"sources: {len({ev.article_id for ev in entry.evidence})}")
    body = (f"<title>{escape(chr(10).join(tip))}</title>{mark}{label}{escape(text)}</text>")
    if entry.evidence:
        ev = entry.evidence[0]
        href = evidence_href(ev.article_id, ev.start, ev.end)
        return f'<a href="{escape(href)}" class="tl-entry">{body}</a>'
    return f'<g class="tl-entry">{body}</g>'


def _fit(text: str, room: float) -> str:
    most = max(int(room // CHAR_W), 4)
    return text if len(text) <= most else text[: most - 1].rstrip() + "…"
