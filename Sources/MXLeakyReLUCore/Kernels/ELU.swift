/// ELU: `x > 0 ? x : slope * expm1(x)`.
struct ELU<Real: ActivationReal>: Activation {
  var slope: Real

  @inline(__always)
  func value<V: ActivationValue>(_ x: V) -> V where V.Scalar == Real {
    V.select(V.isPositive(x), x, V(broadcast: slope) * V.expm1(x))
  }

  @inline(__always)
  func derivative<V: ActivationValue>(_ x: V) -> V where V.Scalar == Real {
    V.select(V.isPositive(x), V(broadcast: 1), V(broadcast: slope) * V.expOfNonPositive(x))
  }
}
