"""Reads columns of an MS with python-casacore getcol, a chunk of rows at a time, and prints
one JSON object with the stored bytes read and the seconds taken (the reference of
bench/read-throughput.sh)."""
import json
import sys
import time

from casacore.tables import table

ms, columns, chunk_rows = sys.argv[1], sys.argv[2].split(","), int(sys.argv[3])
t = table(ms, ack=False)
nrow = t.nrows()
stored = 0
start = time.perf_counter()
for row in range(0, nrow, chunk_rows):
    n = min(chunk_rows, nrow - row)
    for name in columns:
        values = t.getcol(name, startrow=row, nrow=n)
        # Bool is stored as one bit; numeric types as in memory (complex64: 8 bytes).
        stored += (values.size + 7) // 8 if values.dtype == bool else values.nbytes
seconds = time.perf_counter() - start
t.close()
print(json.dumps({"ms": ms, "rows": nrow, "bytes": stored, "seconds": seconds, "mbPerSecond": stored / 1e6 / seconds}))
