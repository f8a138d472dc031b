"""The English test before the language classifier (``clean.metadata._clearly_english``)
against py3langid itself.

Usage:
    .venv/bin/python benchmarks/language_shortcut.py DIR [DIR...]

For every ``.txt``, ``.tml`` and ``.xml`` file under the folders (dev corpora), the first ten
600-character windows (the sample ``detect_language`` reads) that hold 20 letters or more:
how many the English test answers and whether py3langid gives the same (``en``) for each.
Then the same test on windows of spaCy's example sentences of every other language it ships
(``spacy.lang.XX.examples``; must never answer), and per folder how many files' first window
it leaves to the classifier.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
from pathlib import Path

from storyline.clean import metadata

WINDOWS = 10


def _classifier(sample: str) -> str | None:
    lang, prob = metadata._identifier().classify(sample)
    return str(lang) if prob >= metadata.MIN_PROBABILITY else None


def _texts(folder: Path) -> list[str]:
    files = sorted(p for ext in ("txt", "tml", "xml") for p in folder.rglob(f"*.{ext}"))
    return [p.read_text("utf-8", errors="replace") for p in files]


def _foreign_samples() -> dict[str, list[str]]:
    import spacy.lang

    out: dict[str, list[str]] = {}
    for module in pkgutil.iter_modules(spacy.lang.__path__):
        if module.name == "en" or not module.ispkg:
            continue
        try:
            sentences = importlib.import_module(f"spacy.lang.{module.name}.examples").sentences
        except (ImportError, AttributeError):
            continue
        text = " ".join(sentences) * 3
        out[module.name] = [text[i:i + metadata.SAMPLE_CHARS]
                            for i in range(0, len(text) - 100, 300)]
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folders", type=Path, nargs="+")
    args = ap.parse_args(argv)
    answered = agree = 0
    disagree: list[str] = []
    for folder in args.folders:
        texts = _texts(folder)
        left = 0
        for text in texts:
            for w in range(WINDOWS):
                sample = text[w * metadata.SAMPLE_CHARS:(w + 1) * metadata.SAMPLE_CHARS]
                if sum(map(str.isalpha, sample)) < metadata.MIN_LETTERS:
                    continue
                if metadata._clearly_english(sample):
                    answered += 1
                    lang = _classifier(sample)
                    agree += lang == "en"
                    if lang != "en":
                        disagree.append(f"{lang}: {sample[:60]!r}")
            left += not metadata._clearly_english(text[:metadata.SAMPLE_CHARS])
        print(f"{folder}: {len(texts)} files, first window left to the classifier: {left}")
    print(f"dev windows answered 'en' by the test: {answered}; py3langid agrees on {agree}")
    for line in disagree[:10]:
        print("  disagrees:", line)
    foreign = _foreign_samples()
    fired = [lang for lang, samples in foreign.items() for s in samples
             if metadata._clearly_english(s)]
    print(f"other languages: {len(foreign)} (spaCy examples), "
          f"{sum(map(len, foreign.values()))} windows, answered 'en' on {len(fired)}: {fired}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
