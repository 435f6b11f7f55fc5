#!/usr/bin/env python3
"""Summarises bench/acceptance14.sh: FC r, FCD KS, evaluations, status and wall time of each run (from fit.json and time -v)."""
import json, os, re, sys

out = sys.argv[1]
rows = []
for name in sorted(os.listdir(out)):
    fit = os.path.join(out, name, "fit.json")
    if not os.path.isfile(fit):
        continue
    f = json.load(open(fit))
    wall = ""
    t = os.path.join(out, name + ".time")
    if os.path.isfile(t):
        m = re.search(r"Elapsed \(wall clock\) time.*: (\S+)", open(t).read())
        wall = m.group(1) if m else ""
    params = ", ".join(f"{k} {v:.4g}" for k, v in f.get("parameters", {}).items())
    rows.append((name, float(f["fcR"]), float(f["fcdKs"]), f["evaluations"], f.get("failed", 0), f["status"], wall, params))
print("| run | FC r | FCD KS | evaluations | failed | status | wall (m:s) | parameters |")
print("|---|---|---|---|---|---|---|---|")
for r in rows:
    print(f"| {r[0]} | {r[1]:.3f} | {r[2]:.3f} | {r[3]} | {r[4]} | {r[5]} | {r[6]} | {r[7]} |")
for kind in ("hcp", "grid"):
    v = [r[1] for r in rows if r[0].startswith(kind)]
    if v:
        print(f"\nmean FC r over {kind} runs: {sum(v) / len(v):.3f} ({len(v)} subjects)")
