"""The coverage chart of a story page: one row per outlet, a dot per article on a shared
date axis, the first report drawn as a larger ringed mark, group headings when grouped.

Like ``svg.timeline_svg``: server-side SVG, every text escaped, no inline style (CSP).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from markupsafe import Markup, escape

from ..stories.coverage import Coverage, OutletCoverage
from .svg import _day, _ticks, day_axis

ROW = 22
TOP = 30
LABEL_W = 220
RIGHT = 20
DOT = "#1f5fa8"
FIRST = "#b03a48"


def coverage_svg(cov: Coverage, width: int = 1100) -> Markup:
    days = [d for o in cov.outlets for a in o.articles if (d := _day(a.published))]
    if not days:
        return Markup('<p class="muted">No dated articles to draw.</p>')
    lo, hi, x = day_axis(min(days), max(days), timedelta(days=1), 0.05, LABEL_W,
                         width - LABEL_W - RIGHT)

    # A heading row (group name, None) per group when grouped, then (None, outlet) rows.
    rows: list[tuple[str | None, OutletCoverage | None]] = []
    for group, outlets in cov.groups:
        if cov.group_by:
            rows.append((group or "", None))
        rows.extend((None, o) for o in outlets)
    height = TOP + ROW * len(rows) + 10
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="coverage" role="img" '
        f'viewBox="0 0 {width} {height}" width="100%" aria-label="Coverage by outlet over time" '
        f'font-family="system-ui, -apple-system, Segoe UI, Roboto, Arial, sans-serif">',
        f'<line x1="{LABEL_W}" y1="{TOP - 8}" x2="{width - RIGHT}" y2="{TOP - 8}" '
        f'stroke="#9aa5b1" stroke-width="1"/>',
    ]
    ticks = _ticks(lo, hi) if (hi - lo).days > 45 else _day_ticks(lo, hi)
    for d, text in ticks:
        parts.append(f'<line x1="{x(d):.1f}" y1="{TOP - 12}" x2="{x(d):.1f}" y2="{height - 4}" '
                     f'stroke="#e2e6ea" stroke-width="1"/>'
                     f'<text x="{x(d):.1f}" y="{TOP - 16}" font-size="11" fill="#52606d" '
                     f'text-anchor="middle">{escape(text)}</text>')
    for i, (heading, outlet) in enumerate(rows):
        y = TOP + ROW * i + ROW // 2
        if outlet is None:
            parts.append(f'<text class="cov-group" x="4" y="{y + 4}" font-size="12" '
                         f'font-weight="bold" fill="#1f2933">{escape(heading or "")}</text>')
        else:
            parts.append(_outlet_row(outlet, y, x))
    parts.append("</svg>")
    return Markup("".join(parts))


def _outlet_row(o: OutletCoverage, y: int, x: Callable[[date], float]) -> str:
    name = o.outlet if len(o.outlet) <= 30 else o.outlet[:29] + "…"
    out = [f'<g class="cov-outlet"><text x="14" y="{y + 4}" font-size="12" fill="#1f2933">'
           f'{escape(name)}<title>{escape(o.outlet)}</title></text>']
    for a in o.articles:
        d = _day(a.published)
        if d is None:
            continue
        cx = x(d)
        tip = f"{o.outlet}, {a.published}: {a.title or '(untitled)'}"
        if a.first:
            tip += " (first report)"
            mark = (f'<circle class="first-report" cx="{cx:.1f}" cy="{y}" r="7" fill="{FIRST}" '
                    f'stroke="#ffffff" stroke-width="2"/>')
        else:
            mark = f'<circle cx="{cx:.1f}" cy="{y}" r="5" fill="{DOT}" fill-opacity="0.8"/>'
        href = f"/articles/{escape(a.article_id)}"
        out.append(f'<a class="cov-article" href="{href}"><title>{escape(tip)}</title>{mark}</a>')
    out.append("</g>")
    return "".join(out)


def _day_ticks(lo: date, hi: date) -> list[tuple[date, str]]:
    step = max(1, (hi - lo).days // 8)
    out = []
    d = lo + timedelta(days=1)
    while d < hi:
        out.append((d, d.strftime("%d %b")))
        d += timedelta(days=step)
    return out
