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
/// present on x86-64 builds. Both do the same arithmetic lane by lane, so
/// results are bitwise identical whichever is used, except gelu's: its
/// normal distribution uses fused multiply-adds in the AVX2 build
/// (`VectorMath.madd`), and can differ from the baseline's in the last two
/// bits.
enum ISA: Int {
  case baseline = 0
  case avx2 = 1

  /// The name of the kernels' table, a static C string.
  var name: UnsafePointer<CChar> { kernels.isa }

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

extension ISA {
  /// The kernels compiled for this instruction set.
  var kernels: mxlr_kernel_table {
    #if arch(x86_64) && canImport(MXLeakyReLUKernelsAVX2)
    if self == .avx2 { return MXLeakyReLUKernelsAVX2.KernelEntry.table }
    #endif
    return KernelEntry.table
  }
}

/// A precision the kernels are compiled for: its entries of a kernel table.
protocol KernelReal: ActivationReal {
  typealias Elementwise = (
    Int32, Self, UnsafePointer<Self>?, UnsafeMutablePointer<Self>?,
    Int64, Int64
  ) -> Int32
  typealias Backward = (
    Int32, Self, UnsafePointer<Self>?, UnsafePointer<Self>?,
    UnsafeMutablePointer<Self>?, Int64, Int64
  ) -> Int32
  typealias PReLUForward = (
    UnsafePointer<Self>?, UnsafeMutablePointer<Self>?, UnsafePointer<Self>?,
    Int64, Int64, Int64, Int64
  ) -> Void
  typealias RReLUTrain = (
    UnsafePointer<Self>?, UnsafeMutablePointer<Self>?,
    UnsafeMutablePointer<Self>?, UInt64, Self, Self, Int64, Int64
  ) -> Void
  typealias RReLUBackward = (
    UnsafePointer<Self>?, UnsafePointer<Self>?, UnsafeMutablePointer<Self>?,
    UnsafePointer<Self>?, Int64, Int64
  ) -> Void

  static func forward(_ t: mxlr_kernel_table) -> Elementwise
  static func backward(_ t: mxlr_kernel_table) -> Backward
  static func preluForward(_ t: mxlr_kernel_table) -> PReLUForward
  static func rreluTrain(_ t: mxlr_kernel_table) -> RReLUTrain
  static func rreluBackward(_ t: mxlr_kernel_table) -> RReLUBackward
}

extension Double: KernelReal {
  static func forward(_ t: mxlr_kernel_table) -> Elementwise {
    t.forward_f64!
  }
  static func backward(_ t: mxlr_kernel_table) -> Backward {
    t.backward_f64!
  }
  static func preluForward(_ t: mxlr_kernel_table) -> PReLUForward {
    t.prelu_forward_f64!
  }
  static func rreluTrain(_ t: mxlr_kernel_table) -> RReLUTrain {
    t.rrelu_train_f64!
  }
  static func rreluBackward(_ t: mxlr_kernel_table) -> RReLUBackward {
    t.rrelu_backward_f64!
  }
}

extension Float: KernelReal {
  static func forward(_ t: mxlr_kernel_table) -> Elementwise {
    t.forward_f32!
  }
  static func backward(_ t: mxlr_kernel_table) -> Backward {
    t.backward_f32!
  }
  static func preluForward(_ t: mxlr_kernel_table) -> PReLUForward {
    t.prelu_forward_f32!
  }
  static func rreluTrain(_ t: mxlr_kernel_table) -> RReLUTrain {
    t.rrelu_train_f32!
  }
  static func rreluBackward(_ t: mxlr_kernel_table) -> RReLUBackward {
    t.rrelu_backward_f32!
  }
}
