#!/usr/bin/env python3
"""Generate reference fixtures for the R package from Apache MXNet 1.9.1.

Runs ``mxnet.nd.LeakyReLU`` (forward, and backward through ``mx.autograd``)
on a fixed, seeded set of inputs and writes two CSV files that base R can
read with ``read.csv``:

* ``mxnet_cases.csv``  -- one row per case (parameters, shape, gamma, dgamma)
* ``mxnet_values.csv`` -- one row per element (x, y and, for backward
  cases, dy and dx)

How to run (from the repository root):

    python3 -m venv /tmp/mxvenv
    /tmp/mxvenv/bin/pip install mxnet==1.9.1 "numpy<1.24"
    /tmp/mxvenv/bin/python tools/mxnet/make_fixtures.py [OUTPUT_DIR]

OUTPUT_DIR defaults to ``R-package/tests/testthat/fixtures`` relative to the
repository root (the directory two levels above this file).  The MXNet
pip wheel may need ``libgomp1`` / ``libquadmath0`` from the system.

Format details:

* Every float is a float32 value written as the shortest decimal string
  of that value widened to double (``repr(float(v))``), so R reads back
  exactly the float32 value as a double.  NaN is written ``NaN``,
  infinities ``Inf`` / ``-Inf``, negative zero ``-0.0``.
* ``shape`` is the MXNet shape with dims joined by ``x``; ``i`` is the
  0-based flat index in MXNet's row-major (C) order.
* ``gamma`` / ``dgamma`` are ``;``-joined lists (empty when not used).
* ``slope``, ``lower_bound``, ``upper_bound`` hold the parameter values in
  effect, written as the decimal passed to MXNet (MXNet stores them as
  float32; defaults 0.25, 0.125, 0.334 when not passed explicitly, the
  note says ``defaults`` in that case).  Act types that ignore a
  parameter still list the value that was passed.
* ``op`` is ``forward`` (inference, outside autograd), ``backward``
  (``autograd.record(train_mode=False)`` for rrelu, ``record()`` for the
  others; ``dx = d(sum(y * dy)) / dx``) or ``train`` (rrelu forward in
  training mode; written only if MXNet survives it, see
  ``rrelu_train_rows``).
"""

import math
import os
import subprocess
import sys

import numpy as np
import mxnet as mx

nd = mx.nd

SEED = 20240501
DEFAULT_SLOPE = 0.25
DEFAULT_LOWER = 0.125
DEFAULT_UPPER = 0.334
F32 = np.float32


def fmt(v):
    """Format one float32 value so that R's read.csv restores it exactly."""
    v = float(F32(v))
    if math.isnan(v):
        return "NaN"
    if math.isinf(v):
        return "Inf" if v > 0 else "-Inf"
    return repr(v)


def fmt_list(a):
    if a is None:
        return ""
    return ";".join(fmt(v) for v in np.asarray(a, dtype=F32).ravel())


def shape_str(shape):
    return "x".join(str(int(d)) for d in shape)


def first_output(out):
    """rrelu returns [output, mask]; the other act types a single array."""
    return out[0] if isinstance(out, (list, tuple)) else out


class Fixtures:
    def __init__(self):
        self.rng = np.random.RandomState(SEED)
        self.cases = []
        self.values = []

    # -- input helpers -------------------------------------------------
    def randn(self, shape, scale=2.0):
        return (self.rng.standard_normal(shape) * scale).astype(F32)

    def away_from_zero(self, shape, min_abs=0.05, scale=2.0):
        """Random values with |x| > min_abs (a few samples are pushed out)."""
        x = self.randn(shape, scale)
        small = np.abs(x) <= min_abs
        x[small] = np.where(x[small] < 0, -1, 1).astype(F32) * F32(0.5)
        return x

    def with_zeros(self, x, n_zero=2):
        """Overwrite the first entries with +0 and -0."""
        flat = x.reshape(-1)
        flat[0] = F32(0.0)
        if n_zero > 1 and flat.size > 1:
            flat[1] = F32(-0.0)
        return x

    # -- MXNet calls ---------------------------------------------------
    @staticmethod
    def _kwargs(act, slope, lower, upper):
        kw = {"act_type": act}
        if slope is not None:
            kw["slope"] = float(slope)
        if lower is not None:
            kw["lower_bound"] = float(lower)
        if upper is not None:
            kw["upper_bound"] = float(upper)
        return kw

    def _add_case(self, op, act, x, slope, lower, upper, gamma, dgamma,
                  note):
        case_id = len(self.cases) + 1
        self.cases.append({
            "case": case_id,
            "op": op,
            "act_type": act,
            "slope": repr(float(DEFAULT_SLOPE if slope is None else slope)),
            "lower_bound": repr(float(DEFAULT_LOWER if lower is None
                                      else lower)),
            "upper_bound": repr(float(DEFAULT_UPPER if upper is None
                                      else upper)),
            "shape": shape_str(x.shape),
            "gamma": fmt_list(gamma),
            "dgamma": fmt_list(dgamma),
            "note": note,
        })
        return case_id

    def forward(self, act, x, slope=None, lower=None, upper=None,
                gamma=None, note=""):
        x = np.asarray(x, dtype=F32)
        kw = self._kwargs(act, slope, lower, upper)
        args = [nd.array(x, dtype="float32")]
        if gamma is not None:
            gamma = np.asarray(gamma, dtype=F32)
            kw["gamma"] = nd.array(gamma, dtype="float32")
        y = first_output(nd.LeakyReLU(*args, **kw)).asnumpy()
        assert y.shape == x.shape and y.dtype == F32
        cid = self._add_case("forward", act, x, slope, lower, upper, gamma,
                             None, note)
        for i, (xv, yv) in enumerate(zip(x.ravel(), y.ravel())):
            self.values.append((cid, i, fmt(xv), fmt(yv), "", ""))
        return y

    def backward(self, act, x, dy=None, slope=None, lower=None, upper=None,
                 gamma=None, note=""):
        x = np.asarray(x, dtype=F32)
        if dy is None:
            dy = self.randn(x.shape, 1.0)
        dy = np.asarray(dy, dtype=F32)
        kw = self._kwargs(act, slope, lower, upper)
        xa = nd.array(x, dtype="float32")
        xa.attach_grad()
        ga = None
        if gamma is not None:
            gamma = np.asarray(gamma, dtype=F32)
            ga = nd.array(gamma, dtype="float32")
            ga.attach_grad()
            kw["gamma"] = ga
        # rrelu is recorded in inference mode so that the fixed slope
        # (lower + upper) / 2 is used instead of a random one.
        with mx.autograd.record(train_mode=(act != "rrelu")):
            y = first_output(nd.LeakyReLU(xa, **kw))
        y.backward(nd.array(dy, dtype="float32"))
        y = y.asnumpy()
        dx = xa.grad.asnumpy()
        dgamma = ga.grad.asnumpy() if ga is not None else None
        assert dx.shape == x.shape
        if dgamma is not None:
            assert dgamma.shape == gamma.shape
        cid = self._add_case("backward", act, x, slope, lower, upper, gamma,
                             dgamma, note)
        for i, vals in enumerate(zip(x.ravel(), y.ravel(), dy.ravel(),
                                     dx.ravel())):
            self.values.append((cid, i) + tuple(fmt(v) for v in vals))
        return y, dx, dgamma

    def train_rows(self, rows):
        """Append rrelu training-mode rows produced by the child process."""
        for lower, upper, x, y in rows:
            cid = self._add_case("train", "rrelu", x, None, lower, upper,
                                 None, None,
                                 "training mode: slope random in [lower, upper)")
            for i, (xv, yv) in enumerate(zip(x.ravel(), y.ravel())):
                self.values.append((cid, i, fmt(xv), fmt(yv), "", ""))

    # -- output --------------------------------------------------------
    def write(self, outdir):
        os.makedirs(outdir, exist_ok=True)
        cols = ["case", "op", "act_type", "slope", "lower_bound",
                "upper_bound", "shape", "gamma", "dgamma", "note",
                "mxnet_version"]
        path_c = os.path.join(outdir, "mxnet_cases.csv")
        with open(path_c, "w", newline="\n") as f:
            f.write(",".join(cols) + "\n")
            for c in self.cases:
                c = dict(c, mxnet_version=mx.__version__)
                f.write(",".join(csv_field(c[k]) for k in cols) + "\n")
        path_v = os.path.join(outdir, "mxnet_values.csv")
        with open(path_v, "w", newline="\n") as f:
            f.write("case,i,x,y,dy,dx\n")
            for row in self.values:
                f.write(",".join(str(v) for v in row) + "\n")
        return path_c, path_v


def csv_field(v):
    s = str(v)
    if any(ch in s for ch in ',"\n'):
        s = '"' + s.replace('"', '""') + '"'
    return s


# Finite values that exercise rounding, signed zero, denormals and
# saturation.  1e-40 and -1e-40 are float32 denormals.
SPECIAL_FINITE = np.array([
    0.0, -0.0, 50.0, -50.0, -100.0, 100.0, 1e-30, -1e-30, 1e-40, -1e-40,
    1e-3, -1e-3, 1e-7, -1e-7, -1e-20, -1e-10, -1e-5, 0.5, -0.5, 1.0, -1.0,
    2.0, -2.0, 5.0, -5.0, -10.0, -20.0, -88.0, 3.0e38, -3.0e38,
], dtype=F32)

SPECIAL_NONFINITE = np.array([np.inf, -np.inf, np.nan, 1.0, -1.0, 0.0],
                             dtype=F32)

ACTS = ["leaky", "elu", "selu", "prelu", "rrelu", "gelu"]
SHAPES = [(7,), (3, 4), (2, 3, 4), (2, 3, 2, 2), (2, 2, 3, 2, 2)]


def build(fx):
    scalar_gamma = np.array([DEFAULT_SLOPE], dtype=F32)

    # Special values, every act type, default parameters.
    for act in ACTS:
        g = scalar_gamma if act == "prelu" else None
        fx.forward(act, SPECIAL_FINITE.copy(), gamma=g,
                   note="defaults; special finite values incl. -0 and denormals")
    for act in ACTS:
        g = scalar_gamma if act == "prelu" else None
        fx.forward(act, SPECIAL_NONFINITE.copy(), gamma=g,
                   note="defaults; Inf -Inf NaN")

    # Shapes 1-d .. 5-d, random data, every act type.
    for act in ACTS:
        for shp in SHAPES:
            x = fx.with_zeros(fx.randn(shp))
            if act == "prelu":
                fx.forward(act, x, gamma=scalar_gamma,
                           note="scalar gamma; random data")
            elif act == "rrelu":
                fx.forward(act, x, note="defaults (inference); random data")
            else:
                fx.forward(act, x, slope=0.25, note="random data")

    # Slopes for leaky and elu; selu and gelu must ignore slope.
    for slope in [0.0, 0.1, -0.5, 1.5, 3.0]:
        for act in ["leaky", "elu"]:
            x = fx.with_zeros(fx.randn((3, 5)))
            fx.forward(act, x, slope=slope, note="slope %g" % slope)
    for act in ["selu", "gelu"]:
        fx.forward(act, fx.with_zeros(fx.randn((3, 5))), slope=3.0,
                   note="slope 3 passed (ignored by this act type)")
    # elu near 0, where exp(x) - 1 in float32 loses relative accuracy.
    near0 = -np.logspace(-8, -1, 22).astype(F32)
    near0 = np.concatenate([near0, -near0, np.array([0.0, -0.0], F32)])
    fx.forward("elu", near0, slope=1.0, note="slope 1; values near 0")
    fx.forward("selu", near0, note="values near 0")
    fx.forward("gelu", near0, note="values near 0")

    # rrelu bounds (inference: slope = (lower + upper) / 2).
    for lo, up, note in [(None, None, "defaults"),
                         (0.1, 0.3, "bounds 0.1 0.3"),
                         (0.0, 0.0, "bounds 0 0"),
                         (0.5, 0.5, "bounds 0.5 0.5"),
                         (-0.5, 0.1, "negative lower bound"),
                         (1.0, 3.0, "bounds 1 3"),
                         (0.4, 0.2, "lower > upper (accepted by MXNet)")]:
        x = fx.with_zeros(fx.randn((4, 5)))
        fx.forward("rrelu", x, lower=lo, upper=up,
                   note="inference; " + note)

    # prelu: scalar gamma values, including zero and negative.
    for gv in [0.0, -0.5, 2.0]:
        fx.forward("prelu", fx.with_zeros(fx.randn((2, 3, 4))),
                   gamma=np.array([gv], F32),
                   note="scalar gamma %g" % gv)
    # prelu: per-channel gamma along axis 1.
    for shp, g in [((4, 3), [0.25, -0.5, 0.0]),
                   ((2, 3, 4), [0.1, 0.0, -1.5]),
                   ((2, 3, 2, 2), [-0.25, 2.0, 0.0]),
                   ((2, 4, 3), [0.0, 0.5, -0.75, 1.0]),
                   ((2, 2, 3, 2, 2), [-0.3, 0.7])]:
        fx.forward("prelu", fx.with_zeros(fx.randn(shp)),
                   gamma=np.array(g, F32),
                   note="per-channel gamma along axis 1")
    fx.forward("prelu", np.array([-1, -2, -3, 4, -0.0, 0], F32),
               gamma=np.array([0.1, 0.2, 0.3, 0.4, 0.5, 0.6], F32),
               note="1-d data with gamma of length shape[0]")

    # Backward: every act type, |x| > 0.05 plus exact zeros, random dy.
    for act in ACTS:
        for shp in [(2, 3, 4), (9,)]:
            x = fx.with_zeros(fx.away_from_zero(shp))
            if act == "prelu":
                fx.backward(act, x, gamma=scalar_gamma,
                            note="scalar gamma; |x| > 0.05 and +-0")
            elif act == "rrelu":
                fx.backward(act, x, note="inference mode; |x| > 0.05 and +-0")
            else:
                fx.backward(act, x, slope=0.25,
                            note="|x| > 0.05 and +-0")
    for slope in [0.0, 0.1, -0.5, 3.0]:
        fx.backward("leaky", fx.with_zeros(fx.away_from_zero((3, 4))),
                    slope=slope, note="slope %g" % slope)
    for slope in [0.1, 1.5]:
        fx.backward("elu", fx.with_zeros(fx.away_from_zero((3, 4))),
                    slope=slope, note="slope %g" % slope)
    fx.backward("rrelu", fx.with_zeros(fx.away_from_zero((3, 4))),
                lower=0.1, upper=0.3, note="inference mode; bounds 0.1 0.3")
    fx.backward("selu", np.array([-2.0, -1.0, -0.5, 0.5, 1.0, 2.0], F32),
                dy=np.ones(6, F32), note="dy = 1; selu gradient check")
    fx.backward("prelu", fx.with_zeros(fx.away_from_zero((3, 4))),
                gamma=np.array([-0.5], F32), note="scalar gamma -0.5")
    for shp, g in [((4, 3), [0.25, -0.5, 0.0]),
                   ((2, 3, 4), [0.1, 0.0, -1.5]),
                   ((2, 3, 2, 2), [-0.25, 2.0, 0.0])]:
        fx.backward("prelu", fx.with_zeros(fx.away_from_zero(shp)),
                    gamma=np.array(g, F32),
                    note="per-channel gamma along axis 1")
    # Backward on special values.
    for act in ACTS:
        g = scalar_gamma if act == "prelu" else None
        n = SPECIAL_FINITE.size
        fx.backward(act, SPECIAL_FINITE.copy(), dy=np.ones(n, F32), gamma=g,
                    note="dy = 1; special finite values")
    for act in ACTS:
        g = scalar_gamma if act == "prelu" else None
        n = SPECIAL_NONFINITE.size
        fx.backward(act, SPECIAL_NONFINITE.copy(), dy=np.ones(n, F32),
                    gamma=g, note="dy = 1; Inf -Inf NaN")


TRAIN_BOUNDS = [(0.125, 0.334), (0.1, 0.3)]


def rrelu_train_child():
    """Child process: rrelu training-mode forward, printed as CSV lines."""
    mx.random.seed(SEED)
    rng = np.random.RandomState(SEED + 1)
    for k, (lo, up) in enumerate(TRAIN_BOUNDS):
        x = (rng.standard_normal((4, 8)) * 2).astype(F32)
        with mx.autograd.record(train_mode=True):
            y = first_output(nd.LeakyReLU(nd.array(x), act_type="rrelu",
                                          lower_bound=lo, upper_bound=up))
        y = y.asnumpy()
        for xv, yv in zip(x.ravel(), y.ravel()):
            print("%d,%s,%s" % (k, fmt(xv), fmt(yv)))
    sys.stdout.flush()


def rrelu_train_rows():
    """rrelu training mode, run in a child process.

    The MXNet 1.9.1 pip build segfaults in LeakyReLU's rrelu training-mode
    forward (inside Resource::get_space_typed), so the call is isolated and
    its rows are skipped if the child dies.
    """
    res = subprocess.run([sys.executable, os.path.abspath(__file__),
                          "--rrelu-train-child"],
                         capture_output=True, text=True)
    if res.returncode != 0:
        sys.stderr.write("rrelu training mode failed in MXNet (exit code %d);"
                         " no 'train' cases written\n" % res.returncode)
        return []
    data = {}
    for line in res.stdout.splitlines():
        parts = line.strip().split(",")
        if len(parts) != 3 or not parts[0].isdigit():
            continue
        data.setdefault(int(parts[0]), []).append(
            (float(parts[1]), float(parts[2])))
    rows = []
    for k, (lo, up) in enumerate(TRAIN_BOUNDS):
        pairs = data.get(k, [])
        if len(pairs) != 32:
            return []
        x = np.array([p[0] for p in pairs], F32).reshape(4, 8)
        y = np.array([p[1] for p in pairs], F32).reshape(4, 8)
        rows.append((lo, up, x, y))
    return rows


def main(argv):
    if len(argv) > 1 and argv[1] == "--rrelu-train-child":
        rrelu_train_child()
        return 0
    if len(argv) > 1:
        outdir = argv[1]
    else:
        root = os.path.dirname(os.path.dirname(os.path.dirname(
            os.path.abspath(__file__))))
        outdir = os.path.join(root, "R-package", "tests", "testthat",
                              "fixtures")
    fx = Fixtures()
    build(fx)
    fx.train_rows(rrelu_train_rows())
    pc, pv = fx.write(outdir)
    for p in (pc, pv):
        print("%s: %d bytes" % (p, os.path.getsize(p)))
    print("cases: %d, value rows: %d, mxnet %s" %
          (len(fx.cases), len(fx.values), mx.__version__))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
