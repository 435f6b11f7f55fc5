#!/usr/bin/env python3
"""Summarises bench/acceptance13.sh's runs as Markdown: per recording, RMSE at h = 1, 5, H and the
mean over horizons per model and training size (fallbacks in brackets), CRPS / 90 % coverage of the
ensemble models, and the Holm-corrected Diebold-Mariano outcomes of each hybrid against var and
persistence. Usage: bench/summarise13.py RUNS_FOLDER [name ...]"""
import csv
import sys
from collections import defaultdict
from pathlib import Path

root = Path(sys.argv[1])
names = sys.argv[2:] or sorted(p.name for p in root.iterdir() if p.is_dir())
HYBRIDS = ["residual", "pretrained", "stacked"]
for name in names:
    d = root / name
    if not (d / "summary.csv").exists():
        print(f"### {name}\n\nno summary.csv (run missing or failed)\n")
        continue
    rows = list(csv.DictReader(open(d / "summary.csv")))
    H = max(int(r["horizon"]) for r in rows)
    sizes = sorted({int(r["train_size"]) for r in rows})
    models = list(dict.fromkeys(r["model"] for r in rows))
    by = {(r["model"], int(r["train_size"]), int(r["horizon"])): r for r in rows}
    print(f"### {name}\n")
    print("RMSE (mean over origins of the per-forecast RMSE over components); [fallbacks/forecasts]\n")
    print("| model | " + " | ".join(f"{s}: h=1 / 5 / {H} / mean" for s in sizes) + " |")
    print("|---|" + "---|" * len(sizes))
    for m in models:
        cells = []
        for s in sizes:
            rs = [by.get((m, s, h)) for h in range(1, H + 1)]
            if rs[0] is None or rs[0]["status"] == "skipped":
                cells.append("skipped")
                continue
            v = [float(r["rmse"]) for r in rs]
            mean = sum(v) / len(v)
            fb = f" [{rs[0]['fallbacks']}/{rs[0]['forecasts']}]" if int(rs[0]["fallbacks"]) > 0 else ""
            cells.append(f"{v[0]:.3f} / {v[min(4, H - 1)]:.3f} / {v[H - 1]:.3f} / {mean:.3f}{fb}")
        print(f"| {m} | " + " | ".join(cells) + " |")
    print()
    ens = [m for m in models if any(by.get((m, s, 1), {}).get("ensemble") for s in sizes)]
    if ens:
        print(f"CRPS / 90 % coverage at h = 1 and {H} (ensemble kind, size)\n")
        print("| model | " + " | ".join(f"{s}" for s in sizes) + " |")
        print("|---|" + "---|" * len(sizes))
        for m in ens:
            cells = []
            for s in sizes:
                a, b = by.get((m, s, 1)), by.get((m, s, H))
                if not a or not a.get("ensemble"):
                    cells.append("-")
                    continue
                cells.append(f"{float(a['crps']):.3f} / {float(a['coverage90']):.2f}; {float(b['crps']):.3f} / {float(b['coverage90']):.2f} "
                             f"({a['ensemble']}, {a['ensemble_size']})")
            print(f"| {m} | " + " | ".join(cells) + " |")
        print()
    comps = list(csv.DictReader(open(d / "comparisons.csv")))
    print("Diebold-Mariano (Holm) of the hybrids and vdp against the baselines: better / worse / not distinguishable at h = 1, 5, H\n")
    print("| model | reference | " + " | ".join(str(s) for s in sizes) + " |")
    print("|---|---|" + "---|" * len(sizes))
    for m in ["vdp"] + HYBRIDS:
        for ref in ["var", "persistence"]:
            cells = []
            for s in sizes:
                out = []
                for c in comps:
                    if c["model"] == m and c["reference"] == ref and int(c["train_size"]) == s:
                        o = c["outcome"]
                        out.append({"better": "B", "worse": "W"}.get(o, "-") + f"({float(c['p_holm']):.2g})")
                cells.append(" ".join(out) if out else "n/a")
            print(f"| {m} | {ref} | " + " | ".join(cells) + " |")
    print()
