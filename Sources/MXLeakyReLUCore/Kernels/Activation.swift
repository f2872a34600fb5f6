/// An elementwise activation with its parameters bound.
///
/// `value` and `derivative` are generic over `ActivationValue`, so one
/// definition serves scalar and vector kernels. Neither needs to handle NaN
/// inputs: the kernels pass those through.
protocol Activation {
  associatedtype Real: ActivationReal

  /// f(x).
  func value<V: ActivationValue>(_ x: V) -> V where V.Scalar == Real
  /// f′(x), with the negative branch at x == 0.
  func derivative<V: ActivationValue>(_ x: V) -> V where V.Scalar == Real
  /// dy·f′(x), the backward result: `dy * derivative(x)` unless the
  /// activation forms the product itself (rounding it once).
  func gradient<V: ActivationValue>(_ x: V, _ dy: V) -> V
  where V.Scalar == Real
}

extension Activation {
  @inline(__always)
  func gradient<V: ActivationValue>(_ x: V, _ dy: V) -> V
  where V.Scalar == Real {
    dy * derivative(x)
  }
}
