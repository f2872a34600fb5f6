/// A counter-based generator: the draw for index i is a function of
/// (seed, i) alone, so it does not depend on how the work is split.
///
/// Draw i is the splitmix64 output at position i + 1 of a stream whose
/// state starts at the mixed seed.
struct CounterRandom {
  /// The mixed seed.
  let key: UInt64

  init(seed: UInt64) {
    key = Self.mix(seed)
  }

  /// splitmix64's output function.
  @inline(__always)
  static func mix(_ value: UInt64) -> UInt64 {
    var z = value
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// 64 random bits for index `index`.
  @inline(__always)
  func bits(at index: Int) -> UInt64 {
    let counter = UInt64(truncatingIfNeeded: index) &+ 1
    return Self.mix(key &+ counter &* 0x9E37_79B9_7F4A_7C15)
  }
}
