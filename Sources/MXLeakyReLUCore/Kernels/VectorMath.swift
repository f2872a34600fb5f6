#if MXLR_AVX2
import _Builtin_intrinsics.intel
#endif
/// Vectorised special functions in double precision: eˣ − 1, eˣ, e^(−x²/2),
/// the upper tail Q = 1 − Φ of the standard normal distribution (its cost
/// the same for every input) and x·Φ̃(x), Φ̃ the tanh approximation of Φ.
///
/// Each works lane by lane on `D4`, `SIMD2<Double>` (one SSE2 or NEON
/// register), or `SIMD4<Double>` (one AVX register) where the module is
/// compiled for AVX2 (`MXLR_AVX2`), with plain arithmetic (no
/// libm calls, no table of exponentials), so the same code serves every
/// lane and, through a broadcast, scalars. Fused multiply-adds (`madd`)
/// serve the normal distribution and the float GELUs (FloatGELU.swift)
/// alone, and only in the AVX2 build: every other function gives the same
/// bits with either instruction set.
///
/// Lanes holding NaN give unspecified (but finite-time, non-trapping)
/// results; the kernels replace them by the input.
enum VectorMath {
  #if MXLR_AVX2
  typealias D4 = SIMD4<Double>
  typealias I4 = SIMD4<Int64>
  typealias U4 = SIMD4<UInt64>
  #else
  typealias D4 = SIMD2<Double>
  typealias I4 = SIMD2<Int64>
  typealias U4 = SIMD2<UInt64>
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

  /// a·b + c: rounded once (a fused multiply-add) where `fused` is true
  /// and the instruction set has one (AVX2), else rounded twice.
  @inline(__always)
  static func madd(_ a: D4, _ b: D4, _ c: D4, fused: Bool) -> D4 {
    #if MXLR_AVX2
    if fused { return _mm256_fmadd_pd(a, b, c) }
    #endif
    return a * b + c
  }

  /// eʳ − 1 for |r| ≤ ln 2 / 2 (about 0.347).
  @inline(__always)
  static func expm1Reduced(_ r: D4, fused: Bool = false) -> D4 {
    // e2 + e3 r + ... + e11 r⁹ by Estrin's scheme (short dependency chains).
    @inline(__always)
    func f(_ a: D4, _ b: D4, _ c: D4) -> D4 { madd(a, b, c, fused: fused) }
    @inline(__always)
    func f(_ a: Double, _ b: D4, _ c: Double) -> D4 {
      madd(D4(repeating: a), b, D4(repeating: c), fused: fused)
    }
    let r2 = r * r
    let r4 = r2 * r2
    let r8 = r4 * r4
    let q0 = f(f(e5, r, e4), r2, f(e3, r, e2))
    let q1 = f(f(e9, r, e8), r2, f(e7, r, e6))
    let q = f(f(e11, r, e10), r8, f(q1, r4, q0))
    return f(r2, q, r)
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

  /// x with the low 27 bits of its significand cleared (26 significant
  /// bits left): x = high + (x − high), and the product of two such highs
  /// is exact.
  @inline(__always)
  static func high(_ x: D4) -> D4 {
    unsafeBitCast(
      unsafeBitCast(x, to: I4.self) & I4(repeating: -0x800_0000),
      to: D4.self)
  }

  /// e^(−a²/2) · (m + mLow) for a in [0, 40], with a² taken as the exact
  /// square of a's high half plus the rest, so that the result keeps its
  /// relative accuracy in the far tails; `mLow` is a small correction to
  /// `m`.
  @inline(__always)
  static func gaussian(nonNegative a: D4, times m: D4, _ mLow: D4) -> D4 {
    let ah = high(a)
    let al = a - ah
    let (k, r) = reduce(-0.5 * (ah * ah), tail: -0.5 * (al * (ah + a)))
    let p = expm1Reduced(r, fused: true)
    // (m + mLow)(1 + p), rounded once at the end but for the small terms.
    return scale(
      m + madd(m, p, madd(mLow, p, mLow, fused: true), fused: true), k)
  }

  /// The row of `NormalRows` that a ≥ 0 falls in: row 0 below 1/4, then
  /// one row per quarter binade (the exponent and the first two bits of
  /// the significand).
  @inline(__always)
  static func normalRow(_ a: D4) -> I4 {
    // A logical shift (a ≥ 0): AVX2 has no arithmetic one on 64 bits.
    let bits = unsafeBitCast(a, to: U4.self) &>> 50
    let quarter = unsafeBitCast(bits, to: I4.self)
      &- I4(repeating: (1021 << 2) - 1)
    return quarter.replacing(with: 0, where: quarter .< 0)
  }

  /// Values j and j + 1 of every lane's row of `table` (the row starting
  /// `offsets` values in) as two coefficient vectors: each lane reads its
  /// own row two values at a time, and the rows are transposed.
  @inline(__always)
  static func rowPair(
    _ table: UnsafePointer<Double>, _ offsets: I4, _ j: Int
  ) -> (D4, D4) {
    @inline(__always)
    func two(_ lane: Int) -> SIMD2<Double> {
      UnsafeRawPointer(table + Int(truncatingIfNeeded: offsets[lane]))
        .loadUnaligned(
          fromByteOffset: j &* MemoryLayout<Double>.stride,
          as: SIMD2<Double>.self)
    }
    #if MXLR_AVX2
    // Lanes 0 and 2 side by side in one vector, 1 and 3 in the other,
    // then unpacked: no value crosses a 128-bit half.
    let u = _mm256_set_m128d(two(2), two(0))
    let v = _mm256_set_m128d(two(3), two(1))
    return (_mm256_unpacklo_pd(u, v), _mm256_unpackhi_pd(u, v))
    #else
    let u = two(0)
    let v = two(1)
    return (D4(u[0], v[0]), D4(u[1], v[1]))
    #endif
  }

  /// W(a) = Q(a)·e^(a²/2) for a in [0, `Constants.normalLimit`], Q the
  /// upper tail of the standard normal distribution, as an unevaluated sum
  /// head + rest accurate well beyond double precision, head with at most
  /// 26 significant bits: the polynomial of a's row of `NormalRows.double`.
  /// The cost is the same for every a.
  @inline(__always)
  static func tailRatio(
    _ a: D4, _ rows: NormalStorage
  ) -> (head: D4, rest: D4) {
    let table = rows.double
    let offsets = normalRow(a) &* Int64(NormalRows.doubleRow)
    let (centre, head) = rowPair(table, offsets, 0)
    let (low, c1) = rowPair(table, offsets, 2)
    let (c2, c3) = rowPair(table, offsets, 4)
    let (c4, c5) = rowPair(table, offsets, 6)
    let (c6, c7) = rowPair(table, offsets, 8)
    let (c8, c9) = rowPair(table, offsets, 10)
    let (c10, c11) = rowPair(table, offsets, 12)
    let (c12, c13) = rowPair(table, offsets, 14)
    // s = a − centre is exact. c2 + c3 s + ... + c13 s¹¹ by Estrin's
    // scheme; c1 s, the largest term, is rounded on its own rather than
    // inside a sum whose rounding it would carry into the result.
    @inline(__always)
    func f(_ a: D4, _ b: D4, _ c: D4) -> D4 { madd(a, b, c, fused: true) }
    let s = a - centre
    let s2 = s * s
    let s4 = s2 * s2
    let s8 = s4 * s4
    let q0 = f(f(c5, s, c4), s2, f(c3, s, c2))
    let q1 = f(f(c9, s, c8), s2, f(c7, s, c6))
    let q2 = f(f(c13, s, c12), s2, f(c11, s, c10))
    let p = f(q2, s8, f(q1, s4, q0))
    return (head, low + f(c1, s, s2 * p))
  }

  /// |x| limited to [0, `limit`], −0 and NaN lanes to +0 (so that every
  /// lane reads a row of the table).
  @inline(__always)
  static func absolute(
    _ x: D4, limit: Double = Constants.normalLimit
  ) -> D4 {
    let magnitude = unsafeBitCast(
      unsafeBitCast(x, to: I4.self) & I4(repeating: Int64.max), to: D4.self)
    return clamp(magnitude, 0, limit)
  }

  /// x·Q(|x|), Q the upper tail of the standard normal distribution (x
  /// limited to ±`Constants.normalLimit`, beyond which it is 0): x·W(|x|)
  /// is formed as the exact product of x's high half and W's head plus the
  /// rest, so the result rounds about once, subnormal results included;
  /// ±0 keeps its sign.
  @inline(__always)
  static func normalTail(times x: D4, _ rows: NormalStorage) -> D4 {
    let limit = Constants.normalLimit
    let xc = clamp(x, -limit, limit)
    let a = absolute(xc)
    let (head, rest) = tailRatio(a, rows)
    let xh = high(xc)
    let m = xh * head
    let t = gaussian(
      nonNegative: a, times: m, (xc - xh) * head + xc * rest)
    return t.replacing(with: x, where: x .== D4(repeating: 0))
  }

  /// 1/√(2π) as a head of 26 bits and the rest.
  static let inverseSqrt2PiHead = 0x1.988453p-2
  static let inverseSqrt2PiRest = 0x1.ea1b284687e5ap-29

  /// Q(a) − a·φ(a), φ the standard normal density, for a = |x| (limited to
  /// `Constants.normalLimit`): e^(−a²/2) · (W(a) − a/√(2π)),
  /// the difference formed from exact products and Knuth's two-sum, so
  /// that the result is accurate to about an ulp of Q(a) where the two
  /// terms cancel.
  @inline(__always)
  static func normalTailMinusDensity(
    _ x: D4, _ rows: NormalStorage
  ) -> D4 {
    let a = absolute(x)
    let (head, rest) = tailRatio(a, rows)
    let ah = high(a)
    let (d, de) = sum(head, -(ah * inverseSqrt2PiHead))
    let hRest = (a - ah) * inverseSqrt2PiHead + a * inverseSqrt2PiRest
    return gaussian(nonNegative: a, times: d, de + (rest - hRest))
  }

  /// dy·(Φ(x) + x·φ(x)) from t = Q(|x|) − |x|·φ(x): dy·t for x ≤ 0 and
  /// dy·(1 − t) otherwise (Φ(x) = 1 − Q(x) there).
  @inline(__always)
  static func normalCDFDerivative(tail t: D4, _ x: D4, times dy: D4) -> D4 {
    dy * t.replacing(with: 1 - t, where: x .> 0)
  }

  /// dy times the derivative of x·Φ(x).
  @inline(__always)
  static func normalCDFDerivative(
    _ x: D4, times dy: D4, _ rows: NormalStorage
  ) -> D4 {
    normalCDFDerivative(tail: normalTailMinusDensity(x, rows), x, times: dy)
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
  /// 3 · √(2/π) · 0.044715: the constants of Φ̃.
  static let tanhCDFC0 = 0x1.9884533d43651p-1
  static let tanhCDFC0Low = -0x1.cbc0d30ebfd15p-55
  static let tanhCDFC1 = 0x1.2444f2a4d8b4bp-5
  static let tanhCDFC1Low = -0x1.6c843a29d1c70p-62
  static let tanhCDFC3 = 0x1.b6676bf7450f0p-4
  /// Lower limit of the inputs of x·Φ̃(x): below it
  /// e^(2u) is 0 in double precision.
  static let tanhCDFCutoff = 40.0
  /// 2⁶⁴ and 2⁻⁶⁴: e^(2u) is returned scaled by 2⁶⁴ so that it stays a
  /// normal number while x · e^(2u) is.
  static let tanhCDFScale = 0x1p64
  static let tanhCDFUnscale = 0x1p-64

  /// 2⁶⁴ · e^(−2|u|), u = √(2/π)(x + 0.044715 x³) for x in [−40, 40]
  /// (callers clamp), with u taken as a sum of two doubles so that the
  /// exponential keeps its relative accuracy when |u| is large.
  @inline(__always)
  static func tanhCDFExp(_ x: D4) -> D4 {
    // u is odd in x: work with v = −|x|, so that u ≤ 0.
    let v = x.replacing(with: -x, where: x .> 0)
    let (sh, sl) = square(v)
    let c1 = D4(repeating: tanhCDFC1)
    let (ph, pe) = product(c1, sh)
    let pl = pe + (c1 * sl + tanhCDFC1Low * sh)
    let (wh, we) = sum(D4(repeating: tanhCDFC0), ph)
    let wl = we + (pl + tanhCDFC0Low)
    let (uh, ue) = product(v, wh)
    let ul = ue + v * wl
    // Below −800, 40 · 2⁶⁴ · e^(2u) · 2⁻⁶⁴ is 0 already (k + 64 ≥ −1090).
    let (k, r) = reduce(clamp(2 * uh, -800, 0), tail: 2 * ul)
    return scale(1 + expm1Reduced(r), k &+ 64)
  }

  /// x·Φ̃(x) = x/2 · (1 + tanh(u)), computed as x / (1 + e^(−2u))
  /// for x > 0 and x · e^(2u) / (1 + e^(2u)) otherwise, which do not cancel.
  @inline(__always)
  static func timesTanhCDF(_ x: D4) -> D4 {
    let xc = clamp(x, -tanhCDFCutoff, tanhCDFCutoff)
    let scaled = tanhCDFExp(xc)
    let d = 1 + scaled * tanhCDFUnscale
    // One division for both signs: x / d, or (x · 2⁶⁴ e^(2u)) / d · 2⁻⁶⁴.
    let positive = x .> 0
    let n = (xc * scaled).replacing(with: x, where: positive)
    return n / d * D4(repeating: tanhCDFUnscale).replacing(
      with: 1, where: positive)
  }

  /// The derivative of x·Φ̃(x): with t = e^(−2|u|),
  /// d = 1 + t and u′ = √(2/π)(1 + 3 · 0.044715 x²), it is
  /// (d + 2x·u′·t) / d² for x > 0 and t · (d + 2x·u′) / d² otherwise.
  @inline(__always)
  static func timesTanhCDFDerivative(_ x: D4) -> D4 {
    let xc = clamp(x, -tanhCDFCutoff, tanhCDFCutoff)
    let scaled = tanhCDFExp(xc)
    let t = scaled * tanhCDFUnscale
    let d = 1 + t
    let du = tanhCDFC0 + tanhCDFC3 * (xc * xc)
    let twoXdu = 2 * xc * du
    let dd = d * d
    // One division for both signs, as in `timesTanhCDF`.
    let positive = x .> 0
    let n = (scaled * (d + twoXdu)).replacing(
      with: d + twoXdu * t, where: positive)
    return n / dd * D4(repeating: tanhCDFUnscale).replacing(
      with: 1, where: positive)
  }

}

/// eˣ − 1 and eˣ in single precision on `F4` (four lanes per SSE2
/// register, eight with AVX2), the same algorithm as `VectorMath` with a
/// shorter series: within one float ulp. The normal distribution and the
/// tanh form of GELU are computed in double lanes (FloatGELU.swift).
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
    @inline(__always)
    func f(_ a: Float, _ b: F4, _ c: Float) -> F4 {
      F4(repeating: a) * b + F4(repeating: c)
    }
    let r2 = r * r
    let r4 = r2 * r2
    let q0 = f(f5, r, f4) * r2 + f(f3, r, f2)
    return r2 * (f(f7, r, f6) * r4 + q0) + r
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

  /// gelu's x·Q(|x|) (`ActivationValue.normalTail`), in double lanes.
  @inline(__always)
  static func normalTail(times x: F4, _ rows: NormalStorage) -> F4 {
    inDouble(x) { VectorMath.floatNormalTail(times: $0) }
  }

  /// dy·(Φ(x) + x·φ(x)) (`ActivationValue.normalCDFDerivative`), in
  /// double lanes: the product rounded once with the rest.
  @inline(__always)
  static func normalCDFDerivative(_ x: F4, times dy: F4) -> F4 {
    inDouble(x, dy) { x, dy in
      VectorMath.normalCDFDerivative(
        tail: VectorMath.floatNormalTailMinusDensity(x), x, times: dy)
    }
  }

  /// x·Φ̃(x), in double lanes.
  @inline(__always)
  static func timesTanhCDF(_ x: F4) -> F4 {
    inDouble(x) { VectorMath.floatTimesTanhCDF($0) }
  }

  /// dy times the derivative of x·Φ̃(x), in double lanes.
  @inline(__always)
  static func timesTanhCDFDerivative(_ x: F4, times dy: F4) -> F4 {
    inDouble(x, dy) { x, dy in dy * VectorMath.floatTimesTanhCDFDerivative(x) }
  }

  /// The lanes of x as doubles: the first half, then the second.
  @inline(__always)
  static func halves(_ x: F4) -> (VectorMath.D4, VectorMath.D4) {
    #if MXLR_AVX2
    let upper = unsafeBitCast(
      SIMD8<Int32>(4, 5, 6, 7, 4, 5, 6, 7), to: __m256i.self)
    return (
      _mm256_cvtps_pd(_mm256_castps256_ps128(x)),
      _mm256_cvtps_pd(
        _mm256_castps256_ps128(_mm256_permutevar8x32_ps(x, upper))))
    #else
    return (VectorMath.D4(x.lowHalf), VectorMath.D4(x.highHalf))
    #endif
  }

  /// Two vectors of doubles rounded to floats (subnormal results
  /// included), side by side.
  @inline(__always)
  static func joined(_ low: VectorMath.D4, _ high: VectorMath.D4) -> F4 {
    #if MXLR_AVX2
    return _mm256_set_m128(_mm256_cvtpd_ps(high), _mm256_cvtpd_ps(low))
    #else
    return F4(lowHalf: .init(low), highHalf: .init(high))
    #endif
  }

  /// f applied to x's lanes as doubles, rounded to float once.
  @inline(__always)
  static func inDouble(
    _ x: F4, _ f: (VectorMath.D4) -> VectorMath.D4
  ) -> F4 {
    let (low, high) = halves(x)
    return joined(f(low), f(high))
  }

  /// f applied to the lanes of x and y as doubles, rounded to float once.
  @inline(__always)
  static func inDouble(
    _ x: F4, _ y: F4, _ f: (VectorMath.D4, VectorMath.D4) -> VectorMath.D4
  ) -> F4 {
    let (xLow, xHigh) = halves(x)
    let (yLow, yHigh) = halves(y)
    return joined(f(xLow, yLow), f(xHigh, yHigh))
  }
}

/// The rows of `NormalRows` at fixed addresses (copied once, at first
/// use), so that kernels index them without bounds checks or reference
/// counting. A kernel takes `shared` once and hands it to every vector:
/// reading a lazily initialised global inside the loop costs a call per
/// vector, and the vector registers saved around it.
struct NormalStorage {
  let double: UnsafePointer<Double>

  nonisolated(unsafe) static let shared = NormalStorage(
    double: copy(NormalRows.double))

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
