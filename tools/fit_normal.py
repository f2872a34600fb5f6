#!/usr/bin/env python3
"""Writes Sources/MXLeakyReLUCore/Kernels/NormalRows.swift: the rows of
polynomials the core evaluates the standard normal distribution from.

The core writes the upper tail Q(a) = 1 - Phi(a), a = |x|, as

    Q(a) = exp(-a^2/2) * W(a),   W(a) = erfc(a / sqrt(2)) / 2 * exp(a^2/2),

so that Phi(x) = Q(a) for x <= 0 and 1 - Q(a) otherwise. exp(-a^2/2) is
computed on every lane (no branch on the value), and W, a smooth function
falling from 1/2 at a = 0 to about 1/(a sqrt(2 pi)), comes from a row of
this file chosen by the bits of a:

    row 0           a in [0, 1/4)
    row 1 + 4e + j  a in the quarter binade [2^(e-2)(1 + j/4), 2^(e-2)(1 + (j+1)/4))

Each row holds its centre c (the middle of its interval), the constant term
(as a sum of two doubles, the first of 26 bits, so that the core multiplies
it by the 26-bit half of x exactly) and the coefficients of s = a - c
(Chebyshev interpolation in 50-digit arithmetic, degree DOUBLE_DEGREE), up
to a = DOUBLE_LIMIT: W well beyond double precision, for the double kernels.

The float kernels compute in double lanes and round once; they need W to
about 2^-28 only, over a in [0, FLOAT_LIMIT] (beyond it the float results
are 0 or 1), and take it from two rational functions of u = a/16 instead of
rows (no table to read, one division):

    W(a)                          ~ P(u) / Q(u)
    (W(a) - a/sqrt(2 pi)) / (a - a0) ~ P'(u) / Q'(u)

a0 the zero of W(a) - a/sqrt(2 pi) (about 0.7518, where the derivative of
gelu crosses zero: multiplying by a - a0 keeps its relative accuracy
there), each of degree RATIONAL_DEGREE over RATIONAL_DEGREE, fitted by
iteratively reweighted least squares in relative error; and e^r on
|r| <= ln 2 / 2 from a polynomial of degree EXP_DEGREE fitted the same way.

The script evaluates the double rows in the core's order of operations
(numpy float64) at random points of every row, and the rational functions
and the polynomial with their coefficients as written (50-digit
arithmetic) on a fine grid, and prints the largest relative errors before
the core's last rounding, in units of 2^-53 (rows) and 2^-24 (the float
functions).

Usage: python3 tools/fit_normal.py   (needs mpmath and numpy)
"""
import math
import os
import mpmath as mp
import numpy as np

mp.mp.dps = 50
DOUBLE_LIMIT = 40       # rows up to the one holding 39.5 (the core's clamp)
DOUBLE_DEGREE = 13      # 16 values per row: c, c0 (two parts), c1 ... c13
FLOAT_LIMIT = 15.5      # the float kernels' clamp
RATIONAL_DEGREE = 5     # numerators and denominators of the float W
EXP_DEGREE = 6          # e^r for the float kernels
CHECK_POINTS = 2000     # random points per row in the check


def W(a):
    return mp.erfc(a / mp.sqrt(2)) / 2 * mp.exp(a * a / 2)


def intervals(limit):
    rows = [(mp.mpf(0), mp.mpf(1) / 4)]
    e = -2
    while mp.mpf(2) ** e < limit:
        for j in range(4):
            lo = mp.mpf(2) ** e * (1 + mp.mpf(j) / 4)
            if lo < limit:
                rows.append((lo, lo + mp.mpf(2) ** e / 4))
        e += 1
    return rows


def fit(lo, hi, degree):
    """Coefficients in s = t - c, c the middle of [lo, hi]."""
    c = (lo + hi) / 2
    h = (hi - lo) / 2
    n = degree + 1
    nodes = [c + h * mp.cos(mp.pi * (k + mp.mpf(1) / 2) / n) for k in range(n)]
    A = mp.matrix([[(t - c) ** j for j in range(n)] for t in nodes])
    return c, list(mp.lu_solve(A, mp.matrix([W(t) for t in nodes])))


def head(v, bits):
    """v rounded to `bits` significant bits."""
    m, e = math.frexp(float(v))
    return math.ldexp(round(m * 2.0 ** bits), e - bits)


def double_rows():
    """Per row: its interval and values (centre, the constant term as a
    head of 26 bits and the rest, the higher coefficients)."""
    out = []
    for lo, hi in intervals(DOUBLE_LIMIT):
        c, co = fit(lo, hi, DOUBLE_DEGREE)
        h = head(co[0], 26)
        out.append((lo, hi, [float(c), h, float(co[0] - mp.mpf(h))]
                    + [float(v) for v in co[1:]]))
    return out


def evaluate_double(row, a):
    """W(a) as head + rest from a double row, in the core's order."""
    c, head, low = row[0], row[1], row[2]
    k = row[3:]
    s = a - c
    s2 = s * s
    s4 = s2 * s2
    s8 = s4 * s4
    q0 = (k[1] + k[2] * s) + (k[3] + k[4] * s) * s2
    q1 = (k[5] + k[6] * s) + (k[7] + k[8] * s) * s2
    q2 = (k[9] + k[10] * s) + (k[11] + k[12] * s) * s2
    p = (q0 + q1 * s4) + q2 * s8
    rest = low + (k[0] * s + s2 * p)
    return np.full_like(rest, head), rest


def check(rows, evaluate, unit):
    rng = np.random.default_rng(1)
    worst = 0.0
    for lo, hi, row in rows:
        u = rng.random(CHECK_POINTS)
        a = float(lo) + (float(hi) - float(lo)) * u
        w, wl = evaluate(row, a)
        for i in range(len(a)):
            exact = W(mp.mpf(float(a[i])))
            got = mp.mpf(float(w[i])) + mp.mpf(float(wl[i]))
            worst = max(worst, float(abs(got / exact - 1)) / unit)
    return worst


def density_root():
    """a0: the zero of W(a) - a/sqrt(2 pi)."""
    return mp.findroot(lambda a: W(a) - a / mp.sqrt(2 * mp.pi), 0.75)


def reweighted(target, columns, iterations=200):
    """Coefficients c minimising max |value(c) / target - 1| on a grid, by
    least squares reweighted towards the largest errors (Lawson):
    `columns(weight)` gives the weighted system and `value`."""
    weight = np.ones_like(target)
    for _ in range(iterations):
        A, b, value = columns(weight)
        c, *_ = np.linalg.lstsq(A, b, rcond=None)
        err = value(c) / target - 1
        weight = weight * np.abs(err) ** 0.3 + 1e-300
        weight /= weight.max()
    return c


def fit_rational(f, degree):
    """P(u)/Q(u), Q(0) = 1, for f(16 u) on [0, FLOAT_LIMIT/16]: the
    linearised problem P(u) - f Q(u) = f with the previous Q's values as
    weights (Loeb)."""
    n = 3000
    u = (1 - np.cos(np.linspace(0, np.pi, n))) / 2 * FLOAT_LIMIT / 16
    y = np.array([float(f(16 * mp.mpf(v))) for v in u])
    powers = np.vander(u, degree + 1, increasing=True)
    state = {"q": np.ones_like(u)}

    def columns(weight):
        A = np.hstack([powers, -y[:, None] * powers[:, 1:]])
        s = weight / (state["q"] * np.abs(y))
        return A * s[:, None], y * s, value

    def value(c):
        q = powers @ np.concatenate([[1.0], c[degree + 1:]])
        state["q"] = q
        return (powers @ c[:degree + 1]) / q

    c = reweighted(y, columns)
    return [float(v) for v in c[:degree + 1]], \
        [1.0] + [float(v) for v in c[degree + 1:]]


def fit_exp(degree):
    """c0 + c1 r + ... for e^r on |r| <= ln 2 / 2, in relative error."""
    h = float(mp.log(2) / 2) * 1.001
    r = np.cos(np.linspace(0, np.pi, 3000)) * h
    y = np.array([float(mp.exp(mp.mpf(v))) for v in r])
    powers = np.vander(r, degree + 1, increasing=True)

    def columns(weight):
        return powers / y[:, None] * weight[:, None], weight, \
            lambda c: powers @ c

    return [float(v) for v in reweighted(y, columns)]


def rational_error(f, p, q):
    """Largest relative error of P/Q (coefficients as written) against f
    on a fine grid of [0, FLOAT_LIMIT], in 50-digit arithmetic."""
    worst = mp.mpf(0)
    for a in np.linspace(0, FLOAT_LIMIT, 4001):
        u = mp.mpf(float(a)) / 16
        num = sum(mp.mpf(c) * u ** i for i, c in enumerate(p))
        den = sum(mp.mpf(c) * u ** i for i, c in enumerate(q))
        worst = max(worst, abs(num / den / f(mp.mpf(float(a))) - 1))
    return float(worst)


def exp_error(c):
    h = mp.log(2) / 2
    worst = mp.mpf(0)
    for r in np.linspace(-float(h), float(h), 4001):
        rm = mp.mpf(float(r))
        p = sum(mp.mpf(v) * rm ** i for i, v in enumerate(c))
        worst = max(worst, abs(p / mp.exp(rm) - 1))
    return float(worst)


def write(f, name, rows, swift_type, literal, per_line=3):
    f.write("  static let %s: [%s] = [\n" % (name, swift_type))
    for lo, hi, row in rows:
        f.write("    // [%s, %s)\n" % (mp.nstr(lo, 6), mp.nstr(hi, 6)))
        vs = [literal(v) for v in row]
        for i in range(0, len(vs), per_line):
            f.write("    " + ", ".join(vs[i:i + per_line]) + ",\n")
    f.write("  ]\n")


def write_constants(f, names, values, doc):
    f.write("  /// %s\n" % doc)
    for name, v in zip(names, values):
        f.write("  static let %s = %s\n" % (name, float.hex(v)))


def main():
    doubles = double_rows()
    wd = check(doubles, evaluate_double, 2.0 ** -53)
    a0 = density_root()

    def R(a):
        if abs(a - a0) < mp.mpf(10) ** -8:
            return mp.diff(lambda t: W(t) - t / mp.sqrt(2 * mp.pi), a0)
        return (W(a) - a / mp.sqrt(2 * mp.pi)) / (a - a0)

    wp, wq = fit_rational(W, RATIONAL_DEGREE)
    rp, rq = fit_rational(R, RATIONAL_DEGREE)
    ec = fit_exp(EXP_DEGREE)
    ew = rational_error(W, wp, wq) / 2.0 ** -24
    er = rational_error(R, rp, rq) / 2.0 ** -24
    ee = exp_error(ec) / 2.0 ** -24
    print("double: %d rows, W within %.3f units of 2^-53" % (len(doubles), wd))
    print("float:  W within %.4f units of 2^-24, (W - a/sqrt(2 pi))/(a - a0)"
          " within %.4f, e^r within %.4f" % (ew, er, ee))
    here = os.path.dirname(os.path.abspath(__file__))
    path = os.path.join(here, "..", "Sources", "MXLeakyReLUCore", "Kernels",
                        "NormalRows.swift")
    with open(path, "w") as f:
        f.write("// Generated by tools/fit_normal.py; do not edit.\n\n")
        f.write("/// W(a) = Q(a)·e^(a²/2), Q the upper tail of the standard "
                "normal\n/// distribution (tools/fit_normal.py says how the "
                "values are chosen and\n/// evaluated).\n")
        f.write("enum NormalRows {\n")
        f.write("  /// Values per double row (its centre c, the constant term "
                "as two values,\n  /// the coefficients of s = a − c); rows "
                "of a ≥ %d are not needed.\n  static let doubleRow = %d\n\n"
                % (DOUBLE_LIMIT, DOUBLE_DEGREE + 3))
        f.write("  /// W within %.2f units of 2⁻⁵³ before the last rounding.\n"
                % wd)
        write(f, "double", doubles, "Double", float.hex)
        f.write("\n  // The float kernels (double lanes), u = a/16, a ≤ %s.\n\n"
                % FLOAT_LIMIT)
        write_constants(
            f, ["floatW%d" % i for i in range(len(wp))], wp,
            "W(a) = P(u)/Q(u) within %.3f units of 2⁻²⁴: P." % ew)
        write_constants(
            f, ["floatWQ%d" % i for i in range(1, len(wq))], wq[1:],
            "Q (its constant term is 1).")
        f.write("\n")
        write_constants(
            f, ["densityRoot"], [float(a0)],
            "a0, the zero of W(a) − a/√(2π) (%s)." % mp.nstr(a0, 20))
        write_constants(
            f, ["floatD%d" % i for i in range(len(rp))], rp,
            "(W(a) − a/√(2π))/(a − a0) = P(u)/Q(u) within %.3f units of "
            "2⁻²⁴: P." % er)
        write_constants(
            f, ["floatDQ%d" % i for i in range(1, len(rq))], rq[1:],
            "Q (its constant term is 1).")
        f.write("\n")
        write_constants(
            f, ["floatExp%d" % i for i in range(len(ec))], ec,
            "eʳ = c0 + c1 r + ... + c%d r^%d on |r| ≤ ln 2 / 2 within %.3f "
            "units of 2⁻²⁴." % (EXP_DEGREE, EXP_DEGREE, ee))
        f.write("}\n")
    print("wrote", os.path.normpath(path))


if __name__ == "__main__":
    main()
