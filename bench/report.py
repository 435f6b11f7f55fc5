#!/usr/bin/env python3
"""Turns a bench TSV into the ratio table of the closing note."""
import csv
import sys

rows = [r for r in csv.reader((l for l in open(sys.argv[1]) if not l.startswith("#")), delimiter="\t")]
head, data = rows[0], rows[1:]
by = {(r[0], r[1], r[2]): dict(zip(head, r)) for r in data}
systems = sorted({r[1] for r in data if not r[1].startswith("ens")}, key=lambda s: ("dense" not in s, len(s), s))
print("\n| system | Java ns/unit (RHS) | numba ns/unit | numpy ns/unit | DOP853 Java s | SciPy s | SciPy/Java | DOP853 ns/unit per eval / RHS | RK4 Java s | numba s | numba/Java | evals Java/SciPy |")
print("|---|---|---|---|---|---|---|---|---|---|---|---|")
for s in systems:
    g = lambda impl, m, k: float(by[(impl, s, m)][k]) if (impl, s, m) in by else float("nan")
    jd, sd = g("java", "dop853", "seconds"), g("scipy", "dop853", "seconds")
    jr, nr = g("java", "rk4", "seconds"), g("numba", "rk4", "seconds")
    unit = by[("java", s, "rhs")]["unit"]
    print(f"| {s} ({unit}) | {g('java','rhs','ns_per_unit'):.3g} | {g('numba','rhs','ns_per_unit'):.3g} | "
          f"{g('numpy','rhs','ns_per_unit'):.3g} | {jd:.3g} | {sd:.3g} | {sd/jd:.2f}x | "
          f"{g('java','dop853','ns_per_unit') / g('java','rhs','ns_per_unit'):.2f} | {jr:.3g} | {nr:.3g} | {nr/jr:.2f}x | "
          f"{g('java','dop853','evaluations'):.0f}/{g('scipy','dop853','evaluations'):.0f} |")

ens = [r for r in data if r[1].startswith("ens")]
if ens:
    e = {(r[0], r[2]): float(r[3]) for r in ens}
    side = e.get(("java", "rk4-ensemble"))
    print("\n| ensemble (200 members, N = 80, RK4 h = 0.01, t = 200) | seconds | vs vdpnet ensemble |")
    print("|---|---|---|")
    for (impl, method), sec in sorted(e.items(), key=lambda kv: kv[1]):
        if method.startswith("rk4") or "rk45" in method:
            print(f"| {impl} {method} | {sec:.3g} | {sec / side:.2f}x |")
    side = e.get(("java", "dop853-ensemble"))
    if side:
        print("\n| adaptive ensemble (the same members, DOP853 rtol = atol = 1e-8, t = 50) | seconds | vs vdpnet ensemble |")
        print("|---|---|---|")
        for (impl, method), sec in sorted(e.items(), key=lambda kv: kv[1]):
            if "dop853" in method:
                print(f"| {impl} {method} | {sec:.3g} | {sec / side:.2f}x |")
    rl, re_ = e.get(("java", "rhs-member-loop")), e.get(("java", "rhs-ensemble"))
    if rl and re_:
        print(f"\nRHS alone: member by member / side by side = {rl / re_:.2f}x")
