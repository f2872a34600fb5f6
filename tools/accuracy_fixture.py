#!/usr/bin/env python3
"""Writes R-package/tests/testthat/fixtures/gelu-exact.csv: x and x * Phi(x)
correctly rounded to double (mpmath, 50 digits), in hexadecimal, for points
in [-37.5, 8]: R's own x * pnorm(x) is off by up to about 7 units in the
last place for x < -0.7, so the tests need the exact values there.
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


if __name__ == "__main__":
    main()
