/// gelu and gelu_tanh for float data, computed in double lanes (four per
/// AVX2 vector, two per SSE2 one) and rounded to float once, by
/// `VectorMathFloat.inDouble`.
///
/// A float's square is exact in double precision, so e^(−x²/2) and
/// e^(2u) keep their relative accuracy in the far tails with plain double
/// arithmetic, and the 2⁻²⁸ or so that a float result needs comes from
/// short approximations: W(a) = Q(a)·e^(a²/2) from one rational function
/// (no table rows to read), e^r from a polynomial of degree 6
/// (`NormalRows`, fitted by tools/fit_normal.py). The derivatives keep
/// their accuracy where they cross zero (near x = −0.75): gelu's as
/// (a − a0) times a rational function, gelu_tanh's through a
/// double-precision exponential and a fused sum. Within 1 float ulp of
/// each value itself (tests), no result or intermediate subnormal in
/// double, the same operations for every input. Fused multiply-adds (AVX2
/// only) may change the last bit of a float result from the baseline's.
extension VectorMath {
  @inline(__always)
  static func fused(_ a: D4, _ b: D4, _ c: D4) -> D4 {
    madd(a, b, c, fused: true)
  }

  @inline(__always)
  static func fused(_ a: Double, _ b: D4, _ c: Double) -> D4 {
    madd(D4(repeating: a), b, D4(repeating: c), fused: true)
  }

  /// ln 2 as the nearest double.
  static let ln2 = 0x1.62e42fefa39efp-1

  /// c0 + c1 u + ... + c5 u⁵ (Estrin's scheme), given u² and u⁴.
  @inline(__always)
  static func quintic(
    _ u: D4, _ u2: D4, _ u4: D4,
    _ c: (Double, Double, Double, Double, Double, Double)
  ) -> D4 {
    fused(fused(c.5, u, c.4), u4,
          fused(fused(c.3, u, c.2), u2, fused(c.1, u, c.0)))
  }

  /// eᵗ for t in [−200, 0]: t = k ln 2 + r in one fused step (t is exact
  /// and |k| ≤ 289, so one double for ln 2 costs under 2⁻⁴⁴), eʳ from
  /// `NormalRows.floatExp`, 2ᵏ added to the exponent (a normal number):
  /// within about 2⁻²⁸ relative (`precise`: the double series of
  /// `expm1Reduced`, within about 2⁻⁵¹).
  @inline(__always)
  static func floatExp(_ t: D4, precise: Bool = false) -> D4 {
    typealias N = NormalRows
    let shifted = fused(t, D4(repeating: log2e), D4(repeating: shifter))
    let kd = shifted - shifter
    let p: D4
    if precise {
      let r = fused(kd, D4(repeating: -ln2Lo),
                    fused(kd, D4(repeating: -ln2Hi), t))
      p = 1 + expm1Reduced(r, fused: true)
    } else {
      let r = fused(kd, D4(repeating: -ln2), t)
      let r2 = r * r
      p = fused(fused(fused(N.floatExp6, r, N.floatExp5), r,
                      D4(repeating: N.floatExp4)), r2 * r2,
                fused(fused(N.floatExp3, r, N.floatExp2), r2,
                      fused(N.floatExp1, r, N.floatExp0)))
    }
    // The low bits of `shifted` hold k.
    let k = unsafeBitCast(shifted, to: I4.self) &<< 52
    return unsafeBitCast(unsafeBitCast(p, to: I4.self) &+ k, to: D4.self)
  }

  /// Beyond it the float results of gelu are 0 or x (and 0 or 1 for the
  /// derivative).
  static let floatNormalLimit = 15.5

  /// |x| limited to `floatNormalLimit`, u = |x|/16, u², u⁴, e^(−x²/2).
  @inline(__always)
  static func floatNormalTerms(_ x: D4) -> (a: D4, u: D4, u2: D4, u4: D4, g: D4) {
    let a = absolute(x, limit: floatNormalLimit)
    let u = a * 0.0625
    let u2 = u * u
    return (a, u, u2, u2 * u2, floatExp((a * -0.5) * a))
  }

  /// x·Q(|x|), for x a float.
  @inline(__always)
  static func floatNormalTail(times x: D4) -> D4 {
    typealias N = NormalRows
    let t = floatNormalTerms(x)
    let p = quintic(t.u, t.u2, t.u4, (N.floatW0, N.floatW1, N.floatW2,
                                      N.floatW3, N.floatW4, N.floatW5))
    let q = quintic(t.u, t.u2, t.u4, (1, N.floatWQ1, N.floatWQ2, N.floatWQ3,
                                      N.floatWQ4, N.floatWQ5))
    // The quotient is formed beside the exponential, not after it.
    let limit = floatNormalLimit
    return clamp(x, -limit, limit) * p / q * t.g
  }

  /// Q(|x|) − |x|·φ(x), for x a float: e^(−a²/2) · (a − a0) · R(a).
  @inline(__always)
  static func floatNormalTailMinusDensity(_ x: D4) -> D4 {
    typealias N = NormalRows
    let t = floatNormalTerms(x)
    let p = quintic(t.u, t.u2, t.u4, (N.floatD0, N.floatD1, N.floatD2,
                                      N.floatD3, N.floatD4, N.floatD5))
    let q = quintic(t.u, t.u2, t.u4, (1, N.floatDQ1, N.floatDQ2, N.floatDQ3,
                                      N.floatDQ4, N.floatDQ5))
    return (t.a - N.densityRoot) * p / q * t.g
  }

  /// 2√(2/π), 2√(2/π) · 0.044715 and 3 times that: 2u = x(A0 + A1 x²),
  /// 2u′ = A0 + A3 x².
  static let floatTanhA0 = 0x1.9884533d43651p0
  static let floatTanhA1 = 0x1.2444f2a4d8b4bp-4
  static let floatTanhA3 = 0x1.b6676bf7450f0p-3
  /// Beyond it the float results of gelu_tanh are −0 or x (0 or 1 for the
  /// derivative).
  static let floatTanhLimit = 12.0

  /// x limited to ±`floatTanhLimit`, and 2u at v = −|x| (2u ≤ 0).
  @inline(__always)
  static func floatTanhTerms(_ x: D4) -> (xc: D4, v2: D4, twoU: D4) {
    let limit = floatTanhLimit
    let xc = clamp(x, -limit, limit)
    let v = -absolute(xc, limit: limit)
    let v2 = v * v
    return (xc, v2, v * fused(floatTanhA1, v2, floatTanhA0))
  }

  /// x·Φ̃(x) for x a float, e = e^(−2|u|): x·e / (1 + e) for x ≤ 0, x /
  /// (1 + e) otherwise, one division for both.
  @inline(__always)
  static func floatTimesTanhCDF(_ x: D4) -> D4 {
    let t = floatTanhTerms(x)
    let e = floatExp(t.twoU)
    return (t.xc * e).replacing(with: x, where: x .> 0) / (1 + e)
  }

  /// The derivative of x·Φ̃(x) for x a float, d = 1 + e: e·(d + x·2u′) /
  /// d² for x ≤ 0, where d + x·2u′ crosses zero (e precise to about 2⁻⁵¹,
  /// the sum fused), and (d + x·2u′·e) / d² otherwise.
  @inline(__always)
  static func floatTimesTanhCDFDerivative(_ x: D4) -> D4 {
    let t = floatTanhTerms(x)
    let e = floatExp(t.twoU, precise: true)
    let d = 1 + e
    let du = fused(floatTanhA3, t.v2, floatTanhA0)
    let n = (e * fused(t.xc, du, d)).replacing(
      with: fused(t.xc * du, e, d), where: x .> 0)
    return n / (d * d)
  }
}
