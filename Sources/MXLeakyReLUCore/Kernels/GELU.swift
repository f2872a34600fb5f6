/// GELU: `x · Φ(x)`, Φ the standard normal distribution function.
///
/// Written with the upper tail Q(a) = 1 − Φ(a), a = |x|: x·Φ(x) is x·Q(a)
/// for x ≤ 0 and x − x·Q(a) otherwise, and its derivative Φ(x) + x·φ(x) is
/// Q(a) − a·φ(a) for x ≤ 0 and 1 − (Q(a) − a·φ(a)) otherwise. Neither
/// cancels where the result is small (1 + erf(x/√2) would for negative x),
/// and every input costs the same.
struct GELU<Real: ActivationReal>: Activation {
  /// Read once per kernel call, not once per vector.
  let rows = NormalStorage.shared

  @inline(__always)
  func value<V: ActivationValue>(_ x: V) -> V where V.Scalar == Real {
    let tail = V.normalTail(times: x, rows)
    return V.select(V.isPositive(x), x - tail, tail)
  }

  @inline(__always)
  func derivative<V: ActivationValue>(_ x: V) -> V where V.Scalar == Real {
    gradient(x, V(constant: 1))
  }

  @inline(__always)
  func gradient<V: ActivationValue>(_ x: V, _ dy: V) -> V
  where V.Scalar == Real {
    V.normalCDFDerivative(x, times: dy, rows)
  }
}

/// The tanh form of GELU: x/2 · (1 + tanh(√(2/π)(x + 0.044715 x³))).
///
/// Evaluated as x / (1 + e^(−2u)) (x > 0) or x · e^(2u) / (1 + e^(2u))
/// (x ≤ 0), which keep their relative accuracy where 1 + tanh(u) cancels.
struct GELUTanh<Real: ActivationReal>: Activation {
  @inline(__always)
  func value<V: ActivationValue>(_ x: V) -> V where V.Scalar == Real {
    V.timesTanhCDF(x)
  }

  @inline(__always)
  func derivative<V: ActivationValue>(_ x: V) -> V where V.Scalar == Real {
    gradient(x, V(constant: 1))
  }

  @inline(__always)
  func gradient<V: ActivationValue>(_ x: V, _ dy: V) -> V
  where V.Scalar == Real {
    V.timesTanhCDFDerivative(x, times: dy)
  }
}
