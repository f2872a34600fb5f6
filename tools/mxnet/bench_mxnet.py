#!/usr/bin/env python3
"""Time Apache MXNet 1.9.1's ``nd.LeakyReLU`` in float32 (not run in CI).

Measures, for every act type (prelu with a scalar gamma, rrelu in inference
mode), the forward pass on n = 1e3, 1e5 and 1e7 elements, and the backward
pass through ``mx.autograd`` on n = 1e7.  Each timing is the median over
several repetitions after warm-up, with ``mx.nd.waitall()`` before and after
the timed region so that MXNet's asynchronous engine has finished.

* forward:  ``nd.LeakyReLU(x, ...)`` outside autograd (inference).
* backward: the forward is recorded under ``mx.autograd.record()``
  (``train_mode=False`` for rrelu) outside the timed region; only
  ``y.backward(dy)`` is timed.

How to run (from the repository root):

    python3 -m venv /tmp/mxvenv
    /tmp/mxvenv/bin/pip install mxnet==1.9.1 "numpy<1.24"
    /tmp/mxvenv/bin/python tools/mxnet/bench_mxnet.py [OUTPUT_CSV]

OUTPUT_CSV defaults to ``build/bench/mxnet.csv`` under the repository root.
Set ``OMP_NUM_THREADS`` to control MXNet's OpenMP thread count; the
``threads`` column records its value, or ``default`` when it is unset.
"""

import os
import statistics
import sys
import time

import numpy as np
import mxnet as mx

nd = mx.nd

ACTS = ["leaky", "elu", "selu", "prelu", "rrelu", "gelu"]
SIZES = [10**3, 10**5, 10**7]
BACKWARD_SIZES = [10**7]
WARMUP = 3


def reps_for(n):
    return 10 if n >= 10**7 else 20


def op_kwargs(act, gamma):
    kw = {"act_type": act}
    if act == "prelu":
        kw["gamma"] = gamma
    return kw


def first_output(out):
    return out[0] if isinstance(out, (list, tuple)) else out


def time_forward(act, x, gamma, reps):
    kw = op_kwargs(act, gamma)
    times = []
    for r in range(WARMUP + reps):
        nd.waitall()
        t0 = time.perf_counter()
        y = first_output(nd.LeakyReLU(x, **kw))
        nd.waitall()
        t1 = time.perf_counter()
        del y
        if r >= WARMUP:
            times.append(t1 - t0)
    return statistics.median(times)


def time_backward(act, x, dy, gamma, reps):
    kw = op_kwargs(act, gamma)
    x.attach_grad()
    if act == "prelu":
        gamma.attach_grad()
    times = []
    for r in range(WARMUP + reps):
        with mx.autograd.record(train_mode=(act != "rrelu")):
            y = first_output(nd.LeakyReLU(x, **kw))
        nd.waitall()
        t0 = time.perf_counter()
        y.backward(dy)
        nd.waitall()
        t1 = time.perf_counter()
        del y
        if r >= WARMUP:
            times.append(t1 - t0)
    return statistics.median(times)


def main(argv):
    if len(argv) > 1:
        out = argv[1]
    else:
        root = os.path.dirname(os.path.dirname(os.path.dirname(
            os.path.abspath(__file__))))
        out = os.path.join(root, "build", "bench", "mxnet.csv")
    threads = os.environ.get("OMP_NUM_THREADS", "default")
    rng = np.random.RandomState(1)
    gamma = nd.array(np.array([0.25], np.float32), dtype="float32")

    rows = []
    for n in SIZES:
        xs = nd.array(rng.standard_normal(n).astype(np.float32),
                      dtype="float32")
        for act in ACTS:
            t = time_forward(act, xs, gamma, reps_for(n))
            rows.append((act, "forward", n, t))
            print("%-6s %-8s %9d %12.6g" % rows[-1], flush=True)
    for n in BACKWARD_SIZES:
        xs = nd.array(rng.standard_normal(n).astype(np.float32),
                      dtype="float32")
        dy = nd.array(rng.standard_normal(n).astype(np.float32),
                      dtype="float32")
        for act in ACTS:
            g = nd.array(np.array([0.25], np.float32), dtype="float32")
            t = time_backward(act, xs, dy, g, reps_for(n))
            rows.append((act, "backward", n, t))
            print("%-6s %-8s %9d %12.6g" % rows[-1], flush=True)

    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    with open(out, "w", newline="\n") as f:
        f.write("act_type,direction,n,median_seconds,threads\n")
        for act, direction, n, t in rows:
            f.write("%s,%s,%d,%.6g,%s\n" % (act, direction, n, t, threads))

    print()
    print("MXNet %s, float32, threads=%s" % (mx.__version__, threads))
    print("%-6s | %-8s | %9s | %14s" % ("act", "dir", "n", "median [s]"))
    print("-" * 46)
    for act, direction, n, t in rows:
        print("%-6s | %-8s | %9.0e | %14.6g" % (act, direction, n, t))
    print("written: %s" % out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
