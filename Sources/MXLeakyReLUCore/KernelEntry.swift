import CMXLeakyReLU

/// The kernels' entry points, non-generic, over an index range: the part of
/// the core that is compiled once per instruction set (the core's own copy
/// is the baseline; `MXLeakyReLUKernelsAVX2` is the same source compiled
/// for AVX2 with wider vectors). Everything below them is `@inline(__always)`,
/// so each copy is specialised for its instruction set. Arguments are
/// checked by the caller.
public enum KernelEntry {
  /// y = f(x) for the elementwise act types (not prelu); `slope` is the
  /// slope of leaky and elu, or the mean slope of rrelu.
  public static func forward(
    _ act: Int32, _ slope: Double, _ x: UnsafePointer<Double>,
    _ y: UnsafeMutablePointer<Double>, _ range: Range<Int>
  ) { forwardGeneric(act, slope, x, y, range) }

  public static func forward(
    _ act: Int32, _ slope: Float, _ x: UnsafePointer<Float>,
    _ y: UnsafeMutablePointer<Float>, _ range: Range<Int>
  ) { forwardGeneric(act, slope, x, y, range) }

  /// dx = dy · f′(x) for the elementwise act types (not prelu, not rrelu
  /// with a mask).
  public static func backward(
    _ act: Int32, _ slope: Double, _ dy: UnsafePointer<Double>,
    _ x: UnsafePointer<Double>, _ dx: UnsafeMutablePointer<Double>,
    _ range: Range<Int>
  ) { backwardGeneric(act, slope, dy, x, dx, range) }

  public static func backward(
    _ act: Int32, _ slope: Float, _ dy: UnsafePointer<Float>,
    _ x: UnsafePointer<Float>, _ dx: UnsafeMutablePointer<Float>,
    _ range: Range<Int>
  ) { backwardGeneric(act, slope, dy, x, dx, range) }

  /// prelu forward; element i uses gamma[(i / inner) % channels].
  public static func preluForward(
    _ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>,
    _ gamma: UnsafePointer<Double>, _ channels: Int, _ inner: Int,
    _ range: Range<Int>
  ) {
    Kernels.preluForward(
      x, y, gamma, PReLULayout(channels: channels, inner: inner), range)
  }

  public static func preluForward(
    _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>,
    _ gamma: UnsafePointer<Float>, _ channels: Int, _ inner: Int,
    _ range: Range<Int>
  ) {
    Kernels.preluForward(
      x, y, gamma, PReLULayout(channels: channels, inner: inner), range)
  }

  /// rrelu training with slopes drawn from [lower, upper) by the generator
  /// keyed by `seed`.
  public static func rreluTrain(
    _ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>,
    _ mask: UnsafeMutablePointer<Double>, _ seed: UInt64, _ lower: Double,
    _ upper: Double, _ range: Range<Int>
  ) {
    Kernels.rreluTrain(
      x, y, mask, CounterRandom(seed: seed),
      RReLU.SlopeMap(lower: lower, upper: upper), range)
  }

  public static func rreluTrain(
    _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>,
    _ mask: UnsafeMutablePointer<Float>, _ seed: UInt64, _ lower: Float,
    _ upper: Float, _ range: Range<Int>
  ) {
    Kernels.rreluTrain(
      x, y, mask, CounterRandom(seed: seed),
      RReLU.SlopeMap(lower: lower, upper: upper), range)
  }

  /// rrelu backward with per-element slopes.
  public static func rreluBackward(
    _ dy: UnsafePointer<Double>, _ x: UnsafePointer<Double>,
    _ dx: UnsafeMutablePointer<Double>, _ mask: UnsafePointer<Double>,
    _ range: Range<Int>
  ) { Kernels.rreluBackward(dy, x, dx, mask, range) }

  public static func rreluBackward(
    _ dy: UnsafePointer<Float>, _ x: UnsafePointer<Float>,
    _ dx: UnsafeMutablePointer<Float>, _ mask: UnsafePointer<Float>,
    _ range: Range<Int>
  ) { Kernels.rreluBackward(dy, x, dx, mask, range) }

  @inline(__always)
  static func forwardGeneric<Real: ActivationReal>(
    _ act: Int32, _ slope: Real, _ x: UnsafePointer<Real>,
    _ y: UnsafeMutablePointer<Real>, _ range: Range<Int>
  ) {
    switch act {
    case actLeaky, actRReLU: Kernels.forward(Leaky(slope: slope), x, y, range)
    case actELU: Kernels.forward(ELU(slope: slope), x, y, range)
    case actSELU: Kernels.forward(SELU<Real>(), x, y, range)
    case actGELU: Kernels.forward(GELU<Real>(), x, y, range)
    case actGELUTanh: Kernels.forward(GELUTanh<Real>(), x, y, range)
    default: break
    }
  }

  @inline(__always)
  static func backwardGeneric<Real: ActivationReal>(
    _ act: Int32, _ slope: Real, _ dy: UnsafePointer<Real>,
    _ x: UnsafePointer<Real>, _ dx: UnsafeMutablePointer<Real>,
    _ range: Range<Int>
  ) {
    switch act {
    case actLeaky, actRReLU:
      Kernels.backward(Leaky(slope: slope), dy, x, dx, range)
    case actELU: Kernels.backward(ELU(slope: slope), dy, x, dx, range)
    case actSELU: Kernels.backward(SELU<Real>(), dy, x, dx, range)
    case actGELU: Kernels.backward(GELU<Real>(), dy, x, dx, range)
    case actGELUTanh: Kernels.backward(GELUTanh<Real>(), dy, x, dx, range)
    default: break
    }
  }

  static let actLeaky = Int32(MXLR_LEAKY.rawValue)
  static let actELU = Int32(MXLR_ELU.rawValue)
  static let actSELU = Int32(MXLR_SELU.rawValue)
  static let actRReLU = Int32(MXLR_RRELU.rawValue)
  static let actGELU = Int32(MXLR_GELU.rawValue)
  static let actGELUTanh = Int32(MXLR_GELU_TANH.rawValue)
}

extension PReLULayout {
  /// The layout of the forward kernel, which does not use `outer`.
  init(channels: Int, inner: Int) {
    self.channels = channels
    self.inner = inner
    self.outer = 0
  }
}
