#!/usr/bin/env python3
"""Peers for the vdpnet simulator benchmark: SciPy solve_ivp (DOP853, vectorised numpy RHS)
and a numba-compiled RK4, on exactly the systems the Java harness exported.

Usage: peers.py EXPORT_DIR [reps]   (prints the same tab-separated columns as SimBench)
"""
import sys
import time

import numpy as np
import scipy
import scipy.sparse as sp
from scipy.integrate import solve_ivp
import numba
from numba import njit

T_END = 100.0
H = 0.01


def load(d, name):
    f = lambda ext, dt: np.fromfile(f"{d}/{name}.{ext}", dtype=dt)
    rowptr, cols, w = f("rowptr.i32", "<i4"), f("cols.i32", "<i4"), f("w.f64", "<f8")
    p1, p2, y0, gain = f("p1.f64", "<f8"), f("p2.f64", "<f8"), f("y0.f64", "<f8"), f("gain.f64", "<f8")[0]
    n = len(p1)
    W = sp.csr_matrix((w, cols, rowptr), shape=(n, n))
    return dict(n=n, rowptr=rowptr, cols=cols, w=w, p1=p1, p2=p2, y0=y0, gain=gain, W=W,
                research=name.startswith("dense"), rowsum=np.asarray(W.sum(axis=1)).ravel())


def numpy_rhs(s):
    n, p1, p2, g = s["n"], s["p1"], s["p2"], s["gain"]
    if s["research"]:
        Wd = s["W"].toarray()

        def f(t, y):
            x, v = y[:n], y[n:]
            return np.concatenate((p1 * x * (1 - x * x) + p2 * v + g * (Wd @ x), -x))
    else:
        W, rs, w2 = s["W"], s["rowsum"], p2 * p2

        def f(t, y):
            x, v = y[:n], y[n:]
            return np.concatenate((v, p1 * (1 - x * x) * v - w2 * x + g * (W @ x - rs * x)))
    return f


@njit(cache=False, fastmath=False)
def rhs_csr(y, dy, n, rowptr, cols, w, p1, p2, g, research):
    for i in range(n):
        s = 0.0
        for k in range(rowptr[i], rowptr[i + 1]):
            s += w[k] * y[cols[k]]
        x = y[i]
        v = y[n + i]
        if research:
            dy[i] = p1[i] * x * (1.0 - x * x) + p2[i] * v + g * s
            dy[n + i] = -x
        else:
            rsum = 0.0
            for k in range(rowptr[i], rowptr[i + 1]):
                rsum += w[k]
            dy[i] = v
            dy[n + i] = p1[i] * (1.0 - x * x) * v - p2[i] * p2[i] * x + g * (s - rsum * x)


@njit(cache=False, fastmath=False)
def rhs_dense(y, dy, n, wcols, p1, p2, g):
    """Research form with a dense W stored by columns (wcols[j, i] = W[i, j]): the same
    column-AXPY algorithm as vdpnet's dense path, which LLVM vectorises without fastmath."""
    for i in range(n):
        dy[i] = 0.0
    for j in range(n):
        xj = y[j]
        for i in range(n):
            dy[i] += wcols[j, i] * xj
    for i in range(n):
        x = y[i]
        dy[i] = p1[i] * x * (1.0 - x * x) + p2[i] * y[n + i] + g * dy[i]
        dy[n + i] = -x


@njit(cache=False)
def rhs_any(y, dy, n, rowptr, cols, w, p1, p2, g, research, wcols):
    if research:
        rhs_dense(y, dy, n, wcols, p1, p2, g)
    else:
        rhs_csr(y, dy, n, rowptr, cols, w, p1, p2, g, research)


@njit(cache=False)
def rk4(y0, steps, h, n, rowptr, cols, w, p1, p2, g, research, wcols):
    y = y0.copy()
    m = y.size
    k1 = np.empty(m); k2 = np.empty(m); k3 = np.empty(m); k4 = np.empty(m); tmp = np.empty(m)
    for _ in range(steps):
        rhs_any(y, k1, n, rowptr, cols, w, p1, p2, g, research, wcols)
        for i in range(m):
            tmp[i] = y[i] + 0.5 * h * k1[i]
        rhs_any(tmp, k2, n, rowptr, cols, w, p1, p2, g, research, wcols)
        for i in range(m):
            tmp[i] = y[i] + 0.5 * h * k2[i]
        rhs_any(tmp, k3, n, rowptr, cols, w, p1, p2, g, research, wcols)
        for i in range(m):
            tmp[i] = y[i] + h * k3[i]
        rhs_any(tmp, k4, n, rowptr, cols, w, p1, p2, g, research, wcols)
        for i in range(m):
            y[i] = y[i] + h / 6.0 * (k1[i] + 2.0 * (k2[i] + k3[i]) + k4[i])
    return y


@njit(cache=False)
def rhs_loop(y, dy, count, n, rowptr, cols, w, p1, p2, g, research, wcols):
    for _ in range(count):
        rhs_any(y, dy, n, rowptr, cols, w, p1, p2, g, research, wcols)
        y[0] += 1e-300 * dy[0]


def out(impl, name, method, sec, evals, units, unit, x0):
    print(f"{impl}\t{name}\t{method}\t{sec:.6g}\t{evals}\t{sec * 1e9 / max(evals, 1) / units:.4g}\t{unit}\t{x0:.10g}", flush=True)


def main():
    d = sys.argv[1]
    reps = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    print(f"# numpy {np.__version__}, scipy {scipy.__version__}, numba {numba.__version__}", file=sys.stderr)
    for name in ["dense80", "ws1000", "ws10000"]:
        s = load(d, name)
        n = s["n"]
        units = n * n if s["research"] else n + s["W"].nnz
        unit = "entry" if s["research"] else "node+nonzero"
        wcols = np.ascontiguousarray(s["W"].toarray().T) if s["research"] else np.zeros((1, 1))
        args = (n, s["rowptr"], s["cols"], s["w"], s["p1"], s["p2"], s["gain"], s["research"], wcols)
        # RHS cost: numba and numpy
        y = s["y0"].copy(); dy = np.empty_like(y)
        count = max(200, int(4e8 // units) // 10)
        rhs_loop(y, dy, 10, *args)
        ts = []
        for _ in range(reps):
            t0 = time.perf_counter(); rhs_loop(y, dy, count, *args); ts.append((time.perf_counter() - t0) / count)
        out("numba", name, "rhs", float(np.median(ts)), 1, units, unit, dy[0])
        f = numpy_rhs(s)
        c2 = max(50, count // 50)
        ts = []
        for _ in range(reps):
            t0 = time.perf_counter()
            for _ in range(c2):
                f(0.0, s["y0"])
            ts.append((time.perf_counter() - t0) / c2)
        out("numpy", name, "rhs", float(np.median(ts)), 1, units, unit, f(0.0, s["y0"])[0])
        # SciPy DOP853
        ts = []
        for _ in range(reps if units < 500_000 else max(1, reps - 1)):
            t0 = time.perf_counter()
            sol = solve_ivp(f, (0.0, T_END), s["y0"], method="DOP853", rtol=1e-8, atol=1e-8, t_eval=[T_END])
            ts.append(time.perf_counter() - t0)
        out("scipy", name, "dop853", float(np.median(ts)), sol.nfev, units, unit, sol.y[0, -1])
        # numba RK4 (compiled before timing)
        steps = int(round(T_END / H))
        rk4(s["y0"], 2, H, *args)
        ts = []
        for _ in range(reps):
            t0 = time.perf_counter(); yend = rk4(s["y0"], steps, H, *args); ts.append(time.perf_counter() - t0)
        out("numba", name, "rk4", float(np.median(ts)), 4 * steps, units, unit, yend[0])


if __name__ == "__main__":
    main()
