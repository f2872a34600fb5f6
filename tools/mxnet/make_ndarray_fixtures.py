#!/usr/bin/env python3
"""Reference fixtures for MXNDArray arithmetic and NDArray files, from
Apache MXNet 1.9.1, and the round-trip check of mx.nd.save().

How to run (from the repository root, with the package installed in R):

    /tmp/mxvenv/bin/python tools/mxnet/make_ndarray_fixtures.py [OUTPUT_DIR]

OUTPUT_DIR defaults to R-package/tests/testthat/fixtures/ndarray.
Set MXLR_SKIP_ROUNDTRIP=1 to skip the round trip through R.

Writes:

* arith.csv.gz -- one row per element of an MXNet float32 operation:
  ``op`` (plus, minus, mul, div, equal, not_equal, greater,
  greater_equal, lesser, lesser_equal, mod, negative), ``form`` (``nd``: a op b
  with two NDArrays; ``scalar``: a op s; ``rscalar``: s op a, as Python's
  reflected operators and MXNet-R's ``rminus.scalar`` / ``rdiv.scalar``
  compute it; ``unary``: -a), ``a`` and ``b`` as float32 bit patterns in
  hex (b empty unless form is nd), ``s`` the scalar as the hex bit pattern
  of the double passed to MXNet (empty unless a scalar form), ``y`` the
  result's float32 bit pattern in hex.
* files/*.params -- NDArray files written by MXNet 1.9.1: ``mx.nd.save``
  of a named dict and of a list (float32, float64, float16, uint8, int8,
  int32, int64, 0-size and 3-d arrays), Gluon ``save_parameters`` of a
  PReLU layer and of a small network, a file with NumPy shape semantics
  (version 3, a 0-d array), and files R must refuse (row_sparse, csr,
  bool).
* files.csv -- what each readable file holds: ``file``, ``index`` (1-based
  position), ``name`` (empty for unnamed lists), ``dtype``, ``shape``
  (MXNet order, ``x``-joined, empty for 0-d), ``values`` (the elements in
  memory order converted to float32 by numpy's astype, as ``;``-joined
  float32 hex bit patterns).
* refused.csv -- ``file`` and a regular expression the R error must match.

Round trip (unless MXLR_SKIP_ROUNDTRIP=1): runs Rscript to write arrays
with mxLeakyReLU::mx.nd.save(), loads them with MXNet 1.9.1 and checks
every value and shape, saves them again with MXNet, and has R load that
file and check it is identical to what R wrote. Prints PASS or FAIL and
exits non-zero on failure.
"""

import gzip
import io
import os
import struct
import subprocess
import sys
import tempfile

import numpy as np
import mxnet as mx

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    ROOT, "R-package", "tests", "testthat", "fixtures", "ndarray")


def f32_hex(v):
    return "%08x" % struct.unpack("<I", struct.pack("<f", np.float32(v)))[0]


def f32_hex_array(a):
    a = np.ascontiguousarray(a, dtype=np.float32).ravel()
    return ["%08x" % u for u in a.view(np.uint32)]


def f64_hex(v):
    return "%016x" % struct.unpack("<Q", struct.pack("<d", float(v)))[0]


def values_from_bits(bits):
    return np.array(bits, dtype=np.uint32).view(np.float32)


# ---- arithmetic --------------------------------------------------------------

SPECIAL = [0.0, -0.0, 1.0, -1.0, 0.5, 3.0, -2.5, 0.1, 1.0 / 3.0, 1e-3,
           1e30, -1e30, 3.4028234663852886e38, -3.4028234663852886e38,
           1.401298464324817e-45, -1.17549435e-38, 16777217.0,
           float("inf"), float("-inf"), float("nan")]


def arith_rows():
    rng = np.random.RandomState(10)
    special = np.array(SPECIAL, dtype=np.float32)
    # every pair of special values, and random values of varied magnitude
    a1, b1 = np.meshgrid(special, special, indexing="ij")
    rand_a = (rng.standard_normal(150) * 10.0 ** rng.randint(-8, 9, 150)).astype(np.float32)
    rand_b = (rng.standard_normal(150) * 10.0 ** rng.randint(-8, 9, 150)).astype(np.float32)
    a = np.concatenate([a1.ravel(), rand_a, rand_a])
    b = np.concatenate([b1.ravel(), rand_b, rand_a])  # the last block: a op a
    na, nb = mx.nd.array(a, dtype="float32"), mx.nd.array(b, dtype="float32")
    rows = []
    binary = [("plus", lambda x, y: x + y), ("minus", lambda x, y: x - y),
              ("mul", lambda x, y: x * y), ("div", lambda x, y: x / y),
              ("equal", lambda x, y: x == y), ("not_equal", lambda x, y: x != y),
              ("greater", lambda x, y: x > y), ("greater_equal", lambda x, y: x >= y),
              ("lesser", lambda x, y: x < y), ("lesser_equal", lambda x, y: x <= y),
              ("mod", lambda x, y: x % y)]
    ah, bh = f32_hex_array(a), f32_hex_array(b)
    for name, f in binary:
        y = f32_hex_array(f(na, nb).asnumpy())
        rows += [(name, "nd", ah[i], bh[i], "", y[i]) for i in range(len(a))]
    # scalars: doubles as an R user writes them, rounded to float32 by MXNet
    scalars = [0.0, -0.0, 2.0, -3.0, 0.1, 1.0 / 3.0, 1e-40, 1e39,
               3.4028235677973366e38, 16777217.0, float("-inf"), float("nan")]
    sa = np.concatenate([special, rand_a[:10]])
    nsa = mx.nd.array(sa, dtype="float32")
    sah = f32_hex_array(sa)
    for s in scalars:
        for name, f in binary:
            y = f32_hex_array(f(nsa, s).asnumpy())
            rows += [(name, "scalar", sah[i], "", f64_hex(s), y[i]) for i in range(len(sa))]
            y = f32_hex_array(f(s, nsa).asnumpy())
            rows += [(name, "rscalar", sah[i], "", f64_hex(s), y[i]) for i in range(len(sa))]
    y = f32_hex_array((-nsa).asnumpy())
    rows += [("negative", "unary", sah[i], "", "", y[i]) for i in range(len(sa))]
    return rows


# ---- files -------------------------------------------------------------------

def file_arrays():
    """The arrays of the dense fixture files: (name, numpy array, dtype)."""
    rng = np.random.RandomState(11)
    special = np.array([0.0, -0.0, 1.5, -2.25, 1e-45, 3.4e38, np.inf, -np.inf, np.nan,
                        0.1, 1.0 / 3.0, 65504.0], dtype=np.float64)
    return [
        ("weight", rng.standard_normal((2, 3)).astype(np.float32), "float32"),
        ("special", special.astype(np.float32), "float32"),
        ("cube", rng.standard_normal((2, 3, 4)).astype(np.float32), "float32"),
        ("f64", np.concatenate([special, rng.standard_normal(6) * 1e3]).reshape(3, 6), "float64"),
        ("f16", np.array([0, -0.0, 1, -2.5, 65504, 6e-8, 1e-5, np.inf, -np.inf, np.nan, 0.1, 3.14159],
                         dtype=np.float16), "float16"),
        ("u8", np.arange(0, 256, 17, dtype=np.uint8), "uint8"),
        ("i8", np.array([-128, -1, 0, 1, 127], dtype=np.int8), "int8"),
        ("i32", np.array([[-2147483648, -16777217, -1], [0, 16777217, 2147483647]], dtype=np.int32), "int32"),
        ("i64", np.array([-(2 ** 62), -(2 ** 24 + 1), 0, 2 ** 24 + 1, 2 ** 53 + 1, 2 ** 63 - 1], dtype=np.int64), "int64"),
        ("empty", np.zeros((0, 3), dtype=np.float32), "float32"),
    ]


def expected_rows(fname, arrays, named):
    rows = []
    for k, (name, a, dtype) in enumerate(arrays):
        vals = np.asarray(a).astype(np.float32)
        shape = "x".join(str(d) for d in np.shape(a))
        rows.append((fname, k + 1, name if named else "", dtype, shape,
                     ";".join(f32_hex_array(vals))))
    return rows


def write_files(out):
    fdir = os.path.join(out, "files")
    os.makedirs(fdir, exist_ok=True)
    rows, refused = [], []
    arrays = file_arrays()

    nd = {name: mx.nd.array(a, dtype=dtype) for name, a, dtype in arrays}
    mx.nd.save(os.path.join(fdir, "named.params"), nd)
    # the dict's order is kept by MXNet's saver (Python 3.7+ dicts)
    loaded = mx.nd.load(os.path.join(fdir, "named.params"))
    assert list(loaded.keys()) == [a[0] for a in arrays]
    rows += expected_rows("named.params", arrays, True)

    unnamed = arrays[:3]
    mx.nd.save(os.path.join(fdir, "unnamed.params"),
               [mx.nd.array(a, dtype=dtype) for _, a, dtype in unnamed])
    rows += expected_rows("unnamed.params", unnamed, False)

    # float32 only, for the byte-for-byte comparison with mx.nd.save() in R
    f32 = [a for a in arrays if a[2] == "float32" and a[0] != "empty"]
    mx.nd.save(os.path.join(fdir, "float32.params"),
               {name: mx.nd.array(a, dtype="float32") for name, a, _ in f32})
    rows += expected_rows("float32.params", f32, True)

    # Gluon: a PReLU layer with 3 channels, and a small network
    prelu = mx.gluon.nn.PReLU(in_channels=3)
    prelu.initialize()
    prelu.alpha.set_data(mx.nd.array([0.1, 0.25, -0.3]))
    prelu.save_parameters(os.path.join(fdir, "gluon_prelu.params"))
    params = mx.nd.load(os.path.join(fdir, "gluon_prelu.params"))
    rows += expected_rows("gluon_prelu.params",
                          [(k, v.asnumpy(), "float32") for k, v in params.items()], True)

    mx.random.seed(12)
    net = mx.gluon.nn.HybridSequential()
    net.add(mx.gluon.nn.Dense(4, in_units=3), mx.gluon.nn.PReLU(in_channels=4),
            mx.gluon.nn.Dense(2, in_units=4))
    net.initialize(mx.init.Xavier())
    net.save_parameters(os.path.join(fdir, "gluon_net.params"))
    params = mx.nd.load(os.path.join(fdir, "gluon_net.params"))
    rows += expected_rows("gluon_net.params",
                          [(k, v.asnumpy(), "float32") for k, v in params.items()], True)

    # NumPy shape semantics: version 3 arrays, a 0-d one included
    with mx.util.np_shape(True):
        mx.nd.save(os.path.join(fdir, "npshape.params"),
                   {"scalar": mx.nd.array(np.float32(2.5).reshape(())),
                    "vec": mx.nd.array([1.0, -1.0])})
    rows.append(("npshape.params", 1, "scalar", "float32", "", f32_hex(2.5)))
    rows.append(("npshape.params", 2, "vec", "float32", "2",
                 ";".join(f32_hex_array([1.0, -1.0]))))

    # files R must refuse
    dense = mx.nd.array([[0, 1.5, 0], [0, 0, 2]])
    mx.nd.save(os.path.join(fdir, "row_sparse.params"), [dense.tostype("row_sparse")])
    refused.append(("row_sparse.params", "row_sparse storage"))
    mx.nd.save(os.path.join(fdir, "csr.params"), [dense.tostype("csr")])
    refused.append(("csr.params", "csr storage"))
    try:
        mx.nd.save(os.path.join(fdir, "bool.params"),
                   [mx.nd.array([1, 0, 1]).astype("bool")])
        refused.append(("bool.params", "element type bool"))
    except mx.base.MXNetError as e:  # pragma: no cover
        print("bool arrays cannot be saved:", e)
    return rows, refused


def write_csv(path, header, rows):
    raw = gzip.GzipFile(path, "wb", mtime=0) if path.endswith(".gz") else open(path, "wb")
    with io.TextIOWrapper(raw, "ascii", newline="\n") as f:
        f.write(",".join(header) + "\n")
        for r in rows:
            f.write(",".join(str(v) for v in r) + "\n")


# ---- round trip through R ----------------------------------------------------

R_WRITE = r"""
library(mxLeakyReLU)
args <- commandArgs(TRUE)
x <- list(
  a = mx.nd.array(array(c(-0, 0.1, 1/3, NaN, Inf, -Inf, 1e-45, 3e38, -2, 7, 8, 9), c(2, 3, 2))),
  b = mx.nd.array(1:5) * 0.5,
  c = mx.nd.zeros(c(4, 0)),
  d = mx.nd.array(matrix(rnorm(20), 4)))
mx.nd.save(x, args[1])
saveRDS(x, args[2])
"""

R_READ = r"""
library(mxLeakyReLU)
args <- commandArgs(TRUE)
x <- readRDS(args[2])
y <- mx.nd.load(args[1])
if (!identical(names(x), names(y))) stop("names differ")
for (k in names(x)) if (!identical(x[[k]], y[[k]])) stop("array ", k, " differs")
cat("R read back MXNet's copy: identical\n")
"""


def round_trip():
    with tempfile.TemporaryDirectory() as d:
        r_file, rds, mx_file = (os.path.join(d, n) for n in ("r.params", "x.rds", "mx.params"))
        subprocess.run(["Rscript", "-e", R_WRITE, r_file, rds], check=True)
        got = mx.nd.load(r_file)
        # what R wrote, described independently of the R package
        want = {
            "a": np.array([-0.0, 0.1, 1 / 3, np.nan, np.inf, -np.inf, 1e-45, 3e38, -2, 7, 8, 9],
                          dtype=np.float32).reshape(2, 3, 2),  # R dim c(2, 3, 2) reversed
            "b": (np.arange(1, 6, dtype=np.float32) * np.float32(0.5)),
            "c": np.zeros((0, 4), dtype=np.float32),
        }
        assert list(got.keys()) == ["a", "b", "c", "d"], got.keys()
        for k, w in want.items():
            g = got[k].asnumpy()
            assert g.dtype == np.float32 and g.shape == w.shape, (k, g.shape, w.shape)
            same = (g.view(np.uint32) == w.view(np.uint32)) | (np.isnan(g) & np.isnan(w))
            assert same.all(), (k, g, w)
        assert got["d"].shape == (5, 4) and got["d"].dtype == np.float32
        print("MXNet 1.9.1 read mx.nd.save()'s file: names, shapes, float32 values match")
        mx.nd.save(mx_file, got)
        subprocess.run(["Rscript", "-e", R_READ, mx_file, rds], check=True)


def main():
    os.makedirs(OUT, exist_ok=True)
    write_csv(os.path.join(OUT, "arith.csv.gz"), ["op", "form", "a", "b", "s", "y"], arith_rows())
    rows, refused = write_files(OUT)
    write_csv(os.path.join(OUT, "files.csv"),
              ["file", "index", "name", "dtype", "shape", "values"], rows)
    write_csv(os.path.join(OUT, "refused.csv"), ["file", "pattern"], refused)
    print("fixtures written to", OUT)
    if os.environ.get("MXLR_SKIP_ROUNDTRIP") == "1":
        return
    try:
        round_trip()
    except Exception as e:  # noqa: BLE001
        print("FAIL: round trip mx.nd.save -> MXNet 1.9.1 -> mx.nd.load:", e)
        sys.exit(1)
    print("PASS: round trip mx.nd.save -> MXNet 1.9.1 -> mx.nd.load")


if __name__ == "__main__":
    main()
