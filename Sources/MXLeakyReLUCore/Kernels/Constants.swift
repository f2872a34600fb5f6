import CMXLeakyReLU

/// Numerical constants, stored as `Double` and rounded to the working type
/// where they are used (`Real(constant)`).
enum Constants {
  /// SELU's scale λ.
  static let seluLambda = 1.0507009873554804934193349852946
  /// SELU's α.
  static let seluAlpha = 1.6732632423543772848170429916717
  /// 1/√(2π).
  static let inverseSqrt2Pi = 0.39894228040143267793994605993438186848
  /// Largest |x| the double normal distribution functions look at (the
  /// float ones stop at `VectorMath.floatNormalLimit`): beyond it
  /// |x|·Q(|x|) is zero (Q = 1 − Φ), so results are unchanged by limiting x
  /// to ±normalLimit, and ±Inf inputs never meet `Inf * 0`.
  static let normalLimit = 39.5
}

/// Sizes that shape how work is split; none of them changes a result.
enum WorkSize {
  /// Fewest elements worth giving a thread of its own.
  /// Defined in the header (MXLR_MIN_PER_THREAD), which callers read.
  static let minimumPerThread = Int(MXLR_MIN_PER_THREAD)
  /// Smallest chunk handed to a thread.
  static let minimumChunk = 1 << 16
  /// Largest chunk; the interrupt callback is polled between chunks.
  static let maximumChunk = 1 << 21
  /// Target size of one prelu backward work unit.
  static let preluUnit = 1 << 16
}
