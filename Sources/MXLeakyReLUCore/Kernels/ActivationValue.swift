/// The arithmetic the activation formulas are written against.
///
/// A formula written against this protocol serves scalars (`Float`,
/// `Double`) and, lane by lane, any vector type that conforms.
protocol ActivationValue {
  /// The element type.
  associatedtype Scalar: ActivationReal
  /// The result of a comparison (`Bool` for scalars, a mask for vectors).
  associatedtype Predicate

  /// `scalar` in every lane.
  init(broadcast scalar: Scalar)

  static func + (lhs: Self, rhs: Self) -> Self
  static func - (lhs: Self, rhs: Self) -> Self
  static func * (lhs: Self, rhs: Self) -> Self
  static prefix func - (operand: Self) -> Self

  /// `x > 0`; false for NaN.
  static func isPositive(_ x: Self) -> Predicate
  /// Whether `x` is NaN.
  static func isNaN(_ x: Self) -> Predicate
  /// `predicate ? a : b`.
  static func select(_ predicate: Predicate, _ a: Self, _ b: Self) -> Self
  /// `x` limited to `[lower, upper]`; NaN lanes are unspecified.
  static func clamp(_ x: Self, _ lower: Self, _ upper: Self) -> Self

  /// eˣ − 1.
  static func expm1(_ x: Self) -> Self
  /// eˣ for x ≤ 0 (the derivatives of elu and selu need no more); lanes
  /// with x > 0 give 1.
  static func expOfNonPositive(_ x: Self) -> Self
  /// x·Q(|x|), Q(a) = 1 − Φ(a) the upper tail of the standard normal
  /// distribution, for every x (0 beyond the range where it is not),
  /// rounded about once; `rows` is `NormalStorage.shared`.
  static func normalTail(times x: Self, _ rows: NormalStorage) -> Self
  /// dy·(Φ(x) + x·φ(x)), φ the standard normal density: dy times the
  /// derivative of x·Φ(x).
  static func normalCDFDerivative(
    _ x: Self, times dy: Self, _ rows: NormalStorage
  ) -> Self
  /// x·Φ̃(x), Φ̃(x) = (1 + tanh(√(2/π)(x + 0.044715 x³)))/2 the tanh
  /// approximation of Φ.
  static func timesTanhCDF(_ x: Self) -> Self
  /// dy times the derivative of `timesTanhCDF`.
  static func timesTanhCDFDerivative(_ x: Self, times dy: Self) -> Self
}

extension ActivationValue {
  /// `Self(broadcast: Scalar(value))`, for constants stored as `Double`.
  @inline(__always)
  init(constant value: Double) {
    self.init(broadcast: Scalar(value))
  }

  /// `result`, except where `x` is NaN, which passes through unchanged
  /// (payload included).
  @inline(__always)
  static func passingNaN(_ x: Self, _ result: Self) -> Self {
    select(isNaN(x), x, result)
  }
}

/// A scalar floating-point type the core computes in.
///
/// Its special functions (`expm1`, `exp`, `normalTail`, ...) are
/// those of `Vector` applied to a broadcast value, so a scalar and a vector
/// lane holding the same input give the same bits.
protocol ActivationReal: BinaryFloatingPoint, SIMDScalar, Codable, ActivationValue
where Scalar == Self, Predicate == Bool {
  /// The SIMD vector the kernels process this type in.
  associatedtype Vector: ActivationVector where Vector.Scalar == Self

  /// A uniform value in [0, 1) built from the high bits of `bits`.
  static func unitInterval(_ bits: UInt64) -> Self

  /// The four values at `p` (not necessarily aligned), exactly, in double.
  static func fourInDouble(_ p: UnsafePointer<Self>) -> SIMD4<Double>
}

extension ActivationReal {
  @inline(__always)
  init(broadcast scalar: Self) { self = scalar }

  @inline(__always)
  static func isPositive(_ x: Self) -> Bool { x > 0 }

  @inline(__always)
  static func isNaN(_ x: Self) -> Bool { x.isNaN }

  @inline(__always)
  static func select(_ predicate: Bool, _ a: Self, _ b: Self) -> Self {
    predicate ? a : b
  }

  @inline(__always)
  static func clamp(_ x: Self, _ lower: Self, _ upper: Self) -> Self {
    x < lower ? lower : (x > upper ? upper : x)
  }
}

extension ActivationReal {
  @inline(__always)
  static func expm1(_ x: Self) -> Self { Vector.expm1(Vector(repeating: x))[0] }

  @inline(__always)
  static func expOfNonPositive(_ x: Self) -> Self {
    Vector.expOfNonPositive(Vector(repeating: x))[0]
  }

  @inline(__always)
  static func normalTail(times x: Self, _ rows: NormalStorage) -> Self {
    Vector.normalTail(times: Vector(repeating: x), rows)[0]
  }

  @inline(__always)
  static func normalCDFDerivative(
    _ x: Self, times dy: Self, _ rows: NormalStorage
  ) -> Self {
    Vector.normalCDFDerivative(
      Vector(repeating: x), times: Vector(repeating: dy), rows)[0]
  }

  @inline(__always)
  static func timesTanhCDF(_ x: Self) -> Self {
    Vector.timesTanhCDF(Vector(repeating: x))[0]
  }

  @inline(__always)
  static func timesTanhCDFDerivative(_ x: Self, times dy: Self) -> Self {
    Vector.timesTanhCDFDerivative(
      Vector(repeating: x), times: Vector(repeating: dy))[0]
  }
}

extension Double: ActivationReal {
  typealias Vector = VectorMath.D4

  @inline(__always)
  static func unitInterval(_ bits: UInt64) -> Double {
    Double(bits >> 11) * 0x1p-53
  }

  @inline(__always)
  static func fourInDouble(_ p: UnsafePointer<Double>) -> SIMD4<Double> {
    UnsafeRawPointer(p).loadUnaligned(as: SIMD4<Double>.self)
  }
}

extension Float: ActivationReal {
  typealias Vector = VectorMathFloat.F4

  @inline(__always)
  static func unitInterval(_ bits: UInt64) -> Float {
    Float(bits >> 40) * 0x1p-24
  }

  @inline(__always)
  static func fourInDouble(_ p: UnsafePointer<Float>) -> SIMD4<Double> {
    SIMD4<Double>(UnsafeRawPointer(p).loadUnaligned(as: SIMD4<Float>.self))
  }
}

/// A SIMD vector of an `ActivationReal`, for the kernels' loops.
protocol ActivationVector: ActivationValue, SIMD
where Scalar: ActivationReal, Predicate == SIMDMask<MaskStorage> {}

extension ActivationVector {
  @inline(__always)
  init(broadcast scalar: Scalar) { self.init(repeating: scalar) }

  @inline(__always)
  static func isPositive(_ x: Self) -> Predicate { x .> Self(repeating: 0) }

  @inline(__always)
  static func isNaN(_ x: Self) -> Predicate { x .!= x }

  @inline(__always)
  static func select(_ predicate: Predicate, _ a: Self, _ b: Self) -> Self {
    b.replacing(with: a, where: predicate)
  }

  @inline(__always)
  static func clamp(_ x: Self, _ lower: Self, _ upper: Self) -> Self {
    let t = x.replacing(with: lower, where: x .< lower)
    return t.replacing(with: upper, where: t .> upper)
  }

  /// Loads `Self.scalarCount` elements from `p`, which need not be aligned.
  @inline(__always)
  static func load(_ p: UnsafePointer<Scalar>) -> Self {
    UnsafeRawPointer(p).loadUnaligned(as: Self.self)
  }

  /// Stores the lanes at `p`, which need not be aligned.
  @inline(__always)
  func store(_ p: UnsafeMutablePointer<Scalar>) {
    UnsafeMutableRawPointer(p).storeBytes(of: self, as: Self.self)
  }
}

#if MXLR_AVX2
extension SIMD4<Double>: ActivationValue, ActivationVector {}
extension SIMD8<Float>: ActivationValue, ActivationVector {}
#else
extension SIMD2<Double>: ActivationValue, ActivationVector {}
extension SIMD4<Float>: ActivationValue, ActivationVector {}
#endif

/// The kernels' double vector: `SIMD2<Double>` (128 bits), or
/// `SIMD4<Double>` where the module is compiled for AVX2.
extension VectorMath.D4 {
  typealias Predicate = SIMDMask<VectorMath.I4>

  // Concrete, so that the comparisons are the vector instructions of this
  // type rather than the generic lane-by-lane ones (which compilers do not
  // always turn back into vector code).
  @inline(__always)
  static func isPositive(_ x: Self) -> Predicate { x .> Self(repeating: 0) }

  @inline(__always)
  static func isNaN(_ x: Self) -> Predicate { x .!= x }

  @inline(__always)
  static func select(_ predicate: Predicate, _ a: Self, _ b: Self) -> Self {
    b.replacing(with: a, where: predicate)
  }

  @inline(__always)
  static func clamp(_ x: Self, _ lower: Self, _ upper: Self) -> Self {
    let t = x.replacing(with: lower, where: x .< lower)
    return t.replacing(with: upper, where: t .> upper)
  }

  @inline(__always)
  static func expm1(_ x: Self) -> Self { VectorMath.expm1(x) }

  @inline(__always)
  static func expOfNonPositive(_ x: Self) -> Self {
    VectorMath.expOfNonPositive(x)
  }

  @inline(__always)
  static func normalTail(times x: Self, _ rows: NormalStorage) -> Self {
    VectorMath.normalTail(times: x, rows)
  }

  @inline(__always)
  static func normalCDFDerivative(
    _ x: Self, times dy: Self, _ rows: NormalStorage
  ) -> Self {
    VectorMath.normalCDFDerivative(x, times: dy, rows)
  }

  @inline(__always)
  static func timesTanhCDF(_ x: Self) -> Self { VectorMath.timesTanhCDF(x) }

  @inline(__always)
  static func timesTanhCDFDerivative(_ x: Self, times dy: Self) -> Self {
    dy * VectorMath.timesTanhCDFDerivative(x)
  }
}

/// The kernels' float vector: `SIMD4<Float>` (128 bits), or
/// `SIMD8<Float>` where the module is compiled for AVX2.
extension VectorMathFloat.F4 {
  typealias Predicate = SIMDMask<VectorMathFloat.I4>

  // Concrete, so that the comparisons are the vector instructions of this
  // type rather than the generic lane-by-lane ones (which compilers do not
  // always turn back into vector code).
  @inline(__always)
  static func isPositive(_ x: Self) -> Predicate { x .> Self(repeating: 0) }

  @inline(__always)
  static func isNaN(_ x: Self) -> Predicate { x .!= x }

  @inline(__always)
  static func select(_ predicate: Predicate, _ a: Self, _ b: Self) -> Self {
    b.replacing(with: a, where: predicate)
  }

  @inline(__always)
  static func clamp(_ x: Self, _ lower: Self, _ upper: Self) -> Self {
    let t = x.replacing(with: lower, where: x .< lower)
    return t.replacing(with: upper, where: t .> upper)
  }

  @inline(__always)
  static func expm1(_ x: Self) -> Self { VectorMathFloat.expm1(x) }

  @inline(__always)
  static func expOfNonPositive(_ x: Self) -> Self {
    VectorMathFloat.expOfNonPositive(x)
  }

  @inline(__always)
  static func normalTail(times x: Self, _ rows: NormalStorage) -> Self {
    VectorMathFloat.normalTail(times: x, rows)
  }

  @inline(__always)
  static func normalCDFDerivative(
    _ x: Self, times dy: Self, _ rows: NormalStorage
  ) -> Self {
    VectorMathFloat.normalCDFDerivative(x, times: dy)
  }

  @inline(__always)
  static func timesTanhCDF(_ x: Self) -> Self {
    VectorMathFloat.timesTanhCDF(x)
  }

  @inline(__always)
  static func timesTanhCDFDerivative(_ x: Self, times dy: Self) -> Self {
    VectorMathFloat.timesTanhCDFDerivative(x, times: dy)
  }
}
