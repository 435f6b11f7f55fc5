#!/usr/bin/env python3
"""Writes the NWB fixtures in pynwb's layout (soft links between groups, an external link,
string attributes) with h5py 3.7 and NumPy (Debian 12 packages: apt-get install python3-h5py).
Run it in this folder; the tests read the .nwb files it writes, never Python.
The data are the closed form of make_fixtures.py: value(c, k) = (c + 1) * 0.5 + 0.01 * k * (c + 1) - 0.3 * (k % 3),
5 samples x 3 channels, stored (time, rois) as NWB does."""
import numpy as np
import h5py

T, C = 5, 3
X = np.array([[(c + 1) * 0.5 + 0.01 * k * (c + 1) - 0.3 * (k % 3) for c in range(C)] for k in range(T)])


def nwb_file(path, rate=2.2, timestamps=None, timestamps_link=False, data=X, data_link=False):
    """A file laid out as pynwb writes one: devices and imaging planes linked by soft links."""
    with h5py.File(path, "w") as f:
        f.attrs["namespace"] = "core"
        f.attrs["neurodata_type"] = "NWBFile"
        f.attrs["nwb_version"] = "2.6.0"
        f.create_dataset("identifier", data="fixture")
        f.create_dataset("session_description", data="vdpnet reader fixture")
        f.create_group("acquisition")
        f.create_group("analysis")
        dev = f.create_group("general/devices/Microscope")
        dev.attrs["neurodata_type"] = "Device"
        plane = f.create_group("general/optophysiology/ImagingPlane")
        plane.attrs["neurodata_type"] = "ImagingPlane"
        plane["device"] = h5py.SoftLink("/general/devices/Microscope")            # pynwb links, never copies
        mod = f.create_group("processing/ophys")
        mod.attrs["neurodata_type"] = "ProcessingModule"
        seg = mod.create_group("ImageSegmentation/PlaneSegmentation")
        seg.attrs["neurodata_type"] = "PlaneSegmentation"
        seg["imaging_plane"] = h5py.SoftLink("/general/optophysiology/ImagingPlane")
        seg.create_dataset("id", data=np.arange(C))
        seg["reference_images"] = h5py.ExternalLink("images_elsewhere.nwb", "/acquisition/images")  # a dangling external link
        fl = mod.create_group("Fluorescence")
        fl.attrs["neurodata_type"] = "Fluorescence"
        fl["plane"] = h5py.SoftLink("/general/optophysiology/ImagingPlane")
        g = fl.create_group("RoiResponseSeries")
        g.attrs["namespace"] = "core"
        g.attrs["neurodata_type"] = "RoiResponseSeries"
        g.attrs["description"] = "dF/F"
        if data_link:
            mod.create_dataset("shared_data", data=data)
            g["data"] = h5py.SoftLink("/processing/ophys/shared_data")
        elif data is not None:
            d = g.create_dataset("data", data=data)
            d.attrs["unit"] = "n.a."
            d.attrs["conversion"] = 1.0
        else:
            g["data"] = h5py.SoftLink("/processing/ophys/nothing_here")               # a broken soft link
        rois = g.create_dataset("rois", data=np.arange(C))
        rois.attrs["neurodata_type"] = "DynamicTableRegion"
        g["imaging_plane"] = h5py.SoftLink("/general/optophysiology/ImagingPlane")
        if timestamps is not None:
            if timestamps_link:
                mod.create_dataset("shared_timestamps", data=timestamps)
                g["timestamps"] = h5py.SoftLink("/processing/ophys/shared_timestamps")
            else:
                g.create_dataset("timestamps", data=timestamps)
        elif rate is not None:
            st = g.create_dataset("starting_time", data=0.0)
            st.attrs["rate"] = rate
            st.attrs["unit"] = "seconds"


nwb_file("softlinks.nwb")                                                   # rate 2.2 from starting_time
nwb_file("softlinks_timestamps.nwb", timestamps=np.arange(T) * 0.25, timestamps_link=True)   # 4 Hz, linked stamps
nwb_file("softlinks_data.nwb", data_link=True)                             # data itself a soft link
nwb_file("bad_rate.nwb", rate=-1.1)
nwb_file("zero_timestamps.nwb", timestamps=np.zeros(T))
nwb_file("no_rate.nwb", rate=None)
nwb_file("broken_data_link.nwb", data=None)
nwb_file("complex_data.nwb", data=X.astype(np.complex128))
nwb_file("three_d.nwb", data=np.zeros((T, C, 2)))
nwb_file("text_data.nwb", data=np.array([b"a", b"b", b"c"]))
nwb_file("int16_data.nwb", data=(X * 100).astype(np.int16))
with h5py.File("no_series.nwb", "w") as f:
    f.attrs["neurodata_type"] = "NWBFile"
    f.create_group("acquisition")
    f.create_group("general/devices/Microscope")
    f["general/link_to_devices"] = h5py.SoftLink("/general/devices")

# a longer one for the CLI corpus (scenarios/src/test/resources/corpus/recordings): 160 samples x 4 rois of
# smooth oscillations, enough for `vdpnet fit --components 2`
k = np.arange(160)[:, None]
c = np.arange(4)[None, :]
LONG = np.sin(0.35 * k + 0.9 * c) + 0.3 * np.sin(0.11 * k * (1 + 0.2 * c))
nwb_file("softlinks_long.nwb", rate=1.5, data=LONG)


def tiny_series(g, data=X, rate=2.2, timestamps=None):
    """A bare series group (no devices or planes), to keep the refusal fixtures small."""
    g.attrs["neurodata_type"] = "RoiResponseSeries"
    g.create_dataset("data", data=data)
    if timestamps is not None:
        g.create_dataset("timestamps", data=timestamps)
    else:
        st = g.create_dataset("starting_time", data=0.0)
        st.attrs["rate"] = rate


def tiny_fixtures():
    """The small refusal fixtures, also copied to the CLI corpus."""
    with h5py.File("array_rate.nwb", "w") as f:                              # rate is an array, not one number
        tiny_series(f.create_group("series"), rate=np.array([1.5, 2.0]))
    with h5py.File("timestamps_length.nwb", "w") as f:                      # 4 timestamps for 5 samples
        tiny_series(f.create_group("series"), timestamps=np.arange(T - 1) * 0.25)
    with h5py.File("two_series.nwb", "w") as f:                             # which one? --variable must say
        tiny_series(f.create_group("acquisition/first"))
        tiny_series(f.create_group("acquisition/second"))
    with h5py.File("hardlink_cycle.nwb", "w") as f:                         # a group that holds its own parent
        a = f.create_group("a")
        b = a.create_group("b")
        b["back"] = a                                                         # a hard link, not a soft one
        tiny_series(f.create_group("series"))


if __name__ == "__main__":
    tiny_fixtures()
