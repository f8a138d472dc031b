"""Line-based boilerplate removal for scraped plain text.

The page is split into blocks (runs of non-blank lines). A header zone (everything before
the first real paragraph) yields the masthead, title, byline and date stub; every line in
the page is then tested against the patterns in ``rules``; context rules handle what a
single line cannot show (a caption directly above a credit, tag lines above captions, the
paragraphs of an appeal after its heading, headline lists after "Related"). Everything not
matched is kept, so every sentence of the article survives; dropped lines are returned.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import rules

_CREDIT_MARK = re.compile(r"\b(?:via|photo|pool|getty|images?|credit|file)\b|/", re.I)
# Boilerplate lines are short; longer lines are article paragraphs and skip the line rules.
MAX_BOILERPLATE_CHARS = 400
_OUTLET_WORD = re.compile(
    r"\b(?:news|times|post|daily|herald|gazette|star|journal|tribune|guardian|telegraph|express|"
    r"chronicle|observer|independent|standard|mirror|sun|mail|record|review|today|weekly|press|"
    r"wire|ledger|globe|courier|inquirer|reporter|bulletin|dispatch|monitor|online|tv|radio|"
    r"magazine|insider|register|examiner|sentinel|mercury|leader|echo|voice)\b|&|\.(?:com|net|org)\b",
    re.I,
)
_BY_NAME = re.compile(r"\bby\s+([A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,3})")
_NAME_LINE = re.compile(
    r"^(?P<name>[A-Z][\w.'-]+(?:\s+(?:[A-Z][\w.'-]+|van|de|da|von|bin|al-\w+)){1,3}?)"
    r"(?:,?\s+(?:[A-Z]\w+\s+)*?(?:[\w-]+\s+)?(?i:correspondent|editor|reporter|writer|journalist|"
    r"columnist|contributor|producer|analyst|staff)\b.{0,30})?$"
)


@dataclass
class Line:
    text: str
    block: int
    drop: str | None = None  # reason, when the line is boilerplate


@dataclass
class Cleaned:
    """The cleaner's result: kept paragraphs plus what it found in the header."""

    text: str
    removed: list[str] = field(default_factory=list)
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    date_text: str | None = None  # raw date string from a dateline/stub, parsed by metadata
    reasons: dict[str, int] = field(default_factory=dict)


def words(line: str) -> list[str]:
    # Whitespace tokens: cheap, and good enough for the length thresholds below.
    return line.split()


def is_heading(line: str) -> bool:
    """A title-like line: a few words, no closing period, not a sentence sequence."""
    if len(line) > 250 or line.endswith((".", ",", ";", ":")):
        return False
    n = len(words(line))
    return (1 <= n <= 25 and ". " not in line
            and not line.islower())


def is_paragraph(line: str) -> bool:
    return bool(rules.SENTENCE_END.search(line)) and len(words(line)) >= 6


def split_lines(raw: str) -> list[Line]:
    """Blocks of lines, with scraper-glued boilerplate split off its neighbour."""
    lines: list[Line] = []
    block = 0
    for text in raw.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        text = " ".join(text.split())
        if not text:
            block += 1
            continue
        for part in _unglue(text):
            prev = lines[-1] if lines else None
            # Re-join hard-wrapped text first, so a wrapped half-sentence is not a "heading".
            if prev is not None and prev.block == block and _continues(prev.text, part):
                prev.text += " " + part
            else:
                lines.append(Line(part, block))
    return lines


def _unglue(text: str) -> list[str]:
    parts = rules.GLUED.split(text)
    if len(parts) == 1:
        return [text]
    # Only split where one side is boilerplate; "U.S.Army"-like joins stay as they were.
    out = [parts[0]]
    for part in parts[1:]:
        if _line_reason(out[-1]) or _line_reason(part):
            out.append(part)
        else:
            out[-1] += part
    return out


def _line_reason(text: str) -> str | None:
    """Why a line, on its own, is boilerplate (None if it may be content)."""
    if len(text) > MAX_BOILERPLATE_CHARS:
        return None
    checks = (
        ("comments", rules.COMMENTS), ("appeal", rules.APPEAL_LINE), ("share", rules.SHARE),
        ("credit", rules.CREDIT_LINE), ("link", rules.READ_MORE_INLINE),
        ("contributors", rules.CONTRIBUTORS),
        ("copyright", rules.COPYRIGHT),
    )
    for reason, pattern in checks:
        if pattern.match(text):
            return reason
    if is_caption(text):
        return "caption"
    return None


def is_caption(text: str) -> bool:
    """'Name or scene (Photographer, Agency via AP)': a short phrase with a photo credit."""
    if not (text.endswith((")", ").", "]", "].")) or "/" in text or ":" in text):
        return False  # every credit form below ends in a bracket or has "/" or ":"
    bracket = rules.BRACKET_CREDIT.search(text)
    if bracket and _caption_like(text[: bracket.start()]):
        return True
    if len(words(text)) <= 40 and (rules.SLASH_CREDIT.search(text)
                                    or rules.INLINE_CREDIT.match(text)):
        return True
    name_credit = rules.NAME_SLASH_CREDIT.search(text)
    if name_credit and len(words(text[: name_credit.start()])) <= 30:
        return True
    match = rules.CAPTION_CREDIT.match(text)
    if not match:
        return False
    caption = match.group("caption")
    credit = text[match.end("caption"):]
    return (len(words(caption)) <= 30 and ". " not in caption.rstrip(". ")
            and bool(_CREDIT_MARK.search(credit)))


def clean_text(raw: str, *, min_line_chars: int = 0, header: bool = True) -> Cleaned:
    """Remove boilerplate from scraped text; ``header=False`` skips title/masthead parsing
    (for text already extracted from HTML, whose metadata comes from the page)."""
    lines = split_lines(raw)
    result = Cleaned(text="")
    for line in lines:
        line.drop = _line_reason(line.text)
    _context_rules(lines)
    _header(lines, result, titles=header)
    _dedupe(lines)
    if min_line_chars:
        for line in lines:
            if line.drop is None and len(line.text) < min_line_chars:
                line.drop = "short"
    kept = [ln for ln in lines if ln.drop is None]
    result.text = _join(kept)
    for ln in lines:
        if ln.drop and ln.drop != "title":
            result.removed.append(ln.text)
            result.reasons[ln.drop] = result.reasons.get(ln.drop, 0) + 1
    return result


def _context_rules(lines: list[Line]) -> None:
    for i, line in enumerate(lines):
        prev = lines[i - 1] if i else None
        same_block = prev is not None and prev.block == line.block
        # A caption sits directly above its credit line ("Photo credit: ...").
        if line.drop == "credit" and same_block and prev and prev.drop is None \
                and rules.PHOTO_CREDIT_LINE.search(line.text) and _caption_like(prev.text):
            prev.drop = "caption"
        # Keyword tags ("Russia Putin") directly above a caption.
        if line.drop == "caption" and same_block and prev and prev.drop is None \
                and _is_tag_line(prev.text):
            prev.drop = "tags"
        if rules.APPEAL_HEADING.match(line.text) or (
                line.drop == "appeal" and is_heading(line.text)):
            line.drop = "appeal"
            _drop_appeal_block(lines, i + 1)
        if rules.LINK_LIST_HEADING.match(line.text) and line.drop is None:
            line.drop = "related"
            _drop_link_list(lines, i + 1)


def _caption_like(text: str) -> bool:
    """A caption: one short sentence or phrase, not a paragraph of several sentences."""
    return len(words(text)) <= 30 and ". " not in text.rstrip(". ")


def _is_tag_line(text: str) -> bool:
    tokens = text.split()
    return 1 <= len(tokens) <= 5 and all(t[:1].isupper() for t in tokens) \
        and not re.search(r"[.,;:!?\"“”]", text)


def _drop_appeal_block(lines: list[Line], start: int) -> None:
    """After an appeal heading, drop following lines while they read as appeal text:
    appeal words, addressed to the reader ("we", "you"). The article resumes at the first
    line that is not."""
    for line in lines[start:]:
        if line.drop is not None:
            continue
        if rules.APPEAL_HEADING.match(line.text) or (
                rules.APPEAL_WORDS.search(line.text) and rules.SECOND_PERSON.search(line.text)):
            line.drop = "appeal"
        else:
            return


def _drop_link_list(lines: list[Line], start: int) -> None:
    """After 'Related' or 'Most read', drop the headline lines (no closing period)."""
    for line in lines[start:]:
        if line.drop is not None:
            continue
        if is_heading(line.text) and not is_paragraph(line.text):
            line.drop = "related"
        else:
            return


def _header(lines: list[Line], result: Cleaned, *, titles: bool = True) -> None:
    """Masthead, title, byline and date stub from the lines before the first paragraph.

    Without ``titles`` (text extracted from HTML, whose page metadata gives title and
    outlet) only bylines and datelines are taken out."""
    from .metadata import find_date_text

    zone = _header_zone(lines)
    headings = [ln for ln in zone if ln.drop is None and is_heading(ln.text)
                and not rules.BYLINE.match(ln.text) and not rules.DATE_STUB.match(ln.text)
                and not find_date_text(ln.text, whole=True)] if titles else []
    _title_and_masthead(headings, result)
    for ln in zone:
        if ln.drop not in (None, "credit", "caption"):
            continue
        byline = rules.BYLINE.match(ln.text)
        if byline and ln.drop is None:
            ln.drop = "byline"
            result.author = result.author or byline.group("name").strip(" ,|")
            result.date_text = result.date_text or find_date_text(ln.text)
            continue
        stub = rules.DATE_STUB.match(ln.text)
        date_text = find_date_text(ln.text, whole=True)
        if (stub and ln.drop is None and not is_paragraph(ln.text)) or date_text:
            ln.drop = ln.drop or "dateline"
            result.date_text = result.date_text or date_text or find_date_text(ln.text)
            by = _BY_NAME.search(ln.text)  # "Posted on 14/05/2024 by Luca Romano"
            result.author = result.author or (by.group(1) if by else None)
    _name_lines(zone, result)


def _name_lines(zone: list[Line], result: Cleaned) -> None:
    """A bare author name ("Jenna Park", "Olivia Grant Political correspondent") next to the
    dateline or byline is a byline; a role after the name is not part of the author."""
    for i, ln in enumerate(zone):
        match = _NAME_LINE.match(ln.text)
        if ln.drop is not None or not match:
            continue
        near = zone[max(0, i - 1): i] + zone[i + 1: i + 2]
        if any(n.drop in ("dateline", "byline") for n in near):
            ln.drop = "byline"
            result.author = result.author or match.group("name")


def _header_zone(lines: list[Line]) -> list[Line]:
    """Lines before the first kept paragraph that is not a dek (standfirst) repeated below."""
    zone = []
    for ln in lines:
        if ln.drop is None and is_paragraph(ln.text) and not _later_heading(lines, ln):
            break
        zone.append(ln)
    return zone


def _later_heading(lines: list[Line], line: Line) -> bool:
    # A dek (one summary sentence) above the byline is still header: look for a byline or
    # date stub further down in the next few lines.
    idx = next(i for i, ln in enumerate(lines) if ln is line)
    for nxt in lines[idx + 1: idx + 5]:
        if rules.BYLINE.match(nxt.text) or rules.DATE_STUB.match(nxt.text):
            return True
    return False


def _title_and_masthead(headings: list[Line], result: Cleaned) -> None:
    """The title is the first heading of four words or more (else the first that does not
    look like an outlet name); short headings above it are the masthead (outlet) and
    section labels ("Politics", "World")."""
    if not headings:
        return
    at = next((i for i, h in enumerate(headings) if len(words(h.text)) >= 4), None)
    if at is None:
        at = next((i for i, h in enumerate(headings) if not _looks_like_outlet(h.text)), 0)
    for i, label in enumerate(headings[:at]):
        if result.outlet is None and (_looks_like_outlet(label.text) or i == 0):
            label.drop = "masthead"
            result.outlet = label.text
        else:
            label.drop = "section"
    headings[at].drop = "title"
    result.title = headings[at].text


def _looks_like_outlet(text: str) -> bool:
    """A masthead: a newspaper word, all capitals or a domain, and short."""
    return len(words(text)) <= 5 and (text.isupper() or bool(_OUTLET_WORD.search(text)))


def _dedupe(lines: list[Line]) -> None:
    """Drop repeated lines; a header dek repeated in the body goes from the header."""
    first_at: dict[str, int] = {}
    body_start = next((i for i, ln in enumerate(lines) if ln.drop is None
                       and is_paragraph(ln.text) and not _later_heading(lines, ln)), 0)
    for i, line in enumerate(lines):
        if line.drop is not None:
            continue
        key = " ".join(line.text.split()).casefold()
        j = first_at.get(key)
        if j is None:
            first_at[key] = i
        elif j < body_start <= i:
            # The first copy was a standfirst above the body: keep the body copy instead.
            lines[j].drop = "duplicate"
            first_at[key] = i
        else:
            line.drop = "duplicate"


def _join(kept: list[Line]) -> str:
    """Kept lines as paragraphs, one per line (a scraped page has one paragraph a line)."""
    return "\n\n".join(line.text for line in kept)


def _continues(prev: str, nxt: str) -> bool:
    return not rules.SENTENCE_END.search(prev) and nxt[:1].islower()
