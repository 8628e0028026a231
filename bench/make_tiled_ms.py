"""Rewrites an MS with python-casacore, storing DATA, FLAG and WEIGHT_SPECTRUM in tiled
storage managers as real telescope MSs do: the tiled input of bench/read-throughput.sh."""
import os
import shutil
import sys

from casacore.tables import table

source, target = sys.argv[1], sys.argv[2]
tiled = {"DATA": "TiledShapeStMan", "FLAG": "TiledShapeStMan", "WEIGHT_SPECTRUM": "TiledColumnStMan"}
chunk = 20000

src = table(source, ack=False)
ssm = dict(src.getdminfo()["*1"])
ssm["COLUMNS"] = [c for c in ssm["COLUMNS"] if c not in tiled]
dminfo = {"*1": ssm}
for k, (column, manager) in enumerate(sorted(tiled.items()), start=2):
    dminfo["*%d" % k] = {"TYPE": manager, "NAME": "Tiled" + column,
                         "SPEC": {"DEFAULTTILESHAPE": [4, 64, 64]}, "COLUMNS": [column]}
out = table(target, src.getdesc(), nrow=src.nrows(), dminfo=dminfo, ack=False)
columns = [c for c in src.colnames() if c != "FLAG_CATEGORY"]
for row in range(0, src.nrows(), chunk):
    n = min(chunk, src.nrows() - row)
    for c in columns:
        out.putcol(c, src.getcol(c, startrow=row, nrow=n), startrow=row, nrow=n)
# Subtables are copied as they are and the keywords pointed at the copies.
for name in src.getsubtables():
    base = os.path.basename(name)
    shutil.copytree(name, os.path.join(target, base))
    out.putkeyword(base, "Table: " + os.path.join(os.path.abspath(target), base))
managers = sorted({d["TYPE"] for d in out.getdminfo().values()})
print("%s: %d rows, managers %s" % (target, out.nrows(), ", ".join(managers)))
out.close()
src.close()
