#!/usr/bin/env python3
"""Writes the reader fixtures with NumPy 1.24, SciPy 1.10 and h5py 3.7 (Debian 12 packages).
The expected values are the closed form below: value(c, k) = (c + 1) * 0.5 + 0.01 * k * (c + 1) - 0.3 * (k % 3),
for channel c in 0..2 and sample k in 0..4 (5 samples x 3 channels). Rerun to regenerate."""
import numpy as np
import scipy.io
import h5py

T, C = 5, 3
X = np.array([[(c + 1) * 0.5 + 0.01 * k * (c + 1) - 0.3 * (k % 3) for c in range(C)] for k in range(T)])  # time x channels

np.save("tc_f8_c.npy", X)                                   # time-by-channels, float64, C order
np.save("ct_f4_c.npy", X.T.astype("<f4"))                   # channels-by-time, float32
np.save("tc_f8_fortran.npy", np.asfortranarray(X))          # time-by-channels, Fortran order
scipy.io.savemat("rec.mat", {"activity_matrix": X.T, "other": np.arange(4.0)})   # channels-by-time, MATLAB v5
with h5py.File("rec.nwb", "w") as f:
    f.attrs["neurodata_type"] = "NWBFile"
    g = f.create_group("processing/ophys/Fluorescence/RoiResponseSeries")
    g.attrs["neurodata_type"] = "RoiResponseSeries"
    g.create_dataset("data", data=X)                         # NWB stores (time, rois)
    st = g.create_dataset("starting_time", data=0.0)
    st.attrs["rate"] = 2.2
