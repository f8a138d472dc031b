"""Find quoted segments in text: the character spans between paired quotation marks.

Handles curly (“…”), straight ("…"), low-high („…“) and guillemet («…») double quotes,
and top-level curly single quotes (‘…’) when they are clearly not apostrophes. A quote left
open at the end of a paragraph continues in the next paragraph when that paragraph opens
with a quotation mark (the newspaper convention for multi-paragraph quotes); such segments
share a ``group`` number. One pass over the characters: linear in the text length.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_OPEN = {"“": "”", "„": "“", "«": "»", '"': '"'}
_CLOSES = {"”", "»", '"', "“"}
_PARAGRAPH = re.compile(r"[^\n]+")
_DOUBLE = re.compile('[“”„«»"]')
_SINGLE = re.compile("[‘’]")


@dataclass
class Segment:
    """Text between one pair of quotation marks: ``start``/``end`` exclude the marks."""

    start: int
    end: int
    open_at: int  # offset of the opening mark
    close_at: int  # offset just after the closing mark (== end when the quote ran open)
    group: int  # segments of one multi-paragraph quote share a group
    closed: bool = True

    def words(self, text: str) -> int:
        return len(text[self.start:self.end].split())


def _paragraphs(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text)]


def _double_segments(text: str, start: int, end: int) -> list[tuple[int, int, bool]]:
    """(open mark offset, close mark offset or -1) pairs of double quotes in one paragraph."""
    found: list[tuple[int, int, bool]] = []
    open_at = -1
    expected = ""
    # Visit only the quotation marks (regex scan), not every character.
    for m in _DOUBLE.finditer(text, start, end):
        i, ch = m.start(), m.group()
        if open_at < 0:
            if (ch in _OPEN or ch == "”") and _looks_opening(text, i, start):
                open_at, expected = i, _OPEN.get(ch, "”")
        elif ch == expected or (ch in _CLOSES and ch != "“" and expected != '"'):
            found.append((open_at, i, True))
            open_at = -1
        elif ch == "“" and expected == "”":
            # A second opening mark before any closing one: the writer dropped a closing
            # mark; end the first quote here and start again.
            found.append((open_at, i, False))
            open_at = i
    if open_at >= 0:
        found.append((open_at, end, False))
    return found


def _looks_opening(text: str, i: int, para_start: int) -> bool:
    if text[i] == "”":  # a closing mark typed at the start of a paragraph
        return i == para_start
    if text[i] != '"':
        return True
    # A straight quote opens when it is not glued to a preceding word character.
    return i == para_start or not text[i - 1].isalnum()


def _single_segments(text: str, start: int, end: int) -> list[tuple[int, int, bool]]:
    """Top-level ‘…’ quotes: the opener follows a space, the closer is not an apostrophe."""
    found: list[tuple[int, int, bool]] = []
    open_at = -1
    for m in _SINGLE.finditer(text, start, end):
        i = m.start()
        if open_at < 0:
            if m.group() == "‘" and (i == start or not text[i - 1].isalnum()):
                open_at = i
        elif m.group() == "’" and (i + 1 >= end or not text[i + 1].isalpha()):
            found.append((open_at, i, True))
            open_at = -1
    return found


def find_segments(text: str) -> list[Segment]:
    """All quoted segments of ``text``, in order."""
    segments: list[Segment] = []
    group = -1
    carry = False  # the previous paragraph ended inside an open quote
    for p_start, p_end in _paragraphs(text):
        pairs = _double_segments(text, p_start, p_end)
        covered = [(a, b) for a, b, _ in pairs]
        for a, b, closed in _single_segments(text, p_start, p_end):
            if not any(x <= a <= y for x, y in covered):
                pairs.append((a, b, closed))
        pairs.sort()
        lead = text[p_start:p_start + 1]
        continues = carry and bool(pairs) and pairs[0][0] == p_start and lead in _OPEN
        carry = False
        for k, (a, b, closed) in enumerate(pairs):
            if not (k == 0 and continues):
                group += 1
            s, e = a + 1, b
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            if e <= s:
                continue
            segments.append(Segment(s, e, a, b + 1 if closed else b, group, closed))
            if not closed and k == len(pairs) - 1:
                carry = True
    return segments
