"""Copies an MS with python-casacore, storing DATA, FLAG, WEIGHT_SPECTRUM and UVW in tiled
storage managers as real telescope MSs do: the tiled input of bench/read-throughput.sh."""
import sys

from casacore.tables import table

source, target = sys.argv[1], sys.argv[2]
rows_per_tile = 64
dminfo = {
    "*1": {"TYPE": "TiledShapeStMan", "NAME": "TiledData",
           "SPEC": {"DEFAULTTILESHAPE": [4, 64, rows_per_tile]}, "COLUMNS": ["DATA"]},
    "*2": {"TYPE": "TiledShapeStMan", "NAME": "TiledFlag",
           "SPEC": {"DEFAULTTILESHAPE": [4, 64, rows_per_tile]}, "COLUMNS": ["FLAG"]},
    "*3": {"TYPE": "TiledColumnStMan", "NAME": "TiledWeightSpectrum",
           "SPEC": {"DEFAULTTILESHAPE": [4, 64, rows_per_tile]}, "COLUMNS": ["WEIGHT_SPECTRUM"]},
    "*4": {"TYPE": "TiledColumnStMan", "NAME": "TiledUVW",
           "SPEC": {"DEFAULTTILESHAPE": [3, 1024]}, "COLUMNS": ["UVW"]},
}
t = table(source, ack=False)
t.copy(target, deep=True, valuecopy=True, dminfo=dminfo).close()
t.close()
out = table(target, ack=False)
print(target + ": " + ", ".join(sorted({d["TYPE"] for d in out.getdminfo().values()})), out.nrows(), "rows")
out.close()
