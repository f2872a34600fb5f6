import Glibc

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
  /// eˣ.
  static func exp(_ x: Self) -> Self
  /// The complementary error function.
  static func erfc(_ x: Self) -> Self
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
protocol ActivationReal: BinaryFloatingPoint, ActivationValue
where Scalar == Self, Predicate == Bool {
  /// A uniform value in [0, 1) built from the high bits of `bits`.
  static func unitInterval(_ bits: UInt64) -> Self
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

extension Double: ActivationReal {
  @inline(__always)
  static func expm1(_ x: Double) -> Double { Glibc.expm1(x) }

  @inline(__always)
  static func exp(_ x: Double) -> Double { Glibc.exp(x) }

  @inline(__always)
  static func erfc(_ x: Double) -> Double { Glibc.erfc(x) }

  @inline(__always)
  static func unitInterval(_ bits: UInt64) -> Double {
    Double(bits >> 11) * 0x1p-53
  }
}

extension Float: ActivationReal {
  @inline(__always)
  static func expm1(_ x: Float) -> Float { Glibc.expm1f(x) }

  @inline(__always)
  static func exp(_ x: Float) -> Float { Glibc.expf(x) }

  @inline(__always)
  static func erfc(_ x: Float) -> Float { Glibc.erfcf(x) }

  @inline(__always)
  static func unitInterval(_ bits: UInt64) -> Float {
    Float(bits >> 40) * 0x1p-24
  }
}
