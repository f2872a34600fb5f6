import CMXLeakyReLU

/// The kernels' entry points as a table (mxlr_kernels.h): the part of the
/// core compiled once per instruction set (this module's copy is the
/// baseline; `MXLeakyReLUKernelsAVX2` is the same folder compiled for AVX2
/// with wider vectors). Everything below the table is `@inline(__always)`,
/// so each copy is specialised for its instruction set.
public enum KernelEntry {
  #if MXLR_AVX2
  static let isa: StaticString = "avx2"
  #else
  static let isa: StaticString = "baseline"
  #endif

  nonisolated(unsafe) public static let table = mxlr_kernel_table(
    isa: UnsafeRawPointer(isa.utf8Start).assumingMemoryBound(to: CChar.self),
    forward_f64: { a, s, x, y, lo, hi in forward(a, s, x, y, lo, hi) },
    forward_f32: { a, s, x, y, lo, hi in forward(a, s, x, y, lo, hi) },
    backward_f64: { a, s, dy, x, dx, lo, hi in
      backward(a, s, dy, x, dx, lo, hi)
    },
    backward_f32: { a, s, dy, x, dx, lo, hi in
      backward(a, s, dy, x, dx, lo, hi)
    },
    prelu_forward_f64: { x, y, g, c, inner, lo, hi in
      preluForward(x!, y!, g!, c, inner, lo, hi)
    },
    prelu_forward_f32: { x, y, g, c, inner, lo, hi in
      preluForward(x!, y!, g!, c, inner, lo, hi)
    },
    rrelu_train_f64: { x, y, m, seed, l, u, lo, hi in
      rreluTrain(x!, y!, m!, seed, l, u, lo, hi)
    },
    rrelu_train_f32: { x, y, m, seed, l, u, lo, hi in
      rreluTrain(x!, y!, m!, seed, l, u, lo, hi)
    },
    rrelu_backward_f64: { dy, x, dx, m, lo, hi in
      Kernels.rreluBackward(dy!, x!, dx!, m!, Int(lo) ..< Int(hi))
    },
    rrelu_backward_f32: { dy, x, dx, m, lo, hi in
      Kernels.rreluBackward(dy!, x!, dx!, m!, Int(lo) ..< Int(hi))
    })

  /// Hands the formula of act type `act` to `user`: the one place where an
  /// act type number meets its formula. false for a number without one
  /// (prelu has kernels of its own).
  @inline(__always)
  static func withFormula<U: FormulaUser>(
    _ act: Int32, _ slope: U.Real, _ user: U
  ) -> Bool {
    switch act {
    case MXLR_LEAKY.raw, MXLR_RRELU.raw: user.use(Leaky(slope: slope))
    case MXLR_ELU.raw: user.use(ELU(slope: slope))
    case MXLR_SELU.raw: user.use(SELU<U.Real>())
    case MXLR_GELU.raw: user.use(GELU<U.Real>())
    case MXLR_GELU_TANH.raw: user.use(GELUTanh<U.Real>())
    default: return false
    }
    return true
  }

  /// y = f(x) on [lo, hi); 0 for an act type without a formula (an empty
  /// range only answers that).
  @inline(__always)
  static func forward<Real: ActivationReal>(
    _ act: Int32, _ slope: Real, _ x: UnsafePointer<Real>?,
    _ y: UnsafeMutablePointer<Real>?, _ lo: Int64, _ hi: Int64
  ) -> Int32 {
    let user = ForwardUser(x: x, y: y, range: Int(lo) ..< Int(max(lo, hi)))
    return withFormula(act, slope, user) ? 1 : 0
  }

  /// dx = dy · f′(x) on [lo, hi), as `forward`.
  @inline(__always)
  static func backward<Real: ActivationReal>(
    _ act: Int32, _ slope: Real, _ dy: UnsafePointer<Real>?,
    _ x: UnsafePointer<Real>?, _ dx: UnsafeMutablePointer<Real>?,
    _ lo: Int64, _ hi: Int64
  ) -> Int32 {
    let user = BackwardUser(
      dy: dy, x: x, dx: dx, range: Int(lo) ..< Int(max(lo, hi)))
    return withFormula(act, slope, user) ? 1 : 0
  }

  @inline(__always)
  static func preluForward<Real: ActivationReal>(
    _ x: UnsafePointer<Real>, _ y: UnsafeMutablePointer<Real>,
    _ gamma: UnsafePointer<Real>, _ channels: Int64, _ inner: Int64,
    _ lo: Int64, _ hi: Int64
  ) {
    Kernels.preluForward(
      x, y, gamma, PReLULayout(channels: Int(channels), inner: Int(inner)),
      Int(lo) ..< Int(hi))
  }

  @inline(__always)
  static func rreluTrain<Real: ActivationReal>(
    _ x: UnsafePointer<Real>, _ y: UnsafeMutablePointer<Real>,
    _ mask: UnsafeMutablePointer<Real>, _ seed: UInt64, _ lower: Real,
    _ upper: Real, _ lo: Int64, _ hi: Int64
  ) {
    Kernels.rreluTrain(
      x, y, mask, CounterRandom(seed: seed),
      RReLU.SlopeMap(lower: lower, upper: upper), Int(lo) ..< Int(hi))
  }
}

/// What is done with a formula (`KernelEntry.withFormula`).
protocol FormulaUser {
  associatedtype Real: ActivationReal
  func use<A: Activation>(_ formula: A) where A.Real == Real
}

struct ForwardUser<Real: ActivationReal>: FormulaUser {
  let x: UnsafePointer<Real>?, y: UnsafeMutablePointer<Real>?
  let range: Range<Int>
  @inline(__always) func use<A: Activation>(_ f: A) where A.Real == Real {
    guard !range.isEmpty, let x, let y else { return }
    Kernels.forward(f, x, y, range)
  }
}

struct BackwardUser<Real: ActivationReal>: FormulaUser {
  let dy: UnsafePointer<Real>?, x: UnsafePointer<Real>?
  let dx: UnsafeMutablePointer<Real>?
  let range: Range<Int>
  @inline(__always) func use<A: Activation>(_ f: A) where A.Real == Real {
    guard !range.isEmpty, let dy, let x, let dx else { return }
    Kernels.backward(f, dy, x, dx, range)
  }
}

extension mxlr_act_type {
  /// The number as the ABI passes it.
  var raw: Int32 { Int32(rawValue) }
}

extension PReLULayout {
  /// The layout of the forward kernel, which does not use `outer`.
  init(channels: Int, inner: Int) {
    self.channels = channels
    self.inner = inner
    self.outer = 0
  }
}
