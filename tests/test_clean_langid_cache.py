"""The language model read from the cache folder classifies exactly as the shipped file."""

from __future__ import annotations

from pathlib import Path

import pytest
from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

from storyline.clean import metadata

TEXTS = ["The minister said the budget would pass next week after long talks.",
         "Le ministre a dit que le budget serait adopté la semaine prochaine.",
         "Der Minister sagte, der Haushalt werde nächste Woche verabschiedet.",
         "El ministro dijo que el presupuesto se aprobará la próxima semana."]


def test_cached_model_classifies_as_the_shipped_one(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STORYLINE_CACHE_DIR", str(tmp_path))
    shipped = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    for _ in range(2):  # written, then read back
        cached = metadata._uncompressed_model(MODEL_DIR / MODEL_FILE)
        assert cached is not None
        ptc, pc, classes, nextmove, row, output = cached
        ours = LanguageIdentifier(ptc, pc, classes, nextmove, output, norm_probs=True,
                                  tk_row=row)
        assert [ours.classify(t) for t in TEXTS] == [shipped.classify(t) for t in TEXTS]
    assert len(list(tmp_path.glob("langid-*.npz"))) == 1


def test_no_cache_when_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STORYLINE_CACHE_DIR", "off")
    assert metadata._uncompressed_model(MODEL_DIR / MODEL_FILE) is None
