#if MXLR_AVX2
import _Builtin_intrinsics.intel
#endif
/// Vectorised special functions in double precision: eˣ − 1, eˣ, e^(−x²/2)
/// and the standard normal distribution function Φ.
///
/// Each works lane by lane on `D4`, `SIMD2<Double>` (one SSE2 or NEON
/// register), or `SIMD4<Double>` (one AVX register) where the module is
/// compiled for AVX2 (`MXLR_AVX2`), with plain arithmetic (no
/// libm calls, no table of exponentials, no fused multiply-add), so the
/// same code serves every lane and, through a broadcast, scalars. Float
/// values are computed in double precision and rounded once.
///
/// Lanes holding NaN give unspecified (but finite-time, non-trapping)
/// results; the kernels replace them by the input.
enum VectorMath {
  #if MXLR_AVX2
  typealias D4 = SIMD4<Double>
  typealias I4 = SIMD4<Int64>
  #else
  typealias D4 = SIMD2<Double>
  typealias I4 = SIMD2<Int64>
  #endif

  /// ln 2 split so that `k * ln2Hi` is exact for |k| < 2²⁰.
  static let ln2Hi = 0x1.62e42fefa0000p-1
  static let ln2Lo = 0x1.cf79abc9e3b3ap-40
  static let log2e = 0x1.71547652b82fep0
  /// Adding and subtracting it rounds to an integer (|x| < 2⁵¹); the low
  /// bits of the sum hold that integer.
  static let shifter = 0x1.8p52

  /// eʳ − 1 ≈ r + r²·(e2 + e3 r + ... + e11 r⁹) on |r| ≤ ln 2 / 2: the
  /// polynomial in parentheses is the minimax approximation of
  /// (eʳ − 1 − r)/r² of degree 9 in relative error (Remez exchange in
  /// 50-digit arithmetic by tools/fit_expm1.py, equioscillating at
  /// 2.04e-16), so the relative
  /// error of eʳ − 1 is below |r|/2 · 2.04e-16 ≤ 3.6e-17 before rounding
  /// (a degree-13 Taylor series needs two more terms for the same).
  static let e2 = 0x1.0000000000001p-1
  static let e3 = 0x1.555555555554dp-3
  static let e4 = 0x1.5555555553d82p-5
  static let e5 = 0x1.1111111114484p-7
  static let e6 = 0x1.6c16c1788179cp-10
  static let e7 = 0x1.a01a018c32e01p-13
  static let e8 = 0x1.a019b930c5874p-16
  static let e9 = 0x1.71de5a3c12be8p-19
  static let e10 = 0x1.28915f399dfacp-22
  static let e11 = 0x1.aeaaf5ab0e0e3p-26

  /// `x` limited to [lower, upper]; NaN lanes become `lower`.
  @inline(__always)
  static func clamp(_ x: D4, _ lower: Double, _ upper: Double) -> D4 {
    let low = D4(repeating: lower)
    let high = D4(repeating: upper)
    let t = low.replacing(with: x, where: x .>= low)
    return t.replacing(with: high, where: t .> high)
  }

  /// eʳ − 1 for |r| ≤ ln 2 / 2 (about 0.347).
  @inline(__always)
  static func expm1Reduced(_ r: D4) -> D4 {
    // e2 + e3 r + ... + e11 r⁹ by Estrin's scheme (short dependency chains).
    let r2 = r * r
    let r4 = r2 * r2
    let r8 = r4 * r4
    let q0 = (e2 + e3 * r) + (e4 + e5 * r) * r2
    let q1 = (e6 + e7 * r) + (e8 + e9 * r) * r2
    let q = (q0 + q1 * r4) + (e10 + e11 * r) * r8
    return r + r2 * q
  }

  /// 2ᵏ for integer k with −1022 ≤ k ≤ 1023 (k = 1024 gives +Inf).
  @inline(__always)
  static func power2(_ k: I4) -> D4 {
    unsafeBitCast((k &+ 1023) &<< 52, to: D4.self)
  }

  /// Splits x into k ln 2 + r, |r| ≤ ln 2 / 2 (plus rounding), for
  /// |x| < 2¹⁹; `tail` is added to r (the low part of a double-double x).
  @inline(__always)
  static func reduce(_ x: D4, tail: D4) -> (k: I4, r: D4) {
    let (k, r) = reduce(x)
    return (k, r + tail)
  }

  /// `reduce(x, tail:)` without a tail (adding a zero tail would cost an
  /// addition: x + 0 is not x for x = −0).
  @inline(__always)
  static func reduce(_ x: D4) -> (k: I4, r: D4) {
    let t = x * log2e + shifter
    let kd = t - shifter
    let k = unsafeBitCast(t, to: I4.self)
      &- unsafeBitCast(D4(repeating: shifter), to: I4.self)
    let r = (x - kd * ln2Hi) - kd * ln2Lo
    return (k, r)
  }

  /// `value · 2ᵏ` for k in [−1100, 1024], rounding once when the result is
  /// subnormal.
  @inline(__always)
  static func scale(_ value: D4, _ k: I4) -> D4 {
    let half = k &>> 1
    return value * power2(half) * power2(k &- half)
  }

  /// eˣ − 1, within one unit in the last place.
  @inline(__always)
  static func expm1(_ x: D4) -> D4 {
    // Below −45 the result rounds to −1; above 710 it overflows.
    let (k, r) = reduce(clamp(x, -45, 710))
    let p = expm1Reduced(r)
    // eˣ − 1 = (2ᵏ − 1) + 2ᵏ·p, where 2ᵏ − 1 is exact for k ≤ 53.
    let s = power2(k)
    let result = (s - 1) + s * p
    // Keeps the sign of a zero input.
    return result.replacing(with: x, where: x .== 0)
  }

  /// eˣ for x ≤ 0 (lanes with x > 0 give 1), subnormal results included.
  @inline(__always)
  static func expOfNonPositive(_ x: D4) -> D4 {
    // Below −746 the result rounds to 0.
    let xc = clamp(x, -746, 0)
    let (k, r) = reduce(xc)
    let v = 1 + expm1Reduced(r)
    // From −708 up, k ≥ −1021 and 2ᵏ is a normal number: one product, the
    // same bits as `scale`, which the rare vectors below take.
    if any(xc .< D4(repeating: -708)) { return scale(v, k) }
    return v * power2(k)
  }

  /// x² as an unevaluated sum hi + lo, exact (Dekker's product) for
  /// |x| < 2⁹⁹⁵.
  @inline(__always)
  static func square(_ x: D4) -> (hi: D4, lo: D4) {
    let c = x * 134_217_729.0  // 2²⁷ + 1
    let xh = c - (c - x)
    let xl = x - xh
    let hi = x * x
    let lo = ((xh * xh - hi) + 2 * xh * xl) + xl * xl
    return (hi, lo)
  }

  /// e^(−x²/2) · (m + mLow), with x² taken exactly, so that the result
  /// keeps its relative accuracy in the far tails; `mLow` is a small
  /// correction to `m`.
  @inline(__always)
  static func gaussian(_ x: D4, times m: D4, _ mLow: D4) -> D4 {
    let a = clamp(x.replacing(with: -x, where: x .< 0), 0, 40)
    let (hi, lo) = square(a)
    let (k, r) = reduce(-0.5 * hi, tail: -0.5 * lo)
    let p = expm1Reduced(r)
    // (m + mLow)(1 + p), rounded once at the end but for the small terms.
    return scale(m + (m * p + (mLow + mLow * p)), k)
  }

  /// e^(−x²/2).
  @inline(__always)
  static func gaussian(_ x: D4) -> D4 {
    gaussian(x, times: D4(repeating: 1), D4(repeating: 0))
  }

  /// The polynomial of `NormalCDFTable` for x, read from `table` (its
  /// `cdf` or its `geluDerivative`), as the high part of its constant term
  /// (at most 26 significant bits) and the rest, unrounded into one: x is
  /// limited to the table's range first (NaN lanes read row 0), so lanes
  /// outside it give unspecified values.
  ///
  /// Each lane reads its own row two values at a time, and the rows are
  /// transposed into coefficient vectors.
  @inline(__always)
  static func centralParts(_ x: D4, _ table: UnsafePointer<Double>)
    -> (head: D4, rest: D4)
  {
    let limit = NormalCDFTable.limit
    let xc = clamp(x, -limit, limit)
    // k = round(x · scale); k / scale and s = x − k / scale are exact.
    let t = xc * NormalCDFTable.scale + shifter
    let kd = t - shifter
    let s = xc - kd * (1 / NormalCDFTable.scale)
    let row = unsafeBitCast(t, to: I4.self)
      &- unsafeBitCast(D4(repeating: shifter), to: I4.self)
      &+ Int64(NormalCDFTable.rows / 2)
    let terms = NormalCDFTable.terms
    let offsets = row &* Int64(terms)
    // Values j and j + 1 of a lane's row.
    @inline(__always)
    func two(_ lane: Int, _ j: Int) -> SIMD2<Double> {
      UnsafeRawPointer(table + Int(truncatingIfNeeded: offsets[lane]))
        .loadUnaligned(
          fromByteOffset: j &* MemoryLayout<Double>.stride,
          as: SIMD2<Double>.self)
    }
    // Values j and j + 1 of every lane's row, as two coefficient vectors.
    @inline(__always)
    func pair(_ j: Int) -> (D4, D4) {
      #if MXLR_AVX2
      // Lanes 0 and 2 side by side in one vector, 1 and 3 in the other,
      // then unpacked: no value crosses a 128-bit half.
      let a = _mm256_set_m128d(two(2, j), two(0, j))
      let b = _mm256_set_m128d(two(3, j), two(1, j))
      return (_mm256_unpacklo_pd(a, b), _mm256_unpackhi_pd(a, b))
      #else
      let u = two(0, j)
      let v = two(1, j)
      return (D4(u[0], v[0]), D4(u[1], v[1]))
      #endif
    }
    let (hi, lo) = pair(0)
    let (c1, c2) = pair(2)
    let (c3, c4) = pair(4)
    let (c5, c6) = pair(6)
    let (c7, c8) = pair(8)
    let (c9, c10) = pair(10)
    // lo + c1 s + s²·(c2 + c3 s + ... + c10 s⁸), the last by Estrin's
    // scheme: c1 s, the largest term, is rounded on its own rather than
    // inside a sum whose rounding it would carry into the result.
    let s2 = s * s
    let s4 = s2 * s2
    let s8 = s4 * s4
    let q0 = (c2 + c3 * s) + (c4 + c5 * s) * s2
    let q1 = (c6 + c7 * s) + (c8 + c9 * s) * s2
    let p = (q0 + q1 * s4) + c10 * s8
    return (hi, lo + (c1 * s + s2 * p))
  }

  /// The polynomial of `NormalCDFTable` for x, rounded once (see
  /// `centralParts`).
  @inline(__always)
  static func central(_ x: D4, _ table: UnsafePointer<Double>) -> D4 {
    let (head, rest) = centralParts(x, table)
    return head + rest
  }

  /// Lanes of x outside the central table's range; false for NaN.
  @inline(__always)
  static func beyondCentral(_ x: D4) -> SIMDMask<I4> {
    let limit = D4(repeating: NormalCDFTable.limit)
    return (x .> limit) .| (x .< -limit)
  }

  /// `near`, with the lanes of x beyond the central table's range taken
  /// from `far()`, which is called only when a lane needs it.
  @inline(__always)
  static func replacingBeyondCentral(
    _ near: D4, _ x: D4, _ far: () -> D4
  ) -> D4 {
    let beyond = beyondCentral(x)
    return any(beyond) ? near.replacing(with: far(), where: beyond) : near
  }

  /// x·Φ(x) for x ≥ −40 (callers clamp): from `NormalCDFTable`'s rows for
  /// |x| ≤ 5, where x times the high part of the row's constant term is
  /// formed exactly (x split into halves of 26 and 27 bits) and the result
  /// rounds about once, else x·`normalCDFTail`, which keeps its relative
  /// accuracy down to x = −40 (chosen lane by lane: the tail is computed
  /// only when a lane needs it).
  @inline(__always)
  static func gelu(_ x: D4, _ tables: NormalTables) -> D4 {
    let (head, rest) = centralParts(x, tables.cdf)
    let xHigh = unsafeBitCast(
      unsafeBitCast(x, to: I4.self) & I4(repeating: -0x800_0000), to: D4.self)
    let xLow = x - xHigh
    let product = xHigh * head + (xLow * head + x * rest)
    // ±0 keeps its sign, as x · Φ(x) would.
    let near = product.replacing(with: x, where: x .== D4(repeating: 0))
    return replacingBeyondCentral(near, x) { x * normalCDFTail(x, tables.tail) }
  }

  /// Φ(x) + x·φ(x), the derivative of x·Φ(x): from `NormalCDFTable`'s rows
  /// for |x| ≤ 5, else from `geluDerivativeTail` (x limited to [−40, 40],
  /// where the result is already 0 or 1 in double precision).
  @inline(__always)
  static func geluDerivative(_ x: D4, _ tables: NormalTables) -> D4 {
    replacingBeyondCentral(central(x, tables.geluDerivative), x) {
      geluDerivativeTail(x, tables.tail)
    }
  }

  /// For a = |x| limited to [5, 40]: a, and G(1/a²) / a as a sum of two
  /// doubles m + mLow, where Q(a) = 1 − Φ(a) = e^(−a²/2) · G(1/a²) / a and
  /// G is the polynomial `NormalCDFTable.tail` (no table look-up). 1/a is
  /// taken as a sum of two doubles and G's constant term is held in two
  /// parts, so that m + mLow is accurate well beyond double precision.
  @inline(__always)
  static func tailRatio(_ x: D4, _ c: UnsafePointer<Double>)
    -> (a: D4, m: D4, mLow: D4)
  {
    let a = clamp(
      x.replacing(with: -x, where: x .< 0), NormalCDFTable.limit, 40)
    // 1/a = q + qLow.
    let q = 1 / a
    let (ph, pl) = product(q, a)
    let qLow = ((1 - ph) - pl) * q
    let s = q * q - NormalCDFTable.tailCentre
    // G = c[0] + (c[1] + s·(c[2] + c[3] s + ... + c[17] s¹⁵)).
    var rest = D4(repeating: c[17])
    for j in stride(from: 16, through: 2, by: -1) {
      rest = rest * s + c[j]
    }
    let gLow = c[1] + s * rest
    let g = D4(repeating: c[0])
    let (m, e) = product(g, q)
    return (a, m, e + (g * qLow + gLow * q))
  }

  /// Φ(x) for |x| ≥ 5, with relative accuracy in the lower tail down to
  /// x = −40 (below which it is 0); lanes with |x| < 5 give unspecified
  /// values. Φ(x) is Q(|x|) for x ≤ 0 and 1 − Q(x) otherwise.
  @inline(__always)
  static func normalCDFTail(_ x: D4, _ c: UnsafePointer<Double>) -> D4 {
    let (a, m, mLow) = tailRatio(x, c)
    let tail = gaussian(a, times: m, mLow)
    return tail.replacing(with: 1 - tail, where: x .> 0)
  }

  /// 1/√(2π) as a sum of two doubles.
  static let inverseSqrt2PiHigh = 0x1.9884533d43651p-2
  static let inverseSqrt2PiLow = -0x1.cbc0d30ebfd15p-56

  /// Φ(x) + x·φ(x) for |x| ≥ 5 (unspecified for |x| < 5). With a = |x|
  /// it is −e^(−a²/2) · H for x ≤ −5 and 1 + e^(−a²/2) · H for x ≥ 5, where
  /// H = a/√(2π) − G(1/a²)/a is formed as a sum of two doubles, so that the
  /// lower tail rounds about once.
  @inline(__always)
  static func geluDerivativeTail(_ x: D4, _ c: UnsafePointer<Double>)
    -> D4
  {
    let (a, m, mLow) = tailRatio(x, c)
    let (h, he) = product(a, D4(repeating: inverseSqrt2PiHigh))
    let hLow = he + a * inverseSqrt2PiLow
    let (d, de) = sum(h, -m)
    let tail = gaussian(a, times: d, de + (hLow - mLow))
    return (-tail).replacing(with: 1 + tail, where: x .> 0)
  }

  /// a·b as an unevaluated sum hi + lo, exact (Dekker's product, no fused
  /// multiply-add) for |a|, |b| < 2⁹⁹⁵.
  @inline(__always)
  static func product(_ a: D4, _ b: D4) -> (hi: D4, lo: D4) {
    let ca = a * 134_217_729.0  // 2²⁷ + 1
    let ah = ca - (ca - a)
    let al = a - ah
    let cb = b * 134_217_729.0
    let bh = cb - (cb - b)
    let bl = b - bh
    let hi = a * b
    let lo = (((ah * bh - hi) + ah * bl) + al * bh) + al * bl
    return (hi, lo)
  }

  /// a + b as an unevaluated sum hi + lo, exact (Knuth's two-sum).
  @inline(__always)
  static func sum(_ a: D4, _ b: D4) -> (hi: D4, lo: D4) {
    let s = a + b
    let bb = s - a
    return (s, (a - (s - bb)) + (b - bb))
  }

  /// √(2/π) and √(2/π) · 0.044715, each as a sum of two doubles, and
  /// 3 · √(2/π) · 0.044715: the constants of the tanh form of GELU.
  static let tanhGeluC0 = 0x1.9884533d43651p-1
  static let tanhGeluC0Low = -0x1.cbc0d30ebfd15p-55
  static let tanhGeluC1 = 0x1.2444f2a4d8b4bp-5
  static let tanhGeluC1Low = -0x1.6c843a29d1c70p-62
  static let tanhGeluC3 = 0x1.b6676bf7450f0p-4
  /// Lower limit of the inputs of the tanh form of GELU: below it
  /// e^(2u) is 0 in double precision.
  static let tanhGeluCutoff = 40.0
  /// 2⁶⁴ and 2⁻⁶⁴: e^(2u) is returned scaled by 2⁶⁴ so that it stays a
  /// normal number while x · e^(2u) is.
  static let tanhGeluScale = 0x1p64
  static let tanhGeluUnscale = 0x1p-64

  /// 2⁶⁴ · e^(−2|u|), u = √(2/π)(x + 0.044715 x³) for x in [−40, 40]
  /// (callers clamp), with u taken as a sum of two doubles so that the
  /// exponential keeps its relative accuracy when |u| is large.
  @inline(__always)
  static func tanhGeluExp(_ x: D4) -> D4 {
    // u is odd in x: work with v = −|x|, so that u ≤ 0.
    let v = x.replacing(with: -x, where: x .> 0)
    let (sh, sl) = square(v)
    let c1 = D4(repeating: tanhGeluC1)
    let (ph, pe) = product(c1, sh)
    let pl = pe + (c1 * sl + tanhGeluC1Low * sh)
    let (wh, we) = sum(D4(repeating: tanhGeluC0), ph)
    let wl = we + (pl + tanhGeluC0Low)
    let (uh, ue) = product(v, wh)
    let ul = ue + v * wl
    // Below −800, 40 · 2⁶⁴ · e^(2u) · 2⁻⁶⁴ is 0 already (k + 64 ≥ −1090).
    let (k, r) = reduce(clamp(2 * uh, -800, 0), tail: 2 * ul)
    return scale(1 + expm1Reduced(r), k &+ 64)
  }

  /// The tanh form of GELU, x/2 · (1 + tanh(u)), computed as x / (1 + e^(−2u))
  /// for x > 0 and x · e^(2u) / (1 + e^(2u)) otherwise, which do not cancel.
  @inline(__always)
  static func tanhGelu(_ x: D4) -> D4 {
    let xc = clamp(x, -tanhGeluCutoff, tanhGeluCutoff)
    let scaled = tanhGeluExp(xc)
    let d = 1 + scaled * tanhGeluUnscale
    let negative = (xc * scaled) / d * tanhGeluUnscale
    return negative.replacing(with: x / d, where: x .> 0)
  }

  /// The derivative of the tanh form of GELU: with t = e^(−2|u|),
  /// d = 1 + t and u′ = √(2/π)(1 + 3 · 0.044715 x²), it is
  /// (d + 2x·u′·t) / d² for x > 0 and t · (d + 2x·u′) / d² otherwise.
  @inline(__always)
  static func tanhGeluDerivative(_ x: D4) -> D4 {
    let xc = clamp(x, -tanhGeluCutoff, tanhGeluCutoff)
    let scaled = tanhGeluExp(xc)
    let t = scaled * tanhGeluUnscale
    let d = 1 + t
    let du = tanhGeluC0 + tanhGeluC3 * (xc * xc)
    let twoXdu = 2 * xc * du
    let dd = d * d
    let negative = (scaled * (d + twoXdu)) / dd * tanhGeluUnscale
    return negative.replacing(with: (d + twoXdu * t) / dd, where: x .> 0)
  }

  // Float: computed in double precision, rounded once.

  @inline(__always)
  static func inDouble(
    _ x: VectorMathFloat.F4, _ f: (D4) -> D4
  ) -> VectorMathFloat.F4 {
    #if MXLR_AVX2
    let upper = unsafeBitCast(
      SIMD8<Int32>(4, 5, 6, 7, 4, 5, 6, 7), to: __m256i.self)
    let low = f(_mm256_cvtps_pd(_mm256_castps256_ps128(x)))
    let high = f(_mm256_cvtps_pd(
      _mm256_castps256_ps128(_mm256_permutevar8x32_ps(x, upper))))
    return _mm256_set_m128(_mm256_cvtpd_ps(high), _mm256_cvtpd_ps(low))
    #else
    VectorMathFloat.F4(
      lowHalf: .init(f(D4(x.lowHalf))), highHalf: .init(f(D4(x.highHalf))))
    #endif
  }

  @inline(__always)
  static func inDouble(
    _ x: VectorMathFloat.F4, _ tables: NormalTables,
    _ f: (D4, NormalTables) -> D4
  ) -> VectorMathFloat.F4 {
    inDouble(x) { f($0, tables) }
  }
}

/// eˣ − 1 and eˣ in single precision on `F4` (four lanes per SSE2
/// register, eight with AVX2), the same algorithm as `VectorMath` with a
/// shorter series: within one float ulp. Φ and Φ + x·φ come from
/// `NormalCDFTable`'s float rows where |x| ≤ 5; beyond, and e^(−x²/2), go
/// through double precision.
enum VectorMathFloat {
  #if MXLR_AVX2
  typealias F4 = SIMD8<Float>
  typealias I4 = SIMD8<Int32>
  #else
  typealias F4 = SIMD4<Float>
  typealias I4 = SIMD4<Int32>
  #endif

  /// ln 2 split so that `k * ln2Hi` is exact for |k| < 2⁷.
  static let ln2Hi: Float = 0x1.62e4p-1
  static let ln2Lo: Float = 0x1.7f7d1cp-20
  static let log2e: Float = 0x1.715476p0
  static let shifter: Float = 0x1.8p23
  /// eʳ − 1 ≈ r + r²·(f2 + f3 r + ... + f7 r⁵) on |r| ≤ ln 2 / 2: the
  /// minimax polynomial of degree 5 for (eʳ − 1 − r)/r² in relative error
  /// (2.7e-9; tools/fit_expm1.py 5), each coefficient written as the
  /// nearest Float to the fitted value: eʳ − 1 within
  /// 5e-10 relative before rounding, as the Taylor series to r⁸.
  static let f2: Float = 0x1p-1
  static let f3: Float = 0x1.555556p-3
  static let f4: Float = 0x1.5554eap-5
  static let f5: Float = 0x1.11114cp-7
  static let f6: Float = 0x1.6d42cap-10
  static let f7: Float = 0x1.a072c0p-13

  /// `x` limited to [lower, upper]; NaN lanes become `lower`.
  @inline(__always)
  static func clamp(_ x: F4, _ lower: Float, _ upper: Float) -> F4 {
    let low = F4(repeating: lower)
    let high = F4(repeating: upper)
    let t = low.replacing(with: x, where: x .>= low)
    return t.replacing(with: high, where: t .> high)
  }

  /// eʳ − 1 for |r| ≤ ln 2 / 2.
  @inline(__always)
  static func expm1Reduced(_ r: F4) -> F4 {
    let r2 = r * r
    let r4 = r2 * r2
    let q0: F4 = (f2 + f3 * r) + (f4 + f5 * r) * r2
    return r + r2 * (q0 + (f6 + f7 * r) * r4)
  }

  @inline(__always)
  static func reduce(_ x: F4) -> (k: I4, r: F4) {
    let t = x * log2e + shifter
    let kd = t - shifter
    let k = unsafeBitCast(t, to: I4.self)
      &- unsafeBitCast(F4(repeating: shifter), to: I4.self)
    return (k, (x - kd * ln2Hi) - kd * ln2Lo)
  }

  /// 2ᵏ for integer k with −126 ≤ k ≤ 127 (k = 128 gives +Inf).
  @inline(__always)
  static func power2(_ k: I4) -> F4 {
    unsafeBitCast((k &+ 127) &<< 23, to: F4.self)
  }

  @inline(__always)
  static func expm1(_ x: F4) -> F4 {
    // Below −18 the result rounds to −1; above 89 it overflows.
    let (k, r) = reduce(clamp(x, -18, 89))
    let p = expm1Reduced(r)
    let s = power2(k)
    let result = (s - 1) + s * p
    return result.replacing(with: x, where: x .== 0)
  }

  /// The polynomial of `NormalCDFTable`'s float rows for x, read from
  /// `table` (its `floatCDF` or its `floatGeluDerivative`): x is limited to
  /// the rows' range first (NaN lanes read row 0), so lanes outside it give
  /// unspecified values.
  ///
  /// Each lane reads its row four floats at a time, and the rows are
  /// transposed into coefficient vectors.
  @inline(__always)
  static func central(_ x: F4, _ table: UnsafePointer<Float>) -> F4 {
    let limit = Float(NormalCDFTable.limit)
    let scale = NormalCDFTable.floatScale
    let xc = clamp(x, -limit, limit)
    // k = round(x · scale); k / scale and s = x − k / scale are exact.
    let t = xc * scale + shifter
    let kd = t - shifter
    let s = xc - kd * (1 / scale)
    let row = unsafeBitCast(t, to: I4.self)
      &- unsafeBitCast(F4(repeating: shifter), to: I4.self)
      &+ Int32(NormalCDFTable.floatRows / 2)
    let offsets = row &* Int32(NormalCDFTable.floatTerms)
    // Values j to j + 3 of a lane's row.
    @inline(__always)
    func four(_ lane: Int, _ j: Int) -> SIMD4<Float> {
      UnsafeRawPointer(table + Int(truncatingIfNeeded: offsets[lane]))
        .loadUnaligned(
          fromByteOffset: j &* MemoryLayout<Float>.stride,
          as: SIMD4<Float>.self)
    }
    // Values j to j + 3 of every lane's row, as four coefficient vectors.
    @inline(__always)
    func quad(_ j: Int) -> (F4, F4, F4, F4) {
      #if MXLR_AVX2
      // Lanes k and k + 4 side by side in one vector, then unpacked within
      // each 128-bit half (lanes 0-3 in the low half, 4-7 in the high).
      let a0 = _mm256_set_m128(four(4, j), four(0, j))
      let a1 = _mm256_set_m128(four(5, j), four(1, j))
      let a2 = _mm256_set_m128(four(6, j), four(2, j))
      let a3 = _mm256_set_m128(four(7, j), four(3, j))
      let t0 = _mm256_castps_pd(_mm256_unpacklo_ps(a0, a1))
      let t1 = _mm256_castps_pd(_mm256_unpackhi_ps(a0, a1))
      let t2 = _mm256_castps_pd(_mm256_unpacklo_ps(a2, a3))
      let t3 = _mm256_castps_pd(_mm256_unpackhi_ps(a2, a3))
      return (
        _mm256_castpd_ps(_mm256_unpacklo_pd(t0, t2)),
        _mm256_castpd_ps(_mm256_unpackhi_pd(t0, t2)),
        _mm256_castpd_ps(_mm256_unpacklo_pd(t1, t3)),
        _mm256_castpd_ps(_mm256_unpackhi_pd(t1, t3)))
      #else
      let a0 = four(0, j)
      let a1 = four(1, j)
      let a2 = four(2, j)
      let a3 = four(3, j)
      let t0 = F4(a0[0], a1[0], a0[1], a1[1])
      let t1 = F4(a0[2], a1[2], a0[3], a1[3])
      let t2 = F4(a2[0], a3[0], a2[1], a3[1])
      let t3 = F4(a2[2], a3[2], a2[3], a3[3])
      return (
        F4(t0[0], t0[1], t2[0], t2[1]), F4(t0[2], t0[3], t2[2], t2[3]),
        F4(t1[0], t1[1], t3[0], t3[1]), F4(t1[2], t1[3], t3[2], t3[3]))
      #endif
    }
    let (hi, lo, c1, c2) = quad(0)
    let (c3, c4, c5, _) = quad(4)
    // The order of operations is the one tools/fit_normal_cdf.py checks
    // (c1 s rounded on its own, as in `VectorMath.centralParts`).
    let s2 = s * s
    let p = (c2 + c3 * s) + (c4 + c5 * s) * s2
    return hi + (lo + (c1 * s + s2 * p))
  }

  /// Lanes of x outside the float rows' range; false for NaN.
  @inline(__always)
  static func beyondCentral(_ x: F4) -> SIMDMask<I4> {
    let limit = F4(repeating: Float(NormalCDFTable.limit))
    return (x .> limit) .| (x .< -limit)
  }

  /// `near`, with the lanes of x beyond the float rows' range taken from
  /// `far()`, which is called only when a lane needs it.
  @inline(__always)
  static func replacingBeyondCentral(
    _ near: F4, _ x: F4, _ far: () -> F4
  ) -> F4 {
    let beyond = beyondCentral(x)
    return any(beyond) ? near.replacing(with: far(), where: beyond) : near
  }

  /// x·Φ(x) from the float rows where |x| ≤ 5, else (when a lane needs
  /// it) in double precision, rounded once.
  @inline(__always)
  static func gelu(_ x: F4, _ tables: NormalTables) -> F4 {
    replacingBeyondCentral(x * central(x, tables.floatCDF), x) {
      VectorMath.inDouble(x, tables, VectorMath.gelu)
    }
  }

  /// Φ(x) + x·φ(x) from the float rows where |x| ≤ 5, else (when a lane
  /// needs it) in double precision, rounded once.
  @inline(__always)
  static func geluDerivative(_ x: F4, _ tables: NormalTables) -> F4 {
    replacingBeyondCentral(central(x, tables.floatGeluDerivative), x) {
      VectorMath.inDouble(x, tables, VectorMath.geluDerivative)
    }
  }

  /// eˣ for x ≤ 0 (lanes with x > 0 give 1), subnormal results included.
  @inline(__always)
  static func expOfNonPositive(_ x: F4) -> F4 {
    // Below −104 the result rounds to 0.
    let xc = clamp(x, -104, 0)
    let (k, r) = reduce(xc)
    let v = 1 + expm1Reduced(r)
    // From −87 up, k ≥ −126 and 2ᵏ is a normal number: one product (the
    // same bits as two).
    if any(xc .< F4(repeating: -87)) {
      let half = k &>> 1
      return v * power2(half) * power2(k &- half)
    }
    return v * power2(k)
  }
}

/// The addresses of the normal distribution tables, read once by a kernel
/// (`GELU` holds them) rather than at every use.
struct NormalTables {
  let cdf: UnsafePointer<Double>
  let geluDerivative: UnsafePointer<Double>
  let tail: UnsafePointer<Double>
  let floatCDF: UnsafePointer<Float>
  let floatGeluDerivative: UnsafePointer<Float>

  init() {
    cdf = NormalCDFStorage.cdf
    geluDerivative = NormalCDFStorage.geluDerivative
    tail = NormalCDFStorage.tail
    floatCDF = NormalCDFStorage.floatCDF
    floatGeluDerivative = NormalCDFStorage.floatGeluDerivative
  }
}

/// The tables at fixed addresses, so kernels index them without array
/// bounds checks or reference counting.
enum NormalCDFStorage {
  nonisolated(unsafe) static let cdf: UnsafePointer<Double> =
    copy(NormalCDFTable.cdf)
  nonisolated(unsafe) static let geluDerivative: UnsafePointer<Double> =
    copy(NormalCDFTable.geluDerivative)
  nonisolated(unsafe) static let tail: UnsafePointer<Double> =
    copy(NormalCDFTable.tail)

  nonisolated(unsafe) static let floatCDF: UnsafePointer<Float> =
    copy(NormalCDFTable.floatCDF)
  nonisolated(unsafe) static let floatGeluDerivative: UnsafePointer<Float> =
    copy(NormalCDFTable.floatGeluDerivative)

  static func copy<T>(_ values: [T]) -> UnsafePointer<T> {
    let p = UnsafeMutablePointer<T>.allocate(capacity: values.count)
    p.initialize(from: values, count: values.count)
    return UnsafePointer(p)
  }
}

#if MXLR_AVX2
// Arithmetic on the 256-bit lane types as single vector instructions.
// The standard library writes SIMD arithmetic as a loop over lanes and
// leaves it to the optimizer to vectorize again; after the row transposes
// of the normal distribution it re-vectorized only part of the lanes
// (halves, single lanes), which cost gelu about a quarter of its time.
// These overloads are more specific than the library's, so every kernel of
// this module uses them; each is one IEEE operation, so results are
// unchanged.
extension SIMD4 where Scalar == Double {
  @inline(__always)
  static func + (a: Self, b: Self) -> Self { _mm256_add_pd(a, b) }
  @inline(__always)
  static func - (a: Self, b: Self) -> Self { _mm256_sub_pd(a, b) }
  @inline(__always)
  static func * (a: Self, b: Self) -> Self { _mm256_mul_pd(a, b) }
  @inline(__always)
  static func / (a: Self, b: Self) -> Self { _mm256_div_pd(a, b) }
  @inline(__always)
  func replacing(
    with other: Self, where mask: SIMDMask<SIMD4<Int64>>
  ) -> Self {
    _mm256_blendv_pd(self, other, unsafeBitCast(mask, to: Self.self))
  }
  @inline(__always)
  func replacing(
    with other: Double, where mask: SIMDMask<SIMD4<Int64>>
  ) -> Self {
    replacing(with: Self(repeating: other), where: mask)
  }
}

extension SIMD8 where Scalar == Float {
  @inline(__always)
  static func + (a: Self, b: Self) -> Self { _mm256_add_ps(a, b) }
  @inline(__always)
  static func - (a: Self, b: Self) -> Self { _mm256_sub_ps(a, b) }
  @inline(__always)
  static func * (a: Self, b: Self) -> Self { _mm256_mul_ps(a, b) }
  @inline(__always)
  static func / (a: Self, b: Self) -> Self { _mm256_div_ps(a, b) }
  @inline(__always)
  func replacing(
    with other: Self, where mask: SIMDMask<SIMD8<Int32>>
  ) -> Self {
    _mm256_blendv_ps(self, other, unsafeBitCast(mask, to: Self.self))
  }
  @inline(__always)
  func replacing(
    with other: Float, where mask: SIMDMask<SIMD8<Int32>>
  ) -> Self {
    replacing(with: Self(repeating: other), where: mask)
  }
}
#endif
