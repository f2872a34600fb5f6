#!/usr/bin/env python3
"""Writes, under R-package/tests/testthat/fixtures/, values correctly rounded
to double (mpmath, 50 digits), in hexadecimal:

gelu-exact.csv: x and x * Phi(x) for points in [-37.5, 8]: R's own
x * pnorm(x) is off by up to about 7 units in the last place for x < -0.7,
so the tests need the exact values there.

gelu-derivative-exact.csv: x and the GELU derivative Phi(x) + x phi(x), for
the same points as gelu-exact.csv.

gelu-tanh-exact.csv: x, y = x/2 (1 + tanh(u)) and its derivative
dy = (1 + tanh(u))/2 + x/2 (1 - tanh(u)^2) u', u = sqrt(2/pi) (x + 0.044715 x^3)
(0.044715 taken as the exact decimal), for points in [-30, 8], which reach
the subnormal results of the negative tail.

Usage: python3 tools/accuracy_fixture.py
"""
import os
import random
import mpmath as mp

mp.mp.dps = 50


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    out = os.path.join(root, "R-package", "tests", "testthat", "fixtures",
                       "gelu-exact.csv")
    rng = random.Random(20240601)
    xs = [8 - 45.5 * k / 2999 for k in range(3000)]
    xs += [rng.uniform(-37.5, 8) for _ in range(3000)]
    with open(out, "w") as f:
        f.write("x,y\n")
        for x in xs:
            y = float(mp.mpf(x) * mp.ncdf(mp.mpf(x)))
            f.write("%s,%s\n" % (float.hex(x), float.hex(y)))
    with open(os.path.join(os.path.dirname(out),
                           "gelu-derivative-exact.csv"), "w") as f:
        f.write("x,dy\n")
        for x in xs:
            t = mp.mpf(x)
            dy = float(mp.ncdf(t) + t * mp.npdf(t))
            f.write("%s,%s\n" % (float.hex(x), float.hex(dy)))
    write_gelu_tanh(os.path.join(os.path.dirname(out),
                                 "gelu-tanh-exact.csv"))


def gelu_tanh(x):
    """(value, derivative) of the tanh form of GELU at the double x."""
    x = mp.mpf(x)
    c0 = mp.sqrt(2 / mp.pi)
    a = mp.mpf("0.044715")
    u = c0 * (x + a * x ** 3)
    du = c0 * (1 + 3 * a * x ** 2)
    # 1 + tanh(u) = 2 / (1 + exp(-2u)), exact at 50 digits in the tails
    s = 1 / (1 + mp.exp(-2 * u))      # (1 + tanh(u)) / 2
    return x * s, s + x * 2 * s * (1 - s) * du


def write_gelu_tanh(out):
    rng = random.Random(20261129)
    xs = [8 - 38 * k / 2999 for k in range(3000)]
    xs += [rng.uniform(-30, 8) for _ in range(3000)]
    xs += [-1e-300, -1e-20, -1e-8, 1e-8, -0.75, -0.7517916]
    with open(out, "w") as f:
        f.write("x,y,dy\n")
        for x in xs:
            y, dy = gelu_tanh(x)
            f.write("%s,%s,%s\n" % (float.hex(x), float.hex(float(y)),
                                     float.hex(float(dy))))


if __name__ == "__main__":
    main()
