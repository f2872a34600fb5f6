import CMXLeakyReLU

/// An activation type of the registry (MXLR_ACT_TYPES in the header): its
/// number and its traits.
struct ActType {
  let number: Int32
  let traits: Int32

  /// nil when `number` is not in the registry.
  init?(_ number: Int32) {
    let traits = mxlr_registry_traits(number)
    guard traits >= 0 else { return nil }
    self.number = number
    self.traits = traits
  }

  func takes(_ trait: mxlr_act_trait) -> Bool {
    traits & Int32(trait.rawValue) != 0
  }
}

/// `mxlr_options` checked and converted to the working precision.
struct Parameters<Real: ActivationReal> {
  var slope: Real = 0
  var lower: Real = 0
  var upper: Real = 0
  var threads: Int32
  var interrupt: Interrupt

  /// The slope the elementwise kernels get: the type's slope, or the
  /// inference slope (the mean) of a type that takes bounds.
  var kernelSlope: Real = 0

  /// Converts the parameters `act` takes; nil when one of them is not
  /// finite (in Double or after conversion) or the bounds are reversed.
  init?(_ options: mxlr_options, for act: ActType) {
    threads = options.threads
    interrupt = Interrupt(
      callback: options.interrupt, data: options.interrupt_data)
    if act.takes(MXLR_TAKES_SLOPE) {
      guard let s = Self.converted(options.slope) else { return nil }
      slope = s
      kernelSlope = s
    }
    if act.takes(MXLR_TAKES_BOUNDS) {
      guard
        let l = Self.converted(options.lower_bound),
        let u = Self.converted(options.upper_bound),
        options.lower_bound <= options.upper_bound
      else { return nil }
      lower = l
      upper = u
      kernelSlope = RReLU.meanSlope(l, u)
    }
  }

  private static func converted(_ value: Double) -> Real? {
    guard value.isFinite else { return nil }
    let result = Real(value)
    return result.isFinite ? result : nil
  }
}
