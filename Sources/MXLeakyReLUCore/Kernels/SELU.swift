/// SELU: `λ * (x > 0 ? x : α * expm1(x))`.
struct SELU<Real: ActivationReal>: Activation {
  @inline(__always)
  func value<V: ActivationValue>(_ x: V) -> V where V.Scalar == Real {
    let lambda = V(constant: Constants.seluLambda)
    let alpha = V(constant: Constants.seluAlpha)
    return lambda * V.select(V.isPositive(x), x, alpha * V.expm1(x))
  }

  /// λ for x > 0, λα·eˣ otherwise.
  @inline(__always)
  func derivative<V: ActivationValue>(_ x: V) -> V where V.Scalar == Real {
    let lambda = Real(Constants.seluLambda)
    let alpha = Real(Constants.seluAlpha)
    return V.select(
      V.isPositive(x), V(broadcast: lambda),
      V(broadcast: lambda * alpha) * V.expOfNonPositive(x))
  }
}
