#!/usr/bin/env python3
"""PyTorch's CPU activations beside mxLeakyReLU: time and accuracy.

Run by tools/bench_torch.R (``make bench-torch``, part of ``make bench``),
which writes the inputs and mxLeakyReLU's results into DIR first:

    python bench_torch.py DIR TYPES

DIR holds ``x.f64`` (the timing input, little-endian doubles), ``grid.f64``
(the accuracy grid) and, for every act type, direction and precision,
``ours-<type>-<direction>-<precision>.f64``: mxLeakyReLU's results on the
grid (for float32, on the grid rounded to float32). TYPES is a comma-
separated list of act types (the registry's, as R reads them).

Writes ``DIR/torch.csv``: one row per act type, direction (forward,
backward), precision (double, float32) and thread count (1 and every core)
with PyTorch's median seconds on ``x``, and the largest error of both
libraries on the grid, and on its part in [-5, 5], in units in the last
place of the precision,
measured against 40-digit values (mpmath). A gradient's error is measured
in ulp of the larger of the gradient and its leading term (Phi(x) for gelu,
(1 + tanh u) / 2 for gelu_tanh), as mxLeakyReLU's accuracy tests measure it,
since those gradients cross zero.
"""

import csv
import os
import statistics
import sys
import time

import mpmath
import numpy as np
import torch
import torch.nn.functional as F

mpmath.mp.dps = 40
aten = torch.ops.aten

SLOPE = 0.25
LOWER, UPPER = 0.125, 0.334
RRELU_SLOPE = (LOWER + UPPER) / 2
SELU_SCALE = 1.0507009873554804934193349852946
SELU_ALPHA = 1.6732632423543772848170429916717
REPS = 10
WARMUP = 2


def torch_ops(act, dtype):
    """(forward(x), backward(dy, x)) with MXNet's default parameters."""
    weight = torch.tensor([SLOPE], dtype=dtype)
    if act == "leaky":
        return (lambda x: F.leaky_relu(x, SLOPE),
                lambda dy, x: aten.leaky_relu_backward(dy, x, SLOPE, False))
    if act == "rrelu":  # inference: the mean slope
        return (lambda x: F.rrelu(x, LOWER, UPPER, training=False),
                lambda dy, x: aten.leaky_relu_backward(dy, x, RRELU_SLOPE,
                                                       False))
    if act == "prelu":
        return (lambda x: F.prelu(x, weight),
                lambda dy, x: aten._prelu_kernel_backward(dy, x, weight))
    if act == "elu":
        return (lambda x: F.elu(x, SLOPE),
                lambda dy, x: aten.elu_backward(dy, SLOPE, 1, 1, False, x))
    if act == "selu":
        return (F.selu,
                lambda dy, x: aten.elu_backward(dy, SELU_ALPHA, SELU_SCALE, 1,
                                                False, x))
    if act == "gelu":
        return (F.gelu, lambda dy, x: aten.gelu_backward(dy, x))
    if act == "gelu_tanh":
        return (lambda x: F.gelu(x, approximate="tanh"),
                lambda dy, x: aten.gelu_backward(dy, x, approximate="tanh"))
    raise SystemExit(f"bench_torch.py: no PyTorch function for act type {act}")


def first(r):
    return r[0] if isinstance(r, (tuple, list)) else r


def median_seconds(f):
    times = []
    for i in range(WARMUP + REPS):
        t0 = time.perf_counter()
        f()
        t1 = time.perf_counter()
        if i >= WARMUP:
            times.append(t1 - t0)
    return statistics.median(times)


# 40-digit references: (value, scale) for forward and backward at x.
def reference(act, direction, x):
    x = mpmath.mpf(x)
    if act in ("leaky", "rrelu", "prelu"):
        s = {"leaky": SLOPE, "rrelu": RRELU_SLOPE, "prelu": SLOPE}[act]
        s = mpmath.mpf(s)
        if direction == "forward":
            v = x if x > 0 else s * x
        else:
            v = mpmath.mpf(1) if x > 0 else s
        return v, abs(v)
    if act in ("elu", "selu"):
        a = mpmath.mpf(SLOPE) if act == "elu" else mpmath.mpf(SELU_ALPHA)
        k = mpmath.mpf(1) if act == "elu" else mpmath.mpf(SELU_SCALE)
        if direction == "forward":
            v = k * x if x > 0 else k * a * mpmath.expm1(x)
        else:
            v = k if x > 0 else k * a * mpmath.exp(x)
        return v, abs(v)
    if act == "gelu":
        phi = mpmath.ncdf(x)
        if direction == "forward":
            v = x * phi
            return v, abs(v)
        v = phi + x * mpmath.npdf(x)
        return v, max(abs(v), phi)
    if act == "gelu_tanh":
        c = mpmath.sqrt(2 / mpmath.pi)
        u = c * (x + mpmath.mpf("0.044715") * x ** 3)
        half = 1 / (1 + mpmath.exp(-2 * u))  # (1 + tanh u) / 2, exactly
        if direction == "forward":
            v = x * half
            return v, abs(v)
        du = c * (1 + 3 * mpmath.mpf("0.044715") * x ** 2)
        v = half + x / 2 * mpmath.sech(u) ** 2 * du
        return v, max(abs(v), half)
    raise SystemExit(f"bench_torch.py: no reference for act type {act}")


def ulp_of(scale, precision):
    digits, emin = (53, -1022) if precision == "double" else (24, -126)
    if scale == 0:
        e = emin
    else:
        e = max(int(mpmath.floor(mpmath.log(scale, 2))), emin)
    return mpmath.mpf(2) ** (e - digits + 1)


def ulp_errors(values, refs, precision):
    """The error of each value in ulp (inf where it is not finite)."""
    return np.array([
        float(abs(mpmath.mpf(float(y)) - v) / ulp_of(scale, precision))
        if np.isfinite(y) else float("inf")
        for y, (v, scale) in zip(values, refs)])


def main():
    folder, types = sys.argv[1], sys.argv[2].split(",")
    x64 = np.fromfile(os.path.join(folder, "x.f64"), dtype="<f8")
    grid64 = np.fromfile(os.path.join(folder, "grid.f64"), dtype="<f8")
    cores = os.cpu_count() or 1
    rows = []
    for precision, dtype in (("double", torch.float64),
                             ("float32", torch.float32)):
        x = torch.from_numpy(x64).to(dtype)
        dy = torch.ones_like(x)
        g = torch.from_numpy(grid64).to(dtype)
        gx = g.to(torch.float64).numpy()  # the grid as the precision holds it
        for act in types:
            fwd, bwd = torch_ops(act, dtype)
            for direction in ("forward", "backward"):
                if direction == "forward":
                    run = lambda: fwd(x)
                    on_grid = fwd(g)
                else:
                    run = lambda: first(bwd(dy, x))
                    on_grid = first(bwd(torch.ones_like(g), g))
                refs = [reference(act, direction, v) for v in gx]
                ours = np.fromfile(os.path.join(
                    folder, f"ours-{act}-{direction}-{precision}.f64"),
                    dtype="<f8")
                err_torch = ulp_errors(on_grid.to(torch.float64).numpy(),
                                       refs, precision)
                err_ours = ulp_errors(ours, refs, precision)
                central = np.abs(gx) <= 5
                for threads in sorted({1, cores}):
                    torch.set_num_threads(threads)
                    rows.append(dict(
                        act_type=act, direction=direction,
                        precision=precision, threads=threads,
                        torch_seconds=median_seconds(run),
                        torch_max_ulp=err_torch.max(),
                        ours_max_ulp=err_ours.max(),
                        torch_max_ulp_central=err_torch[central].max(),
                        ours_max_ulp_central=err_ours[central].max()))
                print(f"  torch {act} {direction} {precision}: max ulp "
                      f"{err_torch.max():.3g} (ours {err_ours.max():.3g})",
                      flush=True)
    with open(os.path.join(folder, "torch.csv"), "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0].keys()))
        w.writeheader()
        w.writerows(rows)
    print(f"torch {torch.__version__}, "
          f"{torch.backends.cpu.get_cpu_capability()}", flush=True)
    with open(os.path.join(folder, "torch-version.txt"), "w") as f:
        f.write(f"{torch.__version__} "
                f"{torch.backends.cpu.get_cpu_capability()}\n")


if __name__ == "__main__":
    main()
