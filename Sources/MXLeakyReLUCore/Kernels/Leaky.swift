/// Leaky ReLU: `x > 0 ? x : slope * x`.
///
/// Also the formula of prelu (slope `gamma[c]`) and rrelu (the mean slope,
/// or a drawn slope in training).
struct Leaky<Real: ActivationReal>: Activation {
  var slope: Real

  @inline(__always)
  static func value<V: ActivationValue>(_ x: V, slope: V) -> V {
    V.select(V.isPositive(x), x, slope * x)
  }

  @inline(__always)
  static func derivative<V: ActivationValue>(_ x: V, slope: V) -> V {
    V.select(V.isPositive(x), V(broadcast: 1), slope)
  }

  @inline(__always)
  func value<V: ActivationValue>(_ x: V) -> V where V.Scalar == Real {
    Self.value(x, slope: V(broadcast: slope))
  }

  @inline(__always)
  func derivative<V: ActivationValue>(_ x: V) -> V where V.Scalar == Real {
    Self.derivative(x, slope: V(broadcast: slope))
  }
}
