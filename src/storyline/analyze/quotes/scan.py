"""The state one article's quote search shares between its finders.

The finders (``direct``, ``indirect``, ``colon``, ``attitude``, ``nominal``) used to take
the article, its quoted segments, the token -> segment map, the mentions and the sets of
used cues and attributed segments as separate arguments (up to 11 per call); they take one
``Scan`` instead, and a non-speech attribution's cue travels as one ``Cue``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ...model import Article
from .marks import Segment
from .speaker import Mentions


@dataclass
class Scan:
    article: Article
    segments: list[Segment]  # quoted stretches of the text (``marks.find_segments``)
    seg_of: list[int]  # token index -> index of the segment it lies in, or -1
    mentions: Mentions
    positions: list[int] = field(default_factory=list)  # tokens that are cue words
    used_cues: set[int] = field(default_factory=set)  # cue tokens already attributed
    attributed: set[int] = field(default_factory=set)  # segments already attributed

    @property
    def doc(self) -> Any:
        return self.article.doc

    @property
    def text(self) -> str:
        return self.article.text


@dataclass(frozen=True)
class Cue:
    """The cue of one attribution: token index, word (lemma), character span, type, and
    the token itself when the source phrase must be kept out of the cue's clause."""

    i: int
    word: str
    span: tuple[int, int]
    type: str
    token: Any = None
