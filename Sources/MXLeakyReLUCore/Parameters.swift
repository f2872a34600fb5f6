import CMXLeakyReLU

/// The activation types of the header.
enum ActType {
  case leaky, elu, selu, prelu, rrelu, gelu, geluTanh

  init?(_ raw: Int32) {
    switch raw {
    case Int32(MXLR_LEAKY.rawValue): self = .leaky
    case Int32(MXLR_ELU.rawValue): self = .elu
    case Int32(MXLR_SELU.rawValue): self = .selu
    case Int32(MXLR_PRELU.rawValue): self = .prelu
    case Int32(MXLR_RRELU.rawValue): self = .rrelu
    case Int32(MXLR_GELU.rawValue): self = .gelu
    case Int32(MXLR_GELU_TANH.rawValue): self = .geluTanh
    default: return nil
    }
  }

  var usesSlope: Bool { self == .leaky || self == .elu }
  var usesBounds: Bool { self == .rrelu }
}

/// The names of the activation types, indexed by their header numbers,
/// and the aliases accepted for them.
enum ActTypeNames {
  /// Canonical names, NUL-terminated, at index `mxlr_act_type`.
  static let canonical: [StaticString] = [
    "leaky", "elu", "selu", "prelu", "rrelu", "gelu", "gelu_tanh",
  ]
  /// Further names: MXNet 2 calls gelu "gelu_erf".
  static let aliases: [(StaticString, Int32)] = [
    ("gelu_erf", Int32(MXLR_GELU.rawValue)),
  ]

  static func alias(_ i: Int32) -> StaticString? {
    guard i >= 0, Int(i) < aliases.count else { return nil }
    return aliases[Int(i)].0
  }

  static func name(_ act: Int32) -> StaticString? {
    guard act >= 0, Int(act) < canonical.count else { return nil }
    return canonical[Int(act)]
  }

  /// The number of `name` (a NUL-terminated C string), or -1.
  static func number(_ name: UnsafePointer<CChar>?) -> Int32 {
    guard let name else { return -1 }
    func equal(_ s: StaticString) -> Bool {
      let n = s.utf8CodeUnitCount
      let p = s.utf8Start
      for i in 0 ..< n where UInt8(bitPattern: name[i]) != p[i] {
        return false
      }
      return name[n] == 0
    }
    for (i, s) in canonical.enumerated() where equal(s) { return Int32(i) }
    for (s, act) in aliases where equal(s) { return act }
    return -1
  }
}

/// `mxlr_options` checked and converted to the working precision.
struct Parameters<Real: ActivationReal> {
  var slope: Real = 0
  var lower: Real = 0
  var upper: Real = 0
  var threads: Int32
  var interrupt: Interrupt

  /// Converts the parameters `act` uses; nil when one of them is not finite
  /// (in Double or after conversion) or the bounds are reversed.
  init?(_ options: mxlr_options, for act: ActType) {
    threads = options.threads
    interrupt = Interrupt(
      callback: options.interrupt, data: options.interrupt_data)
    if act.usesSlope {
      guard let s = Self.converted(options.slope) else { return nil }
      slope = s
    }
    if act.usesBounds {
      guard
        let l = Self.converted(options.lower_bound),
        let u = Self.converted(options.upper_bound),
        options.lower_bound <= options.upper_bound
      else { return nil }
      lower = l
      upper = u
    }
  }

  private static func converted(_ value: Double) -> Real? {
    guard value.isFinite else { return nil }
    let result = Real(value)
    return result.isFinite ? result : nil
  }
}
