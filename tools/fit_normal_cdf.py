#!/usr/bin/env python3
"""Writes Sources/MXLeakyReLUCore/NormalCDFTable.swift: the coefficients the
core evaluates the standard normal distribution function Phi and the GELU
derivative Phi(x) + x phi(x) from.

Central part, |x| <= CENTRAL_LIMIT: for each of Phi and Phi + x phi, one
polynomial of degree CENTRAL_DEGREE per interval of width CENTRAL_WIDTH
centred at k * CENTRAL_WIDTH, in s = x - k * CENTRAL_WIDTH (Chebyshev
interpolation; Phi fitted with relative error, Phi + x phi, which crosses
zero, with error relative to its largest value on the interval).

Tail, a = |x| in [CENTRAL_LIMIT, TAIL_LIMIT]: the upper tail is written
Q(a) = exp(-a^2/2) / a * G(w), w = 1/a^2, and G (close to (1 - w) / sqrt(2 pi)) is one
polynomial of degree TAIL_DEGREE in s = w - TAIL_CENTRE over the whole
range, so no table look-up is needed there.

Every polynomial's constant term is stored as a sum of two doubles; in the
central rows the first of the two has at most 26 significant bits, so that
the core can multiply it by x exactly (x split into two halves).

Float rows, |x| <= CENTRAL_LIMIT, for the single-precision kernels: the same
two functions, one polynomial of degree FLOAT_DEGREE per interval of width
FLOAT_WIDTH, in floats: the constant term as a sum of two floats, then the
higher terms, each rounded to float in turn with the terms above it refitted
(weighted least squares) to what the rounding left, then zeros to FLOAT_ROW
values. The script also evaluates the float rows in float32 arithmetic, in
the order the core does, on 400,000 random floats and reports the largest
error in float ulps.

Values come from mpmath at 50 digits.

Usage: python3 tools/fit_normal_cdf.py  (needs mpmath and numpy; prints the
largest error of each fit).
"""
import math
import os
import mpmath as mp
import numpy as np

mp.mp.dps = 50
CENTRAL_WIDTH = mp.mpf(1) / 8
CENTRAL_LIMIT = 5       # intervals centred at k / 8, |k| <= 40
CENTRAL_DEGREE = 10
ROW = 12                # values per row: degree + 2, then zeros
TAIL_LIMIT = 40
TAIL_DEGREE = 16
FLOAT_WIDTH = mp.mpf(1) / 16
FLOAT_DEGREE = 5
FLOAT_ROW = 8


def Phi(x):
    return mp.erfc(-x / mp.sqrt(2)) / 2


def Dgelu(x):
    return Phi(x) + x * mp.npdf(x)


def G(w):
    """a Q(a) exp(a^2/2) at a = 1/sqrt(w)."""
    a = 1 / mp.sqrt(w)
    return a * mp.erfc(a / mp.sqrt(2)) / 2 * mp.exp(a * a / 2)


def fit(lo, hi, f, degree, relative, centre=None):
    """Coefficients in s = t - centre and the largest error on a grid:
    relative to f(t), or, if not relative, to the largest |f| there."""
    c = (lo + hi) / 2 if centre is None else centre
    h = (hi - lo) / 2
    m = (lo + hi) / 2
    n = degree + 1
    nodes = [m + h * mp.cos(mp.pi * (k + mp.mpf(1) / 2) / n) for k in range(n)]
    A = mp.matrix([[(t - c) ** j for j in range(n)] for t in nodes])
    co = mp.lu_solve(A, mp.matrix([f(t) for t in nodes]))
    pairs = []
    for k in range(201):
        t = lo + (hi - lo) * k / 200
        p = mp.mpf(0)
        for j in reversed(range(n)):
            p = p * (t - c) + co[j]
        pairs.append((p, f(t)))
    if relative:
        err = max(abs(p / v - 1) for p, v in pairs)
    else:
        err = max(abs(p - v) for p, v in pairs) / max(abs(v) for p, v in pairs)
    return [co[j] for j in range(n)], err


def to_float(v):
    return float(np.float32(float(v)))


def fit_float(lo, hi, f, relative):
    """Float coefficients in s = t - centre (the constant term as two
    floats), rounded one at a time with the higher terms refitted, and the
    largest error of the rounded polynomial on a grid (as in `fit`)."""
    c = (lo + hi) / 2
    co, _ = fit(lo, hi, f, FLOAT_DEGREE, relative)
    head = to_float(co[0])
    tail = to_float(co[0] - head)
    grid = [lo + (hi - lo) * k / 64 for k in range(65)]
    fv = [f(t) for t in grid]
    top = max(abs(v) for v in fv)
    scale = [abs(v) if relative else top for v in fv]
    fixed = [mp.mpf(head) + mp.mpf(tail)]
    for j in range(1, FLOAT_DEGREE + 1):
        rest = [(fv[i] - sum(fixed[k] * (grid[i] - c) ** k for k in range(j)))
                / scale[i] for i in range(len(grid))]
        a = np.array([[float((grid[i] - c) ** k / scale[i])
                       for k in range(j, FLOAT_DEGREE + 1)]
                      for i in range(len(grid))])
        sol = np.linalg.lstsq(a, np.array([float(r) for r in rest]),
                              rcond=None)[0]
        fixed.append(mp.mpf(to_float(sol[0])))
    err = max(abs(fv[i] - sum(fixed[k] * (grid[i] - c) ** k
                              for k in range(FLOAT_DEGREE + 1))) / scale[i]
              for i in range(len(grid)))
    row = [head, tail] + [float(v) for v in fixed[1:]]
    return row + [0.0] * (FLOAT_ROW - len(row)), err


def float_rows(f, relative):
    count = int(CENTRAL_LIMIT / FLOAT_WIDTH)
    h = FLOAT_WIDTH / 2
    rows, worst = [], mp.mpf(0)
    for k in range(-count, count + 1):
        row, err = fit_float(k * FLOAT_WIDTH - h, k * FLOAT_WIDTH + h, f,
                             relative)
        rows.append(row)
        worst = max(worst, err)
    return np.array(rows, dtype=np.float32), worst


def float_check(cdf, derivative):
    """Largest errors, in float ulps, of the float rows evaluated in float32
    as the core does: Phi, x Phi(x) and Phi + x phi (the last in ulps of
    the larger of |Phi + x phi| and Phi)."""
    count = int(CENTRAL_LIMIT / FLOAT_WIDTH)
    rng = np.random.default_rng(1)
    edges = np.arange(-count, count + 1) / float(1 / FLOAT_WIDTH)
    half = float(FLOAT_WIDTH) / 2
    x = np.concatenate([rng.uniform(-CENTRAL_LIMIT, CENTRAL_LIMIT, 400000),
                        edges + half * 0.999, edges - half * 0.999])
    x = np.clip(x, -CENTRAL_LIMIT, CENTRAL_LIMIT).astype(np.float32)
    k = np.rint(x.astype(np.float64) / float(FLOAT_WIDTH)).astype(int)
    s = x - (k * float(FLOAT_WIDTH)).astype(np.float32)

    def evaluate(table):
        c = [table[k + count, j] for j in range(FLOAT_ROW)]
        s2 = s * s
        p = (c[3] + c[4] * s) + (c[5] + c[6] * s) * s2
        return c[0] + (c[1] + (c[2] * s + s2 * p))

    xd = x.astype(np.float64)
    phi = np.array([math.erfc(-v / math.sqrt(2)) / 2 for v in xd])
    dphi = phi + xd * np.exp(-xd * xd / 2) / math.sqrt(2 * math.pi)

    def ulps(y, exact, scale):
        spacing = np.spacing(np.float32(scale)).astype(np.float64)
        return float(np.max(np.abs(y.astype(np.float64) - exact) / spacing))

    p = evaluate(cdf)
    return (ulps(p, phi, phi), ulps(x * p, xd * phi, np.abs(xd * phi)),
            ulps(evaluate(derivative), dphi, np.maximum(np.abs(dphi), phi)))


def float_literal(v):
    """A float's value as a hexadecimal literal with no trailing zeros."""
    if v == 0:
        return "0"
    m, e = v.hex().split("p")
    return (m.rstrip("0").rstrip(".") if "." in m else m) + "p" + e


def values(co, pad=0, head_bits=53):
    """The constant term as two doubles, the first rounded to `head_bits`
    significant bits, then the higher terms, then `pad` zeros."""
    m, e = math.frexp(float(co[0]))
    hi = math.ldexp(round(m * 2.0 ** head_bits), e - head_bits)
    return [hi, float(co[0] - hi)] + [float(c) for c in co[1:]] + [0.0] * pad


def write_values(f, vs, per_line=3):
    for i in range(0, len(vs), per_line):
        f.write("    " + " ".join(float.hex(v) + "," for v in vs[i:i + per_line])
                + "\n")


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    out = os.path.join(root, "Sources", "MXLeakyReLUCore",
                       "NormalCDFTable.swift")
    count = int(CENTRAL_LIMIT / CENTRAL_WIDTH)
    h = CENTRAL_WIDTH / 2
    tables, worst = {}, {}
    for name, f, relative in (("cdf", Phi, True),
                              ("geluDerivative", Dgelu, False)):
        rows, w = [], mp.mpf(0)
        for k in range(-count, count + 1):
            c = k * CENTRAL_WIDTH
            co, err = fit(c - h, c + h, f, CENTRAL_DEGREE, relative)
            w = max(w, err)
            rows.append(co)
        tables[name], worst[name] = rows, w
    wlo = mp.mpf(1) / TAIL_LIMIT ** 2
    whi = mp.mpf(1) / CENTRAL_LIMIT ** 2
    centre = mp.mpf(float((wlo + whi) / 2))
    tail, tail_err = fit(wlo, whi, G, TAIL_DEGREE, True, centre)

    floats = {}
    for name, func, relative in (("floatCDF", Phi, True),
                                 ("floatGeluDerivative", Dgelu, False)):
        floats[name] = float_rows(func, relative)
    check = float_check(floats["floatCDF"][0],
                        floats["floatGeluDerivative"][0])

    with open(out, "w") as f:
        f.write("// Generated by tools/fit_normal_cdf.py; do not edit.\n\n")
        f.write("/// Coefficients of Φ, the standard normal distribution function, and\n")
        f.write("/// of Φ(x) + x·φ(x). Each polynomial's constant term is a sum of two\n")
        f.write("/// doubles (high part, then the rest), followed by the higher terms.\n")
        f.write("enum NormalCDFTable {\n")
        f.write("  /// On [−%d, %d]: for k = round(x / %s), row k + %d of `cdf`\n"
                % (CENTRAL_LIMIT, CENTRAL_LIMIT, mp.nstr(CENTRAL_WIDTH, 4), count))
        f.write("  /// and of `geluDerivative` holds a polynomial of degree %d in\n"
                % CENTRAL_DEGREE)
        f.write("  /// s = x − k · %s. Largest error of the fit: %s relative (Φ),\n"
                % (mp.nstr(CENTRAL_WIDTH, 4), mp.nstr(worst["cdf"], 2)))
        f.write("  /// %s of the largest value on the interval (Φ + x·φ).\n"
                % mp.nstr(worst["geluDerivative"], 2))
        f.write("  /// The high part of each constant term has at most 26 significant\n")
        f.write("  /// bits, so that its product with x can be formed exactly.\n")
        f.write("  static let limit = %d.0\n" % CENTRAL_LIMIT)
        f.write("  static let scale = %d.0\n" % int(1 / CENTRAL_WIDTH))
        f.write("  static let rows = %d\n" % (2 * count + 1))
        f.write("  /// Values per row: the polynomial's, then zeros, so that rows\n")
        f.write("  /// can be read two or four values at a time.\n")
        f.write("  static let terms = %d\n" % ROW)
        for name in ("cdf", "geluDerivative"):
            f.write("  static let %s: [Double] = [\n" % name)
            for co in tables[name]:
                write_values(f, values(co, ROW - CENTRAL_DEGREE - 2, 26), 4)
            f.write("  ]\n")
        f.write("  /// For a = |x| in [%d, %d]: Q(a) = 1 − Φ(a) = e^(−a²/2) / a · G(w),\n"
                % (CENTRAL_LIMIT, TAIL_LIMIT))
        f.write("  /// w = 1/a², G a polynomial of degree %d in s = w − tailCentre.\n"
                % TAIL_DEGREE)
        f.write("  /// Largest relative error of the fit: %s.\n" % mp.nstr(tail_err, 2))
        f.write("  static let tailCentre = %s\n" % float.hex(float(centre)))
        f.write("  static let tail: [Double] = [\n")
        write_values(f, values(tail))
        f.write("  ]\n")
        f.write("  /// Float rows on [−%d, %d]: for k = round(x / %s), row k + %d of\n"
                % (CENTRAL_LIMIT, CENTRAL_LIMIT, mp.nstr(FLOAT_WIDTH, 4),
                   int(CENTRAL_LIMIT / FLOAT_WIDTH)))
        f.write("  /// `floatCDF` and of `floatGeluDerivative` holds a polynomial of\n")
        f.write("  /// degree %d in s = x − k · %s, its constant term as two floats.\n"
                % (FLOAT_DEGREE, mp.nstr(FLOAT_WIDTH, 4)))
        f.write("  /// Largest error of the rounded fit: %s relative (Φ), %s of the\n"
                % (mp.nstr(floats["floatCDF"][1], 2),
                   mp.nstr(floats["floatGeluDerivative"][1], 2)))
        f.write("  /// largest value on the interval (Φ + x·φ). Evaluated in float:\n")
        f.write("  /// Φ within %.2f ulp, x·Φ(x) within %.2f, Φ + x·φ within %.2f ulp\n"
                % check)
        f.write("  /// of the larger of itself and Φ (on 400,000 random floats).\n")
        f.write("  static let floatScale: Float = %d\n" % int(1 / FLOAT_WIDTH))
        f.write("  static let floatRows = %d\n"
                % (2 * int(CENTRAL_LIMIT / FLOAT_WIDTH) + 1))
        f.write("  static let floatTerms = %d\n" % FLOAT_ROW)
        for name in ("floatCDF", "floatGeluDerivative"):
            f.write("  static let %s: [Float] = [\n" % name)
            for row in floats[name][0]:
                f.write("    " + ", ".join(float_literal(float(v)) for v in row)
                        + ",\n")
            f.write("  ]\n")
        f.write("}\n")
    print("central: max fit error Phi", mp.nstr(worst["cdf"], 3),
          "Phi + x phi", mp.nstr(worst["geluDerivative"], 3))
    print("tail: max relative fit error", mp.nstr(tail_err, 3))
    print("float rows: max fit error Phi", mp.nstr(floats["floatCDF"][1], 3),
          "Phi + x phi", mp.nstr(floats["floatGeluDerivative"][1], 3))
    print("float rows in float32: max ulp Phi %.3f, x Phi %.3f, Phi + x phi %.3f"
          % check)


if __name__ == "__main__":
    main()
