import CMXLeakyReLU
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Float32 element-wise arithmetic and comparisons with MXNet 1.9.1's
/// results: one IEEE single-precision operation per element (MXNet's
/// `mshadow_op` plus, minus, mul, div and the comparison operators, whose
/// results are 1 or 0 in the element type). NaN results are written as the
/// quiet NaN `Float32Values.nan`.
enum Arithmetic {
  /// The operators of the header's `mxlr_binary_op`.
  enum Op {
    case add, sub, mul, div, eq, ne, gt, ge, lt, le, mod

    init?(_ raw: Int32) {
      switch raw {
      case Int32(MXLR_OP_ADD.rawValue): self = .add
      case Int32(MXLR_OP_SUB.rawValue): self = .sub
      case Int32(MXLR_OP_MUL.rawValue): self = .mul
      case Int32(MXLR_OP_DIV.rawValue): self = .div
      case Int32(MXLR_OP_EQ.rawValue): self = .eq
      case Int32(MXLR_OP_NE.rawValue): self = .ne
      case Int32(MXLR_OP_GT.rawValue): self = .gt
      case Int32(MXLR_OP_GE.rawValue): self = .ge
      case Int32(MXLR_OP_LT.rawValue): self = .lt
      case Int32(MXLR_OP_LE.rawValue): self = .le
      case Int32(MXLR_OP_MOD.rawValue): self = .mod
      default: return nil
      }
    }
  }

  /// `y[i] = a[i] op b[i]`.
  static func binary(
    _ a: UnsafePointer<Float>?, _ b: UnsafePointer<Float>?,
    _ y: UnsafeMutablePointer<Float>?, _ n: Int64, _ rawOp: Int32,
    _ options: UnsafePointer<mxlr_options>?
  ) -> Int32 {
    guard n >= 0 else { return Status.length }
    guard let op = Op(rawOp) else { return Status.param }
    if n == 0 { return Status.ok }
    guard let a, let b, let y else { return Status.null }
    let body: (Range<Int>) -> Void
    switch op {
    case .add: body = { map(a, b, y, $0) { $0 + $1 } }
    case .sub: body = { map(a, b, y, $0) { $0 - $1 } }
    case .mul: body = { map(a, b, y, $0) { $0 * $1 } }
    case .div: body = { map(a, b, y, $0) { $0 / $1 } }
    case .eq: body = { map(a, b, y, $0) { $0 == $1 ? 1 : 0 } }
    case .ne: body = { map(a, b, y, $0) { $0 != $1 ? 1 : 0 } }
    case .gt: body = { map(a, b, y, $0) { $0 > $1 ? 1 : 0 } }
    case .ge: body = { map(a, b, y, $0) { $0 >= $1 ? 1 : 0 } }
    case .lt: body = { map(a, b, y, $0) { $0 < $1 ? 1 : 0 } }
    case .le: body = { map(a, b, y, $0) { $0 <= $1 ? 1 : 0 } }
    case .mod: body = { map(a, b, y, $0) { mod($0, $1) } }
    }
    return status(Float32Values.run(options, count: Int(n), body))
  }

  /// `y[i] = a[i] op s`, or `s op a[i]` when `scalarLeft`.
  static func scalar(
    _ a: UnsafePointer<Float>?, _ s: Float, _ scalarLeft: Bool,
    _ y: UnsafeMutablePointer<Float>?, _ n: Int64, _ rawOp: Int32,
    _ options: UnsafePointer<mxlr_options>?
  ) -> Int32 {
    guard n >= 0 else { return Status.length }
    guard var op = Op(rawOp) else { return Status.param }
    if n == 0 { return Status.ok }
    guard let a, let y else { return Status.null }
    // s op a as a op' s where op' exists: comparisons mirror, + and *
    // commute; - and / keep the scalar on the left.
    if scalarLeft {
      switch op {
      case .gt: op = .lt
      case .ge: op = .le
      case .lt: op = .gt
      case .le: op = .ge
      default: break
      }
    }
    let body: (Range<Int>) -> Void
    switch op {
    case .add: body = { mapScalar(a, s, y, $0) { $0 + $1 } }
    case .sub:
      if scalarLeft {
        body = { mapScalar(a, s, y, $0) { $1 - $0 } }
      } else {
        body = { mapScalar(a, s, y, $0) { $0 - $1 } }
      }
    case .mul: body = { mapScalar(a, s, y, $0) { $0 * $1 } }
    case .div:
      if scalarLeft {
        body = { mapScalar(a, s, y, $0) { $1 / $0 } }
      } else {
        body = { mapScalar(a, s, y, $0) { $0 / $1 } }
      }
    case .eq: body = { mapScalar(a, s, y, $0) { $0 == $1 ? 1 : 0 } }
    case .ne: body = { mapScalar(a, s, y, $0) { $0 != $1 ? 1 : 0 } }
    case .gt: body = { mapScalar(a, s, y, $0) { $0 > $1 ? 1 : 0 } }
    case .ge: body = { mapScalar(a, s, y, $0) { $0 >= $1 ? 1 : 0 } }
    case .lt: body = { mapScalar(a, s, y, $0) { $0 < $1 ? 1 : 0 } }
    case .le: body = { mapScalar(a, s, y, $0) { $0 <= $1 ? 1 : 0 } }
    case .mod:
      if scalarLeft {
        body = { mapScalar(a, s, y, $0) { mod($1, $0) } }
      } else {
        body = { mapScalar(a, s, y, $0) { mod($0, $1) } }
      }
    }
    return status(Float32Values.run(options, count: Int(n), body))
  }

  /// MXNet 1.x's `mshadow_op::mod` for float32, branch for branch: the
  /// remainder with the sign of the divisor, from `fmod` in double; the
  /// divisor is added in double before the one rounding to float32; 0 for
  /// a zero divisor.
  @inline(__always)
  static func mod(_ a: Float, _ b: Float) -> Float {
    let da = Double(a), db = Double(b)
    if b == 0 { return 0 }
    if b < 0 {
      if a < 0 { return Float(-remainder(-da, -db)) }
      let r = remainder(da, -db)
      return Float(r + (r != 0 ? db : 0))
    }
    if a < 0 {
      let r = remainder(-da, db)
      return Float(-r + (r != 0 ? db : 0))
    }
    return Float(remainder(da, db))
  }

  /// `fmod(x, y)` for float32 values x >= 0 (or NaN) and y > 0 (or NaN).
  /// When 0 < x < 2^24 y, with both finite, x - trunc(x / y) y is exact in
  /// double and equal to fmod: the quotient is below 2^24, so rounding
  /// x / y cannot cross an integer (float32 operands keep x / y at least
  /// 2^-24 from any integer it does not equal), trunc(x / y) y needs at
  /// most 48 bits, and the difference is a multiple of the operands'
  /// spacing below y. Other cases (zeros, keeping the sign of -0,
  /// infinities, NaN, large quotients) go to fmod.
  @inline(__always)
  static func remainder(_ x: Double, _ y: Double) -> Double {
    if x > 0, y.isFinite, x < y * 16_777_216 {
      return x - Double(Int64(x / y)) * y
    }
    return fmod(x, y)
  }

  @inline(__always)
  private static func map(
    _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>,
    _ y: UnsafeMutablePointer<Float>, _ range: Range<Int>,
    _ f: (Float, Float) -> Float
  ) {
    for i in range { y[i] = Float32Values.canonical(f(a[i], b[i])) }
  }

  @inline(__always)
  private static func mapScalar(
    _ a: UnsafePointer<Float>, _ s: Float,
    _ y: UnsafeMutablePointer<Float>, _ range: Range<Int>,
    _ f: (Float, Float) -> Float
  ) {
    for i in range { y[i] = Float32Values.canonical(f(a[i], s)) }
  }

  private static func status(_ completed: Bool) -> Int32 {
    completed ? Status.ok : Status.interrupted
  }
}
