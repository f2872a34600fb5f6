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
    let t = V.clamp(
      x, V(constant: -Constants.geluCutoff), V(broadcast: .infinity))
    return t * V.normalCDF(t, tables)
  }

  /// Φ(x) + x·φ(x), evaluated as one function (not as a sum of rounded
  /// terms) where |x| ≤ 5.
  @inline(__always)
  func derivative<V: ActivationValue>(_ x: V) -> V where V.Scalar == Real {
    V.geluDerivative(x, tables)
  }
}
