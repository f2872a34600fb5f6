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
and the coefficients of s = a - c (Chebyshev interpolation in 50-digit
arithmetic). Two sets of rows, both evaluated in double precision:

    double  up to a = DOUBLE_LIMIT, degree DOUBLE_DEGREE, the constant term
            as a sum of two doubles, the first of 26 bits (so that the core
            multiplies it by the 26-bit half of x exactly): W well beyond
            double precision, for the double kernels;
    float   up to a = FLOAT_LIMIT, degree FLOAT_DEGREE, in floats, without
            the centre (the core takes it from a's bits): the constant term
            as a sum of two floats, the first of 12 bits (so that the core
            multiplies it by the 12-bit half of x exactly); for the float
            kernels, which evaluate them in float arithmetic.

Beyond its limit a set is not needed: the results are 0 or 1 in that
precision. The script evaluates the rows in the core's order of operations
(numpy float64) at random points of every row and prints the largest
relative error of W before the core's last rounding, in units of 2^-53
(double rows, float64 arithmetic) and 2^-24 (float rows, float32).

Usage: python3 tools/fit_normal.py   (needs mpmath and numpy)
"""
import math
import os
import mpmath as mp
import numpy as np

mp.mp.dps = 50
DOUBLE_LIMIT = 40       # rows up to the one holding 39.5 (the core's clamp)
DOUBLE_DEGREE = 13      # 16 values per row: c, c0 (two parts), c1 ... c13
FLOAT_LIMIT = 16        # rows up to the one holding 15.5
FLOAT_DEGREE = 6        # 8 values per row: c0 (two parts), c1 ... c6
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


def float_rows():
    """Per row: its interval and float values (the constant term as a head
    of 12 bits and the rest, the higher coefficients)."""
    out = []
    for lo, hi in intervals(FLOAT_LIMIT):
        c, co = fit(lo, hi, FLOAT_DEGREE)
        h = head(co[0], 12)
        vs = [h, float(co[0] - mp.mpf(h))] + [float(v) for v in co[1:]]
        out.append((lo, hi, [float(np.float32(v)) for v in vs]))
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


def centre_of(a):
    """The centre of a's row, from its float bits, as the core takes it."""
    bits = a.astype(np.float32).view(np.uint32)
    c = ((bits & np.uint32(0xFFE00000)) | np.uint32(0x100000)).view(np.float32)
    return np.where(a < 0.25, np.float32(0.125), c)


def evaluate_float(row, a):
    """W(a) as head + rest from a float row, in float32, in the core's
    order."""
    k = [np.float32(v) for v in row]
    s = a.astype(np.float32) - centre_of(a)
    s2 = s * s
    s4 = s2 * s2
    p = ((k[3] + k[4] * s) + (k[5] + k[6] * s) * s2) + k[7] * s4
    return np.full_like(s, k[0]), k[1] + (k[2] * s + s2 * p)


def check(rows, evaluate, unit):
    rng = np.random.default_rng(1)
    worst = 0.0
    for lo, hi, row in rows:
        u = rng.random(CHECK_POINTS)
        a = float(lo) + (float(hi) - float(lo)) * u
        if evaluate is evaluate_float:
            a = a.astype(np.float32)
        w, wl = evaluate(row, a)
        for i in range(len(a)):
            exact = W(mp.mpf(float(a[i])))
            got = mp.mpf(float(w[i])) + mp.mpf(float(wl[i]))
            worst = max(worst, float(abs(got / exact - 1)) / unit)
    return worst


def float_literal(v):
    """A hexadecimal literal with the float's 24 bits."""
    m, e = math.frexp(v)
    q = int(round(m * 2 ** 24))
    return ("-" if q < 0 else "") + "0x%06xp%+d" % (abs(q), e - 24)


def write(f, name, rows, swift_type, literal, per_line=3):
    f.write("  static let %s: [%s] = [\n" % (name, swift_type))
    for lo, hi, row in rows:
        f.write("    // [%s, %s)\n" % (mp.nstr(lo, 6), mp.nstr(hi, 6)))
        vs = [literal(v) for v in row]
        for i in range(0, len(vs), per_line):
            f.write("    " + ", ".join(vs[i:i + per_line]) + ",\n")
    f.write("  ]\n")


def main():
    doubles = double_rows()
    floats = float_rows()
    wd = check(doubles, evaluate_double, 2.0 ** -53)
    wf = check(floats, evaluate_float, 2.0 ** -24)
    print("double: %d rows, W within %.3f units of 2^-53" % (len(doubles), wd))
    print("float:  %d rows, W within %.4f units of 2^-24" % (len(floats), wf))
    here = os.path.dirname(os.path.abspath(__file__))
    path = os.path.join(here, "..", "Sources", "MXLeakyReLUCore", "Kernels",
                        "NormalRows.swift")
    with open(path, "w") as f:
        f.write("// Generated by tools/fit_normal.py; do not edit.\n\n")
        f.write("/// Rows of W(a) = Q(a)·e^(a²/2), Q the upper tail of the "
                "standard normal\n/// distribution: per row (its centre c "
                "in the double rows) the constant\n/// term as two values and "
                "the coefficients of s = a − c (tools/fit_normal.py\n/// "
                "says how they are chosen and evaluated). W is within %.2f "
                "units of\n/// 2⁻⁵³ (double rows) and %.2f of 2⁻²⁴ (float "
                "rows) before the last rounding.\n" % (wd, wf))
        f.write("enum NormalRows {\n")
        f.write("  /// Values per double row; rows of a ≥ %d are not "
                "needed.\n  static let doubleRow = %d\n"
                % (DOUBLE_LIMIT, DOUBLE_DEGREE + 3))
        f.write("  /// Values per float row; rows of a ≥ %d are not "
                "needed.\n  static let floatRow = %d\n\n"
                % (FLOAT_LIMIT, FLOAT_DEGREE + 2))
        write(f, "double", doubles, "Double", float.hex)
        f.write("\n")
        write(f, "float", floats, "Float", float_literal)
        f.write("}\n")
    print("wrote", os.path.normpath(path))


if __name__ == "__main__":
    main()
