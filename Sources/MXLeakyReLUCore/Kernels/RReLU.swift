/// RReLU: leaky ReLU whose slope is drawn from [lower, upper) in training
/// and is the midpoint of the bounds in inference.
enum RReLU {
  /// The inference slope, `(lower + upper) / 2`; halves first when the sum
  /// overflows.
  @inline(__always)
  static func meanSlope<Real: ActivationReal>(_ lower: Real, _ upper: Real)
    -> Real
  {
    let mean = (lower + upper) / 2
    return mean.isFinite ? mean : lower / 2 + upper / 2
  }

  /// The slope for a uniform draw u in [0, 1): in [lower, upper), and
  /// `lower` when the bounds are equal. The form of the computation is
  /// chosen once, so a scalar and each lane of a vector give the same bits.
  struct SlopeMap<Real: ActivationReal> {
    let lower: Real
    /// The largest slope below `upper`.
    let highest: Real
    /// The slope is `(offset + u · width) · factor`: `lower + u · width`,
    /// or, when `upper − lower` overflows, the same on halved bounds.
    let offset: Real
    let width: Real
    let factor: Real
    /// Whether every slope is `lower` (the bounds are not increasing).
    let constant: Bool

    init(lower: Real, upper: Real) {
      self.lower = lower
      highest = upper.nextDown
      constant = !(lower < upper)
      let w = upper - lower
      if w.isFinite {
        (offset, width, factor) = (lower, w, 1)
      } else {
        (offset, width, factor) = (lower / 2, upper / 2 - lower / 2, 2)
      }
    }

    @inline(__always)
    func callAsFunction<V: ActivationValue>(_ u: V) -> V
    where V.Scalar == Real {
      if constant { return V(broadcast: lower) }
      let s = (V(broadcast: offset) + u * V(broadcast: width))
        * V(broadcast: factor)
      // s ≥ upper becomes the largest value below it; s is finite.
      return V.clamp(s, V(broadcast: lower), V(broadcast: highest))
    }
  }
}
