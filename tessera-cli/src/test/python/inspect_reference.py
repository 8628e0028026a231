"""Reference for `tessera inspect --json`, computed independently with python-casacore."""
import json
import sys

import numpy as np
from casacore.tables import table, taql

STOKES = ["Undefined", "I", "Q", "U", "V", "RR", "RL", "LR", "LL", "XX", "XY", "YX", "YY"]


def main(path):
    t = table(path, ack=False)
    cols = t.colnames()
    column = "CORRECTED_DATA" if "CORRECTED_DATA" in cols else "DATA"
    spw = table(path + "/SPECTRAL_WINDOW", ack=False)
    pol = table(path + "/POLARIZATION", ack=False)
    field = table(path + "/FIELD", ack=False)
    ant = table(path + "/ANTENNA", ack=False)
    out = {"rows": t.nrows(), "antennas": ant.nrows(), "spectralWindows": [], "polarizations": [],
           "fields": [], "dataColumn": column}
    for i in range(spw.nrows()):
        f = spw.getcell("CHAN_FREQ", i)
        out["spectralWindows"].append({"id": i, "channels": len(f), "firstFreqHz": float(f[0]),
                                       "lastFreqHz": float(f[-1])})
    for i in range(pol.nrows()):
        out["polarizations"].append({"id": i, "correlations": [STOKES[c] for c in pol.getcell("CORR_TYPE", i)]})
    for i in range(field.nrows()):
        d = field.getcell("PHASE_DIR", i)
        out["fields"].append({"id": i, "name": field.getcell("NAME", i), "raRad": float(d[0][0]),
                              "decRad": float(d[0][1])})
    acc = dict(visibilities=0, unflagged=0, nonFinite=0, sumReal=0.0, sumImag=0.0, sumAbs=0.0, sumWeight=0.0)
    has_ws = "WEIGHT_SPECTRUM" in cols
    for r in range(t.nrows()):
        data = t.getcell(column, r).astype(np.complex128)
        flag = t.getcell("FLAG", r) | bool(t.getcell("FLAG_ROW", r))
        if has_ws and t.iscelldefined("WEIGHT_SPECTRUM", r):
            w = t.getcell("WEIGHT_SPECTRUM", r).astype(np.float64)
        else:
            w = np.broadcast_to(t.getcell("WEIGHT", r).astype(np.float64), data.shape)
        finite = np.isfinite(data.real) & np.isfinite(data.imag)
        use = ~flag & finite
        acc["visibilities"] += data.size
        acc["unflagged"] += int(use.sum())
        acc["nonFinite"] += int((~flag & ~finite).sum())
        acc["sumReal"] += float(data.real[use].sum())
        acc["sumImag"] += float(data.imag[use].sum())
        acc["sumAbs"] += float(np.abs(data[use]).sum())
        acc["sumWeight"] += float(w[use].sum())
    out.update(acc)
    uvw = t.getcol("UVW") if t.nrows() else np.zeros((0, 3))
    out["sumUvwAbs"] = float(np.abs(uvw).sum())
    time = t.getcol("TIME") if t.nrows() else None
    out["timeMin"] = float(time.min()) if time is not None else None
    out["timeMax"] = float(time.max()) if time is not None else None
    print(json.dumps(out))


if __name__ == "__main__":
    main(sys.argv[1])
