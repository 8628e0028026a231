"""Dump every column of casacore tables with python-casacore, for the Java reader's tests.

Usage: /usr/bin/python3 dump_columns.py OUTDIR TABLE [TABLE ...]

For table number k, writes OUTDIR/k/<column>.bin:
  b"TSDM", int32 nrow, then per row: uint8 defined (0/1); when defined: uint8 dtype code,
  int32 ndim, int32 shape[ndim] (Fortran order, first axis fastest), then the values in
  Fortran order: numbers little-endian, strings as int32 length + UTF-8 bytes.
Codes: b bool (1 byte), B uint8, h int16, H uint16, i int32, I uint32, q int64, f float32,
d float64, F complex64, D complex128, S string, R record (sorted field names, as strings).
"""
import os
import struct
import sys

import numpy as np
from casacore.tables import table

CODES = {np.dtype(np.bool_): b"b", np.dtype(np.uint8): b"B", np.dtype(np.int16): b"h",
         np.dtype(np.uint16): b"H", np.dtype(np.int32): b"i", np.dtype(np.uint32): b"I",
         np.dtype(np.int64): b"q", np.dtype(np.float32): b"f", np.dtype(np.float64): b"d",
         np.dtype(np.complex64): b"F", np.dtype(np.complex128): b"D"}
SCALAR_DTYPES = {"boolean": np.bool_, "uchar": np.uint8, "short": np.int16, "ushort": np.uint16,
                 "int": np.int32, "uint": np.uint32, "int64": np.int64, "float": np.float32,
                 "double": np.float64, "complex": np.complex64, "dcomplex": np.complex128}


def put_strings(out, values):
    for s in values:
        b = s.encode("utf-8")
        out.write(struct.pack("<i", len(b)))
        out.write(b)


def put_cell(out, value, value_type, is_array):
    if value_type == "record":
        keys = sorted(value.keys()) if isinstance(value, dict) else []
        out.write(b"R" + struct.pack("<ii", 1, len(keys)))
        put_strings(out, keys)
        return
    if value_type == "string":
        arr = np.asarray(value, dtype=object) if is_array else np.asarray([value], dtype=object)
        shape = list(reversed(arr.shape)) if is_array else []
        out.write(b"S" + struct.pack("<i", len(shape)) + struct.pack("<%di" % len(shape), *shape))
        put_strings(out, [str(s) for s in arr.ravel(order="C")])
        return
    dtype = np.dtype(SCALAR_DTYPES[value_type])
    arr = np.asarray(value, dtype=dtype)
    shape = list(reversed(arr.shape)) if is_array else []
    out.write(CODES[dtype] + struct.pack("<i", len(shape)) + struct.pack("<%di" % len(shape), *shape))
    out.write(np.ascontiguousarray(arr).astype(dtype.newbyteorder("<")).tobytes(order="C"))


def dump_table(path, outdir):
    os.makedirs(outdir, exist_ok=True)
    t = table(path, ack=False)
    nrow = t.nrows()
    for name in t.colnames():
        desc = t.getcoldesc(name)
        value_type = desc["valueType"]
        is_array = "ndim" in desc and t.isscalarcol(name) is False
        with open(os.path.join(outdir, name + ".bin"), "wb") as out:
            out.write(b"TSDM" + struct.pack("<i", nrow))
            whole = None
            if nrow > 0 and value_type not in ("record", "string"):
                try:
                    whole = t.getcol(name)
                except Exception:
                    whole = None
            for row in range(nrow):
                if is_array and not t.iscelldefined(name, row):
                    out.write(b"\x00")
                    continue
                out.write(b"\x01")
                value = whole[row] if whole is not None else t.getcell(name, row)
                put_cell(out, value, value_type, is_array)
    t.close()


def main():
    outdir = sys.argv[1]
    for k, path in enumerate(sys.argv[2:]):
        dump_table(path, os.path.join(outdir, str(k)))


if __name__ == "__main__":
    main()
