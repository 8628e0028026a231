"""Compare a table written by Tessera with its source, using python-casacore.

usage: write_compare.py SOURCE OUTPUT ROWS [C0 C1]
  ROWS   comma-separated ranges start:end of source rows (end exclusive), or "all"
  C0 C1  channel range kept in OUTPUT (channel-dependent columns are sliced)
Prints "OK <nrows>" or the first differences, one per line, and exits 1 on differences.
"""
import sys
import numpy as np
from casacore.tables import table

CHANNEL_COLUMNS = {"DATA", "CORRECTED_DATA", "MODEL_DATA", "FLAG", "WEIGHT_SPECTRUM",
                   "SIGMA_SPECTRUM", "FLAG_CATEGORY"}


def rows_of(spec, nrow):
    if spec == "all":
        return list(range(nrow))
    out = []
    for part in spec.split(","):
        a, b = part.split(":")
        out.extend(range(int(a), int(b)))
    return out


def same(a, b):
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        a = np.asarray(a)
        b = np.asarray(b)
        if a.shape != b.shape:
            return False
        if a.dtype.kind in "fc":
            return np.array_equal(a, b, equal_nan=True)
        return np.array_equal(a, b)
    if isinstance(a, float) and isinstance(b, float) and a != a and b != b:
        return True
    return a == b


def main():
    src = table(sys.argv[1], ack=False)
    out = table(sys.argv[2], ack=False)
    rows = rows_of(sys.argv[3], src.nrows())
    chans = (int(sys.argv[4]), int(sys.argv[5])) if len(sys.argv) > 5 else None
    problems = []
    if out.nrows() != len(rows):
        problems.append("row count %d, expected %d" % (out.nrows(), len(rows)))
    if sorted(src.colnames()) != sorted(out.colnames()):
        problems.append("columns %s, expected %s" % (out.colnames(), src.colnames()))
    for col in src.colnames():
        if src.getcolkeywords(col) != out.getcolkeywords(col):
            if str(src.getcolkeywords(col)) != str(out.getcolkeywords(col)):
                problems.append("keywords of %s differ" % col)
        for i, r in enumerate(rows[:out.nrows()]):
            sdef = src.iscelldefined(col, r)
            odef = out.iscelldefined(col, i)
            if sdef != odef:
                problems.append("%s row %d: defined %s, expected %s" % (col, r, odef, sdef))
                break
            if not sdef:
                continue
            a = src.getcell(col, r)
            b = out.getcell(col, i)
            if chans and col in CHANNEL_COLUMNS and isinstance(a, np.ndarray) and a.ndim >= 2:
                a = a[..., chans[0]:chans[1], :] if a.ndim == 2 else a[:, chans[0]:chans[1], :]
            if not same(a, b):
                problems.append("%s row %d differs" % (col, r))
                break
        if len(problems) > 10:
            break
    if problems:
        print("\n".join(problems))
        sys.exit(1)
    print("OK %d" % out.nrows())


main()
