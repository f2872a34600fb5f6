import CMXLeakyReLU
import Glibc
@testable import MXLeakyReLUCore

// Shared helpers: calls into the C ABI and reference formulas.

let seluLambda = 1.0507009873554804934193349852946
let seluAlpha = 1.6732632423543772848170429916717

let leaky = Int32(MXLR_LEAKY.rawValue)
let elu = Int32(MXLR_ELU.rawValue)
let selu = Int32(MXLR_SELU.rawValue)
let prelu = Int32(MXLR_PRELU.rawValue)
let rrelu = Int32(MXLR_RRELU.rawValue)
let gelu = Int32(MXLR_GELU.rawValue)
let geluTanh = Int32(MXLR_GELU_TANH.rawValue)
/// Every act type of the registry (MXLR_ACT_TYPES), and those without
/// gamma. Tests loop over these, so a type added to the registry is tested
/// (and fails where it lacks a reference formula below).
let allActs = (0 ..< Int32(MXLR_ACT_TYPE_END_.rawValue)).map { $0 }
let elementwiseActs = allActs.filter {
  mxlr_act_type_traits($0) & Int32(MXLR_TAKES_GAMMA.rawValue) == 0
}

/// u = √(2/π)(x + 0.044715 x³) of the tanh form of GELU, and u′.
func tanhGeluU(_ x: Double) -> (u: Double, du: Double) {
  let c = (2 / Double.pi).squareRoot()
  return (c * (x + 0.044715 * x * x * x), c * (1 + 3 * 0.044715 * x * x))
}

let statusOK = Int32(MXLR_OK.rawValue)
let statusNull = Int32(MXLR_ERR_NULL.rawValue)
let statusLength = Int32(MXLR_ERR_LENGTH.rawValue)
let statusActType = Int32(MXLR_ERR_ACT_TYPE.rawValue)
let statusParam = Int32(MXLR_ERR_PARAM.rawValue)
let statusInterrupted = Int32(MXLR_ERR_INTERRUPTED.rawValue)

/// R's NA_real_.
let rNA = Double(bitPattern: 0x7FF0_0000_0000_07A2)

func options(
  _ act: Int32, slope: Double = 0.3, lower: Double = 0.125,
  upper: Double = 0.375, threads: Int32 = 1
) -> mxlr_options {
  mxlr_options(
    act_type: act, threads: threads, slope: slope, lower_bound: lower,
    upper_bound: upper, interrupt: nil, interrupt_data: nil)
}

/// The working-precision entry points, so tests can be written once.
protocol TestReal: BinaryFloatingPoint {
  static func forward(
    _ x: UnsafePointer<Self>?, _ y: UnsafeMutablePointer<Self>?, _ n: Int64,
    _ opt: UnsafePointer<mxlr_options>?, _ gamma: UnsafePointer<Self>?,
    _ channels: Int64, _ inner: Int64) -> Int32
  static func backward(
    _ dy: UnsafePointer<Self>?, _ x: UnsafePointer<Self>?,
    _ dx: UnsafeMutablePointer<Self>?, _ n: Int64,
    _ opt: UnsafePointer<mxlr_options>?, _ gamma: UnsafePointer<Self>?,
    _ channels: Int64, _ inner: Int64, _ dgamma: UnsafeMutablePointer<Self>?,
    _ mask: UnsafePointer<Self>?) -> Int32
  static func train(
    _ x: UnsafePointer<Self>?, _ y: UnsafeMutablePointer<Self>?,
    _ mask: UnsafeMutablePointer<Self>?, _ n: Int64,
    _ opt: UnsafePointer<mxlr_options>?, _ seed: UInt64) -> Int32
  /// Relative tolerance against a Double reference.
  static var tolerance: Double { get }
  /// The bit pattern, widened.
  var rawBits: UInt64 { get }
}

extension Double: TestReal {
  static func forward(
    _ x: UnsafePointer<Double>?, _ y: UnsafeMutablePointer<Double>?,
    _ n: Int64, _ opt: UnsafePointer<mxlr_options>?,
    _ gamma: UnsafePointer<Double>?, _ channels: Int64, _ inner: Int64
  ) -> Int32 { mxlr_forward_f64(x, y, n, opt, gamma, channels, inner) }
  static func backward(
    _ dy: UnsafePointer<Double>?, _ x: UnsafePointer<Double>?,
    _ dx: UnsafeMutablePointer<Double>?, _ n: Int64,
    _ opt: UnsafePointer<mxlr_options>?, _ gamma: UnsafePointer<Double>?,
    _ channels: Int64, _ inner: Int64,
    _ dgamma: UnsafeMutablePointer<Double>?, _ mask: UnsafePointer<Double>?
  ) -> Int32 {
    mxlr_backward_f64(dy, x, dx, n, opt, gamma, channels, inner, dgamma, mask)
  }
  static func train(
    _ x: UnsafePointer<Double>?, _ y: UnsafeMutablePointer<Double>?,
    _ mask: UnsafeMutablePointer<Double>?, _ n: Int64,
    _ opt: UnsafePointer<mxlr_options>?, _ seed: UInt64
  ) -> Int32 { mxlr_rrelu_train_f64(x, y, mask, n, opt, seed) }
  static var tolerance: Double { 1e-13 }
  var rawBits: UInt64 { bitPattern }
}

extension Float: TestReal {
  static func forward(
    _ x: UnsafePointer<Float>?, _ y: UnsafeMutablePointer<Float>?,
    _ n: Int64, _ opt: UnsafePointer<mxlr_options>?,
    _ gamma: UnsafePointer<Float>?, _ channels: Int64, _ inner: Int64
  ) -> Int32 { mxlr_forward_f32(x, y, n, opt, gamma, channels, inner) }
  static func backward(
    _ dy: UnsafePointer<Float>?, _ x: UnsafePointer<Float>?,
    _ dx: UnsafeMutablePointer<Float>?, _ n: Int64,
    _ opt: UnsafePointer<mxlr_options>?, _ gamma: UnsafePointer<Float>?,
    _ channels: Int64, _ inner: Int64,
    _ dgamma: UnsafeMutablePointer<Float>?, _ mask: UnsafePointer<Float>?
  ) -> Int32 {
    mxlr_backward_f32(dy, x, dx, n, opt, gamma, channels, inner, dgamma, mask)
  }
  static func train(
    _ x: UnsafePointer<Float>?, _ y: UnsafeMutablePointer<Float>?,
    _ mask: UnsafeMutablePointer<Float>?, _ n: Int64,
    _ opt: UnsafePointer<mxlr_options>?, _ seed: UInt64
  ) -> Int32 { mxlr_rrelu_train_f32(x, y, mask, n, opt, seed) }
  static var tolerance: Double { 3e-6 }
  var rawBits: UInt64 { UInt64(bitPattern) }
}

/// Runs the forward pass; returns the status and y.
func forward<T: TestReal>(
  _ x: [T], _ opt: mxlr_options, gamma: [T]? = nil, channels: Int64 = 0,
  inner: Int64 = 0
) -> (status: Int32, y: [T]) {
  var y = [T](repeating: 0, count: x.count)
  var o = opt
  let status = y.withUnsafeMutableBufferPointer { yb in
    T.forward(
      x, yb.baseAddress, Int64(x.count), &o, gamma, channels, inner)
  }
  return (status, y)
}

/// Runs the backward pass; returns the status, dx and dgamma.
func backward<T: TestReal>(
  _ dy: [T], _ x: [T], _ opt: mxlr_options, gamma: [T]? = nil,
  channels: Int64 = 0, inner: Int64 = 0, mask: [T]? = nil
) -> (status: Int32, dx: [T], dgamma: [T]) {
  var dx = [T](repeating: 0, count: x.count)
  var dgamma = [T](repeating: .nan, count: gamma?.count ?? 0)
  var o = opt
  let status = dx.withUnsafeMutableBufferPointer { dxb in
    dgamma.withUnsafeMutableBufferPointer { dgb in
      T.backward(
        dy, x, dxb.baseAddress, Int64(x.count), &o, gamma, channels, inner,
        gamma == nil ? nil : dgb.baseAddress, mask)
    }
  }
  return (status, dx, dgamma)
}

/// Runs rrelu training; returns the status, y and the mask.
func train<T: TestReal>(_ x: [T], _ opt: mxlr_options, seed: UInt64)
  -> (status: Int32, y: [T], mask: [T])
{
  var y = [T](repeating: 0, count: x.count)
  var mask = [T](repeating: 0, count: x.count)
  var o = opt
  let status = y.withUnsafeMutableBufferPointer { yb in
    mask.withUnsafeMutableBufferPointer { mb in
      T.train(x, yb.baseAddress, mb.baseAddress, Int64(x.count), &o, seed)
    }
  }
  return (status, y, mask)
}

/// Reference f(x) in Double, from Glibc's expm1 and erf.
func referenceValue(
  _ act: Int32, _ x: Double, slope: Double, lower: Double, upper: Double
) -> Double {
  switch act {
  case leaky: return x > 0 ? x : slope * x
  case elu: return x > 0 ? x : slope * Glibc.expm1(x)
  case selu: return seluLambda * (x > 0 ? x : seluAlpha * Glibc.expm1(x))
  case rrelu: return x > 0 ? x : (lower + upper) / 2 * x
  case gelu: return 0.5 * x * (1 + Glibc.erf(x / 2.0.squareRoot()))
  case geluTanh: return 0.5 * x * (1 + Glibc.tanh(tanhGeluU(x).u))
  default: return .nan
  }
}

/// Reference f′(x) in Double.
func referenceDerivative(
  _ act: Int32, _ x: Double, slope: Double, lower: Double, upper: Double
) -> Double {
  switch act {
  case leaky: return x > 0 ? 1 : slope
  case elu: return x > 0 ? 1 : slope * Glibc.exp(x)
  case selu: return x > 0 ? seluLambda : seluLambda * seluAlpha * Glibc.exp(x)
  case rrelu: return x > 0 ? 1 : (lower + upper) / 2
  case gelu:
    return 0.5 * (1 + Glibc.erf(x / 2.0.squareRoot()))
      + x * Glibc.exp(-x * x / 2) / (2 * Double.pi).squareRoot()
  case geluTanh:
    let (u, du) = tanhGeluU(x)
    let t = Glibc.tanh(u)
    return 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * du
  default: return .nan
  }
}

/// |a − b| ≤ abs + rel·|b|, with NaN matching NaN and infinities exact.
func close(_ a: Double, _ b: Double, rel: Double, abs: Double = 1e-300)
  -> Bool
{
  if b.isNaN { return a.isNaN }
  if b.isInfinite { return a == b }
  return Swift.abs(a - b) <= abs + rel * Swift.abs(b)
}

/// Deterministic pseudo-random inputs in [−scale, scale).
func inputs<T: TestReal>(_ n: Int, seed: UInt64 = 1, scale: Double = 6)
  -> [T]
{
  var state = seed
  return (0 ..< n).map { _ in
    state = state &* 6364136223846793005 &+ 1442695040888963407
    let u = Double(state >> 11) * 0x1p-53
    return T((u * 2 - 1) * scale)
  }
}

/// Whether two arrays hold the same bit patterns (NaN payloads included).
func sameBits<T: TestReal>(_ a: [T], _ b: [T]) -> Bool {
  a.map(\.rawBits) == b.map(\.rawBits)
}

/// The kernels of one instruction set, called directly (without
/// switching the one in use, which other suites running at the same time
/// would see): y = f(x) with slope 0.3.
func forward<T: TestReal & KernelReal>(_ x: [T], _ act: Int32, isa: ISA)
  -> [T]
{
  var y = [T](repeating: 0, count: x.count)
  x.withUnsafeBufferPointer { xb in
    y.withUnsafeMutableBufferPointer { yb in
      _ = T.forward(isa.kernels)(
        act, 0.3, xb.baseAddress, yb.baseAddress, 0, Int64(x.count))
    }
  }
  return y
}

/// dx = dy · f′(x) with the kernels of one instruction set, as `forward`.
func backward<T: TestReal & KernelReal>(
  _ dy: [T], _ x: [T], _ act: Int32, isa: ISA
) -> [T] {
  var dx = [T](repeating: 0, count: x.count)
  dy.withUnsafeBufferPointer { db in
    x.withUnsafeBufferPointer { xb in
      dx.withUnsafeMutableBufferPointer { dxb in
        _ = T.backward(isa.kernels)(
          act, 0.3, db.baseAddress, xb.baseAddress, dxb.baseAddress, 0,
          Int64(x.count))
      }
    }
  }
  return dx
}
