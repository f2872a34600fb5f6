#!/usr/bin/env python3
"""Fits the polynomials of expm1 in Sources/MXLeakyReLUCore/VectorMath.swift.

e^r - 1 is evaluated as r + r^2 * Q(r) on |r| <= ln 2 / 2.  Q is the
minimax polynomial (Remez exchange, relative error) of the given degree for
q(r) = (e^r - 1 - r) / r^2, computed in 50-digit arithmetic with mpmath
(Debian: python3-mpmath).  Not run by the build; its output was copied into
VectorMath.swift (degree 9 for Double, 5 for Float).

Usage: python3 tools/fit_expm1.py DEGREE
Prints the equioscillation error and the coefficients of r^0 ... r^DEGREE
of Q (named e2 ... / f2 ... in the Swift source) as hexadecimal doubles.
"""

import sys

import mpmath as mp

mp.mp.dps = 50


def q(r):
    if abs(r) < mp.mpf("1e-30"):
        return mp.mpf(1) / 2
    return (mp.expm1(r) - r) / r**2


def remez(f, degree, a, b, iterations=30, grid=4000):
    """Minimax of max |(f - p) / f| over [a, b] for p of `degree`."""
    m = degree + 2
    nodes = [(a + b) / 2 + (b - a) / 2 * mp.cos(mp.pi * (m - 1 - i) / (m - 1))
             for i in range(m)]
    points = [a + (b - a) * i / grid for i in range(grid + 1)]
    for _ in range(iterations):
        matrix = mp.matrix(m, m)
        rhs = mp.matrix(m, 1)
        for i, x in enumerate(nodes):
            for j in range(degree + 1):
                matrix[i, j] = x**j
            matrix[i, degree + 1] = (-1)**i * f(x)
            rhs[i] = f(x)
        solution = mp.lu_solve(matrix, rhs)
        coefficients = [solution[j] for j in range(degree + 1)]
        errors = [(f(x) - mp.polyval(coefficients[::-1], x)) / f(x)
                  for x in points]
        # One extremum per run of equal sign, the m largest runs kept.
        runs, current = [], [0]
        for i in range(1, len(points)):
            if mp.sign(errors[i]) == mp.sign(errors[current[0]]):
                current.append(i)
            else:
                runs.append(current)
                current = [i]
        runs.append(current)
        extrema = [max(run, key=lambda i: abs(errors[i])) for run in runs]
        while len(extrema) > m:
            if abs(errors[extrema[0]]) < abs(errors[extrema[-1]]):
                extrema.pop(0)
            else:
                extrema.pop()
        if len(extrema) < m:
            break
        nodes = [points[i] for i in extrema]
    return coefficients, max(abs(e) for e in errors)


def main(argv):
    degree = int(argv[1]) if len(argv) > 1 else 9
    half = mp.log(2) / 2 * (1 + mp.mpf("1e-6"))
    coefficients, error = remez(q, degree, -half, half)
    print("largest relative error of Q:", mp.nstr(error, 5))
    for j, c in enumerate(coefficients):
        print("r^%d (e%d): %s" % (j, j + 2, float(c).hex()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
