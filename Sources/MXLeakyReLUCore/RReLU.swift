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

  /// The slope for a uniform draw `u` in [0, 1): in [lower, upper), and
  /// `lower` when the bounds are equal.
  @inline(__always)
  static func slope<Real: ActivationReal>(
    _ u: Real, _ lower: Real, _ upper: Real
  ) -> Real {
    guard lower < upper else { return lower }
    let width = upper - lower
    var s: Real
    if width.isFinite {
      s = lower + u * width
    } else {
      s = (lower / 2 + u * (upper / 2 - lower / 2)) * 2
    }
    if s >= upper { s = upper.nextDown }
    if s < lower { s = lower }
    return s
  }
}
