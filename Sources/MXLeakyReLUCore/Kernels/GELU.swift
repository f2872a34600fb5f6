/// GELU: `x * Φ(x)`, Φ the standard normal distribution function.
///
/// Φ is evaluated from x itself (not from erf(x/√2)), so it keeps its
/// relative accuracy for negative x where `1 + erf(x/√2)` cancels and where
/// rounding x/√2 would be amplified by x².
struct GELU<Real: ActivationReal>: Activation {
  /// The table addresses, read once here rather than in the loops.
  let tables = NormalTables()

  @inline(__always)
  func value<V: ActivationValue>(_ x: V) -> V where V.Scalar == Real {
    V.gelu(
      V.clamp(x, V(constant: -Constants.geluCutoff), V(broadcast: .infinity)),
      tables)
  }

  /// Φ(x) + x·φ(x), evaluated as one function (not as a sum of rounded
  /// terms) where |x| ≤ 5.
  @inline(__always)
  func derivative<V: ActivationValue>(_ x: V) -> V where V.Scalar == Real {
    V.geluDerivative(x, tables)
  }
}

/// The tanh form of GELU: x/2 · (1 + tanh(√(2/π)(x + 0.044715 x³))).
///
/// Evaluated as x / (1 + e^(−2u)) (x > 0) or x · e^(2u) / (1 + e^(2u))
/// (x ≤ 0), which keep their relative accuracy where 1 + tanh(u) cancels.
struct GELUTanh<Real: ActivationReal>: Activation {
  @inline(__always)
  func value<V: ActivationValue>(_ x: V) -> V where V.Scalar == Real {
    V.tanhGelu(x)
  }

  @inline(__always)
  func derivative<V: ActivationValue>(_ x: V) -> V where V.Scalar == Real {
    V.tanhGeluDerivative(x)
  }
}
