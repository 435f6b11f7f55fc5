#!/usr/bin/env python3
"""Ensemble peers for the vdpnet simulator benchmark: B members that share one CSR graph, each
with its own node parameters, coupling gain and initial state, integrated by a numba RK4 looped
over members, by SciPy solve_ivp (RK45) looped over members, by a numba RK4 vectorised
across members (member-minor layout), and by SciPy solve_ivp (DOP853) looped over members over
the adaptive span of NAME.adaptive.txt ("t_end rtol atol"), where vdpnet's adaptive ensemble runs.

Usage: peers_ensemble.py EXPORT_DIR [reps] [NAME]   (NAME defaults to "ens200"; prints the same
tab-separated columns as peers.py / SimBench)

Model (classic van der Pol, diffusive coupling), per member b, nodes i = 0..n-1, state
[x_0..x_{n-1}, v_0..v_{n-1}]:
    x_i' = v_i
    v_i' = p1_i (1 - x_i^2) v_i - p2_i^2 x_i + g (sum_k w_k x_{cols_k} - rowsum_i x_i)
Inputs in EXPORT_DIR (little-endian raw): NAME.rowptr.i32, NAME.cols.i32, NAME.w.f64 (shared CSR),
NAME.p1.f64, NAME.p2.f64 (B*n, member-major), NAME.gain.f64 (B), NAME.y0.f64 (B*2n, member-major),
NAME.meta.txt ("B n t_end h"), optionally NAME.java-rk4.f64 (B*2n final states from Java).
The solve_ivp peer uses peers.py's numpy right-hand side.
"""
import os
import sys
import time

import numpy as np
import scipy
import scipy.sparse as sp
from scipy.integrate import solve_ivp
import numba
from numba import njit

import peers  # bench/peers.py, beside this script


def load(d, name):
    f = lambda ext, dt: np.fromfile(f"{d}/{name}.{ext}", dtype=dt)
    with open(f"{d}/{name}.meta.txt") as fh:
        tok = fh.read().split()
    B, n, t_end, h = int(tok[0]), int(tok[1]), float(tok[2]), float(tok[3])
    s = dict(B=B, n=n, t_end=t_end, h=h, rowptr=f("rowptr.i32", "<i4"), cols=f("cols.i32", "<i4"),
             w=f("w.f64", "<f8"), p1=f("p1.f64", "<f8"), p2=f("p2.f64", "<f8"),
             gain=f("gain.f64", "<f8"), y0=f("y0.f64", "<f8"))
    for key, size in [("rowptr", n + 1), ("p1", B * n), ("p2", B * n), ("gain", B), ("y0", B * 2 * n)]:
        if s[key].size != size:
            raise SystemExit(f"{name}.{key}: {s[key].size} values, expected {size}")
    if s["cols"].size != s["w"].size or s["rowptr"][-1] != s["w"].size:
        raise SystemExit(f"{name}: cols/w/rowptr sizes disagree")
    s["W"] = sp.csr_matrix((s["w"], s["cols"], s["rowptr"]), shape=(n, n))
    s["rowsum"] = np.asarray(s["W"].sum(axis=1)).ravel()
    return s


@njit(cache=False, fastmath=False)
def rhs_csr(y, dy, n, rowptr, cols, w, p1, w2, rs, g):
    """w2 = p2^2 and the row sums rs are precomputed, as vdpnet precomputes them."""
    for i in range(n):
        s = 0.0
        for k in range(rowptr[i], rowptr[i + 1]):
            s += w[k] * y[cols[k]]
        x = y[i]
        v = y[n + i]
        dy[i] = v
        dy[n + i] = p1[i] * (1.0 - x * x) * v - w2[i] * x + g * (s - rs[i] * x)


@njit(cache=False, fastmath=False)
def rk4(y0, steps, h, n, rowptr, cols, w, p1, w2, rs, g):
    y = y0.copy()
    m = y.size
    k1 = np.empty(m); k2 = np.empty(m); k3 = np.empty(m); k4 = np.empty(m); tmp = np.empty(m)
    for _ in range(steps):
        rhs_csr(y, k1, n, rowptr, cols, w, p1, w2, rs, g)
        for i in range(m):
            tmp[i] = y[i] + 0.5 * h * k1[i]
        rhs_csr(tmp, k2, n, rowptr, cols, w, p1, w2, rs, g)
        for i in range(m):
            tmp[i] = y[i] + 0.5 * h * k2[i]
        rhs_csr(tmp, k3, n, rowptr, cols, w, p1, w2, rs, g)
        for i in range(m):
            tmp[i] = y[i] + h * k3[i]
        rhs_csr(tmp, k4, n, rowptr, cols, w, p1, w2, rs, g)
        for i in range(m):
            y[i] = y[i] + h / 6.0 * (k1[i] + 2.0 * (k2[i] + k3[i]) + k4[i])
    return y


# The member loop lives inside one njit function. A Python loop calling rk4 per member was
# measured too (40 members of the 200x80 test set, 20000 steps: 6.04/6.31 s njit loop vs
# 6.00/6.46 s Python loop, bitwise-equal results): a tie, per-call overhead being ~us against
# ~0.15 s per member, so the njit loop (no Python in the timed region) is the one timed.
@njit(cache=False, fastmath=False)
def rk4_members(y0, steps, h, B, n, rowptr, cols, w, p1, w2, rs, gain):
    out = np.empty(B * 2 * n)
    for b in range(B):
        out[b * 2 * n:(b + 1) * 2 * n] = rk4(y0[b * 2 * n:(b + 1) * 2 * n], steps, h, n, rowptr, cols, w,
                                             p1[b * n:(b + 1) * n], w2[b * n:(b + 1) * n], rs, gain[b])
    return out


@njit(cache=False, fastmath=False)
def rhs_ens(y, dy, B, n, rowptr, cols, w, p1, w2, rs, g, s):
    """Member-minor layout: x_i of member b at y[i*B+b], v_i at y[(n+i)*B+b]; p1, w2 = p2^2 at [i*B+b];
    s is scratch of B values (allocated once by the caller). Per member it performs the same operations
    in the same order as rhs_csr."""
    for i in range(n):
        rsum = rs[i]
        s[:] = 0.0
        for k in range(rowptr[i], rowptr[i + 1]):
            wk = w[k]
            c = cols[k] * B
            for b in range(B):
                s[b] += wk * y[c + b]
        for b in range(B):
            x = y[i * B + b]
            v = y[(n + i) * B + b]
            dy[i * B + b] = v
            dy[(n + i) * B + b] = (p1[i * B + b] * (1.0 - x * x) * v - w2[i * B + b] * x
                                   + g[b] * (s[b] - rsum * x))


@njit(cache=False, fastmath=False)
def rk4_ens(y0, steps, h, B, n, rowptr, cols, w, p1, w2, rs, g):
    y = y0.copy()
    sb = np.empty(B)
    m = y.size
    k1 = np.empty(m); k2 = np.empty(m); k3 = np.empty(m); k4 = np.empty(m); tmp = np.empty(m)
    for _ in range(steps):
        rhs_ens(y, k1, B, n, rowptr, cols, w, p1, w2, rs, g, sb)
        for i in range(m):
            tmp[i] = y[i] + 0.5 * h * k1[i]
        rhs_ens(tmp, k2, B, n, rowptr, cols, w, p1, w2, rs, g, sb)
        for i in range(m):
            tmp[i] = y[i] + 0.5 * h * k2[i]
        rhs_ens(tmp, k3, B, n, rowptr, cols, w, p1, w2, rs, g, sb)
        for i in range(m):
            tmp[i] = y[i] + h * k3[i]
        rhs_ens(tmp, k4, B, n, rowptr, cols, w, p1, w2, rs, g, sb)
        for i in range(m):
            y[i] = y[i] + h / 6.0 * (k1[i] + 2.0 * (k2[i] + k3[i]) + k4[i])
    return y


def solve_ivp_loop(s, method, t_end, rtol, atol, reps, reps_if_slow):
    """One solve_ivp call per member with peers.py's vectorised numpy RHS (scipy.sparse mat-vec, the one SciPy's
    single-network DOP853 peer uses); at most reps_if_slow reps if one takes over 20 s. Returns the median seconds,
    the evaluations, the final states (member-major) and the reps run."""
    B, n = s["B"], s["n"]
    ts = []
    while len(ts) < reps and not (len(ts) >= reps_if_slow and ts[0] > 20.0):
        t0 = time.perf_counter()
        yend, nfev = np.empty(B * 2 * n), 0
        for b in range(B):
            f = peers.numpy_rhs(dict(n=n, W=s["W"], rowsum=s["rowsum"], p1=s["p1"][b * n:(b + 1) * n],
                                     p2=s["p2"][b * n:(b + 1) * n], gain=s["gain"][b], research=False))
            sol = solve_ivp(f, (0.0, t_end), s["y0"][b * 2 * n:(b + 1) * 2 * n], method=method, rtol=rtol, atol=atol,
                            t_eval=[t_end])
            yend[b * 2 * n:(b + 1) * 2 * n] = sol.y[:, -1]
            nfev += sol.nfev
        ts.append(time.perf_counter() - t0)
    return float(np.median(ts)), nfev, yend, len(ts)


def out(impl, name, method, sec, evals, units, unit, x0):
    print(f"{impl}\t{name}\t{method}\t{sec:.6g}\t{evals}\t{sec * 1e9 / max(evals, 1) / units:.4g}\t{unit}\t{x0:.10g}", flush=True)


def main():
    d = sys.argv[1]
    reps = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    name = sys.argv[3] if len(sys.argv) > 3 else "ens200"
    print(f"# numpy {np.__version__}, scipy {scipy.__version__}, numba {numba.__version__}", file=sys.stderr)
    s = load(d, name)
    B, n, t_end, h = s["B"], s["n"], s["t_end"], s["h"]
    rowptr, cols, w, p1, p2, gain, y0 = (s[k] for k in ("rowptr", "cols", "w", "p1", "p2", "gain", "y0"))
    # evaluations count per-member RHS evaluations (4*steps*B, sum of nfev), so each one touches
    # n + nnz member-node+nonzeros; dividing by B*(n+nnz) as well would count B twice and report
    # ns_per_unit B times too small. Per-member units keep it comparable with peers.py's node+nonzero.
    units = n + s["W"].nnz
    unit = "member-node+nonzero"
    steps = int(round(t_end / h))
    w2 = p2 * p2  # as vdpnet's VanDerPol precomputes omega^2
    rs = np.asarray(s["rowsum"], dtype=np.float64)
    # 1. numba RK4, loop over members (compiled before timing)
    rk4_members(y0, 2, h, B, n, rowptr, cols, w, p1, w2, rs, gain)
    ts = []
    for _ in range(reps):
        t0 = time.perf_counter(); yend = rk4_members(y0, steps, h, B, n, rowptr, cols, w, p1, w2, rs, gain)
        ts.append(time.perf_counter() - t0)
    out("numba", name, "rk4-member-loop", float(np.median(ts)), 4 * steps * B, units, unit, yend[0])
    if os.path.exists(f"{d}/{name}.java-rk4.f64"):
        yj = np.fromfile(f"{d}/{name}.java-rk4.f64", dtype="<f8")
        if yj.size == yend.size:
            print(f"# {name}: max |java rk4 - numba rk4| = {np.max(np.abs(yj - yend)):.3g}", file=sys.stderr)
        else:
            print(f"# {name}: java-rk4.f64 has {yj.size} values, expected {yend.size}; skipped", file=sys.stderr)
    # 2. SciPy solve_ivp RK45, one call per member (at most 2 reps if one rep takes over 20 s)
    sec, nfev, ysc, nreps = solve_ivp_loop(s, "RK45", t_end, 1e-6, 1e-6, reps, 2)
    out("scipy", name, "solve_ivp-rk45-1e-6-loop", sec, nfev, units, unit, ysc[0])
    dm = np.max(np.abs(ysc - yend).reshape(B, 2 * n), axis=1)  # per-member max difference
    print(f"# {name}: |solve_ivp rk45 - numba rk4|: max {dm.max():.3g}, median over members {np.median(dm):.3g}"
          f" ({nreps} reps; over long t_end it measures sensitivity to the tolerances as well)", file=sys.stderr)
    # 3. numba RK4 vectorised across members (member-minor layout y[i*B+b])
    ye = np.ascontiguousarray(y0.reshape(B, 2 * n).T).ravel()
    p1e = np.ascontiguousarray(p1.reshape(B, n).T).ravel()
    w2e = np.ascontiguousarray(w2.reshape(B, n).T).ravel()
    rk4_ens(ye, 2, h, B, n, rowptr, cols, w, p1e, w2e, rs, gain)
    ts = []
    for _ in range(reps):
        t0 = time.perf_counter(); yee = rk4_ens(ye, steps, h, B, n, rowptr, cols, w, p1e, w2e, rs, gain)
        ts.append(time.perf_counter() - t0)
    yee = yee.reshape(2 * n, B).T.ravel()
    out("numba", name, "rk4-ensemble-numba", float(np.median(ts)), 4 * steps * B, units, unit, yee[0])
    print(f"# {name}: max |rk4 ensemble - rk4 member loop| = {np.max(np.abs(yee - yend)):.3g}", file=sys.stderr)
    # 4. SciPy solve_ivp DOP853, one call per member, over NAME.adaptive.txt's span and tolerances (vdpnet's adaptive
    #    ensemble runs the same); one rep only if it takes over 20 s
    if os.path.exists(f"{d}/{name}.adaptive.txt"):
        with open(f"{d}/{name}.adaptive.txt") as fh:
            t_ad, rtol, atol = (float(v) for v in fh.read().split())
        sec, nfev, yad, nreps = solve_ivp_loop(s, "DOP853", t_ad, rtol, atol, reps, 1)
        out("scipy", name, "solve_ivp-dop853-1e-8-loop", sec, nfev, units, unit, yad[0])
        if os.path.exists(f"{d}/{name}.java-dop853.f64"):
            yj = np.fromfile(f"{d}/{name}.java-dop853.f64", dtype="<f8")
            dm = np.max(np.abs(yj - yad).reshape(B, 2 * n), axis=1)
            print(f"# {name}: |java dop853 ensemble - solve_ivp dop853| (t = {t_ad:g}, rtol {rtol:g}): max {dm.max():.3g}, "
                  f"median over members {np.median(dm):.3g} ({nreps} reps)", file=sys.stderr)


if __name__ == "__main__":
    main()
