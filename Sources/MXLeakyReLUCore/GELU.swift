/// GELU: `x * Φ(x)`, Φ the standard normal distribution function.
///
/// Φ is evaluated from x itself (not from erf(x/√2)), so it keeps its
/// relative accuracy for negative x where `1 + erf(x/√2)` cancels and where
/// rounding x/√2 would be amplified by x².
struct GELU<Real: ActivationReal>: Activation {
  /// Φ(x).
  @inline(__always)
  static func cdf<V: ActivationValue>(_ x: V) -> V {
    V.normalCDF(x)
  }

  /// φ(x) = e^(−x²/2) / √(2π).
  @inline(__always)
  static func pdf<V: ActivationValue>(_ x: V) -> V {
    V(constant: Constants.inverseSqrt2Pi) * V.gaussian(x)
  }

  @inline(__always)
  func value<V: ActivationValue>(_ x: V) -> V where V.Scalar == Real {
    let t = V.clamp(
      x, V(constant: -Constants.geluCutoff), V(broadcast: .infinity))
    return t * Self.cdf(t)
  }

  /// Φ(x) + x·φ(x).
  @inline(__always)
  func derivative<V: ActivationValue>(_ x: V) -> V where V.Scalar == Real {
    let t = V.clamp(
      x, V(constant: -Constants.geluCutoff), V(constant: Constants.geluCutoff))
    return Self.cdf(t) + t * Self.pdf(t)
  }
}
