import CMXLeakyReLU
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
#if arch(x86_64) && canImport(MXLeakyReLUKernelsAVX2)
import MXLeakyReLUKernelsAVX2
#endif

/// The instruction sets the kernels are compiled for, and the one in use.
///
/// `baseline` is the core's own copy of the kernels (128-bit vectors: SSE2
/// on x86-64, NEON on aarch64); `avx2` is `MXLeakyReLUKernelsAVX2`, the
/// same source compiled for Haswell (x86-64-v3) with 256-bit vectors,
/// present on x86-64 builds. Both do the same arithmetic lane by lane,
/// without fused multiply-add, so results are bitwise identical whichever
/// is used.
enum ISA: Int {
  case baseline = 0
  case avx2 = 1

  var name: StaticString {
    switch self {
    case .baseline: return "baseline"
    case .avx2: return "avx2"
    }
  }

  /// Compiled into this build.
  static var compiled: [ISA] {
    #if arch(x86_64) && canImport(MXLeakyReLUKernelsAVX2)
    return [.baseline, .avx2]
    #else
    return [.baseline]
    #endif
  }

  /// Compiled in and supported by this processor.
  static let supported: [ISA] = compiled.filter { isa in
    switch isa {
    case .baseline: return true
    case .avx2: return mxlr_cpu_has_avx2() != 0
    }
  }

  /// The best supported, or the one the environment variable
  /// MXLEAKYRELU_ISA names ("baseline", "avx2") if it is supported (else
  /// the best supported below it). Read once, at first use.
  static let initial: ISA = {
    if let value = getenv("MXLEAKYRELU_ISA"), let requested = named(value) {
      return best(upTo: requested)
    }
    return supported.last ?? .baseline
  }()

  /// The kernels in use: `initial` unless `select` changed it.
  nonisolated(unsafe) private static var override = -1

  static var current: ISA {
    let o = override
    return o >= 0 ? ISA(rawValue: o) ?? initial : initial
  }

  /// Selects the best supported instruction set not above the one named;
  /// nil for an unknown name. Meant for tests: not to be called while
  /// another thread is computing.
  static func select(_ name: UnsafePointer<CChar>) -> ISA? {
    guard let requested = named(name) else { return nil }
    let chosen = best(upTo: requested)
    override = chosen.rawValue
    return chosen
  }

  private static func named(_ name: UnsafePointer<CChar>) -> ISA? {
    if strcmp(name, "baseline") == 0 { return .baseline }
    if strcmp(name, "avx2") == 0 { return .avx2 }
    return nil
  }

  private static func best(upTo limit: ISA) -> ISA {
    supported.last { $0.rawValue <= limit.rawValue } ?? .baseline
  }
}

/// A precision the kernels are compiled for: the entry points of
/// `KernelEntry` for it, in the instruction set asked for.
protocol KernelReal: ActivationReal {
  static func forward(
    _ isa: ISA, _ act: Int32, _ slope: Self, _ x: UnsafePointer<Self>,
    _ y: UnsafeMutablePointer<Self>, _ range: Range<Int>)
  static func backward(
    _ isa: ISA, _ act: Int32, _ slope: Self, _ dy: UnsafePointer<Self>,
    _ x: UnsafePointer<Self>, _ dx: UnsafeMutablePointer<Self>,
    _ range: Range<Int>)
  static func preluForward(
    _ isa: ISA, _ x: UnsafePointer<Self>, _ y: UnsafeMutablePointer<Self>,
    _ gamma: UnsafePointer<Self>, _ channels: Int, _ inner: Int,
    _ range: Range<Int>)
  static func rreluTrain(
    _ isa: ISA, _ x: UnsafePointer<Self>, _ y: UnsafeMutablePointer<Self>,
    _ mask: UnsafeMutablePointer<Self>, _ seed: UInt64, _ lower: Self,
    _ upper: Self, _ range: Range<Int>)
  static func rreluBackward(
    _ isa: ISA, _ dy: UnsafePointer<Self>, _ x: UnsafePointer<Self>,
    _ dx: UnsafeMutablePointer<Self>, _ mask: UnsafePointer<Self>,
    _ range: Range<Int>)
}

#if arch(x86_64) && canImport(MXLeakyReLUKernelsAVX2)
typealias WideKernels = MXLeakyReLUKernelsAVX2.KernelEntry
#else
typealias WideKernels = KernelEntry
#endif

extension Double: KernelReal {
  static func forward(
    _ isa: ISA, _ act: Int32, _ slope: Double, _ x: UnsafePointer<Double>,
    _ y: UnsafeMutablePointer<Double>, _ range: Range<Int>
  ) {
    isa == .avx2
      ? WideKernels.forward(act, slope, x, y, range)
      : KernelEntry.forward(act, slope, x, y, range)
  }
  static func backward(
    _ isa: ISA, _ act: Int32, _ slope: Double, _ dy: UnsafePointer<Double>,
    _ x: UnsafePointer<Double>, _ dx: UnsafeMutablePointer<Double>,
    _ range: Range<Int>
  ) {
    isa == .avx2
      ? WideKernels.backward(act, slope, dy, x, dx, range)
      : KernelEntry.backward(act, slope, dy, x, dx, range)
  }
  static func preluForward(
    _ isa: ISA, _ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>,
    _ gamma: UnsafePointer<Double>, _ channels: Int, _ inner: Int,
    _ range: Range<Int>
  ) {
    isa == .avx2
      ? WideKernels.preluForward(x, y, gamma, channels, inner, range)
      : KernelEntry.preluForward(x, y, gamma, channels, inner, range)
  }
  static func rreluTrain(
    _ isa: ISA, _ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>,
    _ mask: UnsafeMutablePointer<Double>, _ seed: UInt64, _ lower: Double,
    _ upper: Double, _ range: Range<Int>
  ) {
    isa == .avx2
      ? WideKernels.rreluTrain(x, y, mask, seed, lower, upper, range)
      : KernelEntry.rreluTrain(x, y, mask, seed, lower, upper, range)
  }
  static func rreluBackward(
    _ isa: ISA, _ dy: UnsafePointer<Double>, _ x: UnsafePointer<Double>,
    _ dx: UnsafeMutablePointer<Double>, _ mask: UnsafePointer<Double>,
    _ range: Range<Int>
  ) {
    isa == .avx2
      ? WideKernels.rreluBackward(dy, x, dx, mask, range)
      : KernelEntry.rreluBackward(dy, x, dx, mask, range)
  }
}

extension Float: KernelReal {
  static func forward(
    _ isa: ISA, _ act: Int32, _ slope: Float, _ x: UnsafePointer<Float>,
    _ y: UnsafeMutablePointer<Float>, _ range: Range<Int>
  ) {
    isa == .avx2
      ? WideKernels.forward(act, slope, x, y, range)
      : KernelEntry.forward(act, slope, x, y, range)
  }
  static func backward(
    _ isa: ISA, _ act: Int32, _ slope: Float, _ dy: UnsafePointer<Float>,
    _ x: UnsafePointer<Float>, _ dx: UnsafeMutablePointer<Float>,
    _ range: Range<Int>
  ) {
    isa == .avx2
      ? WideKernels.backward(act, slope, dy, x, dx, range)
      : KernelEntry.backward(act, slope, dy, x, dx, range)
  }
  static func preluForward(
    _ isa: ISA, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>,
    _ gamma: UnsafePointer<Float>, _ channels: Int, _ inner: Int,
    _ range: Range<Int>
  ) {
    isa == .avx2
      ? WideKernels.preluForward(x, y, gamma, channels, inner, range)
      : KernelEntry.preluForward(x, y, gamma, channels, inner, range)
  }
  static func rreluTrain(
    _ isa: ISA, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>,
    _ mask: UnsafeMutablePointer<Float>, _ seed: UInt64, _ lower: Float,
    _ upper: Float, _ range: Range<Int>
  ) {
    isa == .avx2
      ? WideKernels.rreluTrain(x, y, mask, seed, lower, upper, range)
      : KernelEntry.rreluTrain(x, y, mask, seed, lower, upper, range)
  }
  static func rreluBackward(
    _ isa: ISA, _ dy: UnsafePointer<Float>, _ x: UnsafePointer<Float>,
    _ dx: UnsafeMutablePointer<Float>, _ mask: UnsafePointer<Float>,
    _ range: Range<Int>
  ) {
    isa == .avx2
      ? WideKernels.rreluBackward(dy, x, dx, mask, range)
      : KernelEntry.rreluBackward(dy, x, dx, mask, range)
  }
}
