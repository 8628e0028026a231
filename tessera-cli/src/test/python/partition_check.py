"""Checks sub-MSs against their source with python-casacore and prints one JSON object.

time: the parts' TIME, ANTENNA1, ANTENNA2 and DATA concatenated equal the source's.
channel FIRST COUNT (one per part): each part has all rows and DATA equal to the source's
DATA[:, first:first + count, :] and CHAN_FREQ equal to the source's slice."""
import json
import sys

import numpy as np
from casacore.tables import table

mode, source, parts = sys.argv[1], sys.argv[2], sys.argv[3:]
src = table(source, ack=False)
result = {"rows": src.nrows()}
if mode == "time":
    for column in ("TIME", "ANTENNA1", "ANTENNA2", "DATA"):
        joined = np.concatenate([table(p, ack=False).getcol(column) for p in parts])
        result[column] = bool(np.array_equal(joined, src.getcol(column), equal_nan=column == "DATA"))
else:
    data = src.getcol("DATA")
    freq = table(source + "/SPECTRAL_WINDOW", ack=False).getcol("CHAN_FREQ")
    for i in range(0, len(parts), 3):
        path, first, count = parts[i], int(parts[i + 1]), int(parts[i + 2])
        part = table(path, ack=False)
        sub = slice(first, first + count)
        ok_data = np.array_equal(part.getcol("DATA"), data[:, sub, :], equal_nan=True)
        spw = table(path + "/SPECTRAL_WINDOW", ack=False)
        ok_freq = np.array_equal(spw.getcol("CHAN_FREQ"), freq[:, sub])
        ok_nchan = bool(np.all(spw.getcol("NUM_CHAN") == count))
        result[path] = bool(ok_data and ok_freq and ok_nchan and part.nrows() == src.nrows())
print(json.dumps(result))
