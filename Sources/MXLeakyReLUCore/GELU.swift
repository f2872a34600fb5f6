/// GELU: `x * Φ(x)`, Φ the standard normal distribution function.
///
/// Φ(x) = erfc(−x/√2) / 2, which keeps its relative accuracy for negative x
/// where `1 + erf(x/√2)` cancels.
struct GELU<Real: ActivationReal>: Activation {
  /// Φ(x).
  @inline(__always)
  static func cdf<V: ActivationValue>(_ x: V) -> V {
    V(constant: 0.5) * V.erfc(-x * V(constant: Constants.inverseSqrt2))
  }

  /// φ(x) = e^(−x²/2) / √(2π).
  @inline(__always)
  static func pdf<V: ActivationValue>(_ x: V) -> V {
    V(constant: Constants.inverseSqrt2Pi) * V.exp(V(constant: -0.5) * x * x)
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
