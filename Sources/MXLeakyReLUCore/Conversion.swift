import CMXLeakyReLU

/// Conversions between double precision, MXNet's file element types and
/// float32, and what the float32 entry points share.
enum Float32Values {
  /// The one NaN the float32 entry points write.
  static let nan = Float(bitPattern: 0x7FC0_0000)

  @inline(__always)
  static func canonical(_ value: Float) -> Float {
    value.isNaN ? nan : value
  }

  /// Runs `body` over `0 ..< count` on the threads of `options` (one when
  /// nil), polling its interrupt callback between chunks; false when
  /// interrupted.
  static func run(
    _ options: UnsafePointer<mxlr_options>?, count: Int,
    _ body: (Range<Int>) -> Void
  ) -> Bool {
    let threads = options?.pointee.threads ?? 1
    let interrupt = Interrupt(
      callback: options?.pointee.interrupt,
      data: options?.pointee.interrupt_data)
    return runChunked(
      units: count, unitCost: 1, threads: threads, interrupt: interrupt,
      body: body)
  }

  static func fromDouble(
    _ x: UnsafePointer<Double>?, _ y: UnsafeMutablePointer<Float>?,
    _ n: Int64, _ options: UnsafePointer<mxlr_options>?
  ) -> Int32 {
    guard n >= 0 else { return Status.length }
    if n == 0 { return Status.ok }
    guard let x, let y else { return Status.null }
    let completed = run(options, count: Int(n)) { range in
      for i in range { y[i] = canonical(Float(x[i])) }
    }
    return completed ? Status.ok : Status.interrupted
  }

  static func toDouble(
    _ x: UnsafePointer<Float>?, _ y: UnsafeMutablePointer<Double>?,
    _ n: Int64, _ options: UnsafePointer<mxlr_options>?
  ) -> Int32 {
    guard n >= 0 else { return Status.length }
    if n == 0 { return Status.ok }
    guard let x, let y else { return Status.null }
    let completed = run(options, count: Int(n)) { range in
      for i in range { y[i] = Double(x[i]) }
    }
    return completed ? Status.ok : Status.interrupted
  }

  /// float16 bits to float32, exactly (subnormals, infinities and NaN
  /// included).
  static func halfToFloat(_ h: UInt16) -> Float {
    let sign = UInt32(h & 0x8000) << 16
    let exponent = UInt32(h >> 10) & 0x1F
    let mantissa = UInt32(h & 0x03FF)
    if exponent == 0x1F {
      return mantissa == 0 ? Float(bitPattern: sign | 0x7F80_0000) : nan
    }
    if exponent == 0 {
      // zero or subnormal: mantissa * 2^-24, exact in float32
      let magnitude = Float(mantissa) * 0x1p-24
      return sign != 0 ? -magnitude : magnitude
    }
    return Float(bitPattern: sign | ((exponent + 112) << 23) | (mantissa << 13))
  }

  /// The bytes of one element of `dtype`, 0 for an unknown dtype.
  static func size(of dtype: Int32) -> Int {
    switch dtype {
    case Int32(MXLR_DTYPE_FLOAT32.rawValue), Int32(MXLR_DTYPE_INT32.rawValue):
      return 4
    case Int32(MXLR_DTYPE_FLOAT64.rawValue), Int32(MXLR_DTYPE_INT64.rawValue):
      return 8
    case Int32(MXLR_DTYPE_FLOAT16.rawValue): return 2
    case Int32(MXLR_DTYPE_UINT8.rawValue), Int32(MXLR_DTYPE_INT8.rawValue):
      return 1
    default: return 0
    }
  }

  static func decode(
    _ src: UnsafeRawPointer?, _ dtype: Int32, _ y: UnsafeMutablePointer<Float>?,
    _ n: Int64, _ options: UnsafePointer<mxlr_options>?
  ) -> Int32 {
    guard n >= 0 else { return Status.length }
    let size = Self.size(of: dtype)
    guard size > 0 else { return Status.param }
    if n == 0 { return Status.ok }
    guard let src, let y else { return Status.null }
    @inline(__always)
    func load<T: FixedWidthInteger>(_ i: Int, _: T.Type) -> T {
      T(littleEndian: src.loadUnaligned(fromByteOffset: i &* size, as: T.self))
    }
    let body: (Range<Int>) -> Void
    switch dtype {
    case Int32(MXLR_DTYPE_FLOAT32.rawValue):
      body = { for i in $0 { y[i] = canonical(Float(bitPattern: load(i, UInt32.self))) } }
    case Int32(MXLR_DTYPE_FLOAT64.rawValue):
      body = {
        for i in $0 {
          y[i] = canonical(Float(Double(bitPattern: load(i, UInt64.self))))
        }
      }
    case Int32(MXLR_DTYPE_FLOAT16.rawValue):
      body = { for i in $0 { y[i] = halfToFloat(load(i, UInt16.self)) } }
    case Int32(MXLR_DTYPE_UINT8.rawValue):
      body = { for i in $0 { y[i] = Float(load(i, UInt8.self)) } }
    case Int32(MXLR_DTYPE_INT8.rawValue):
      body = { for i in $0 { y[i] = Float(load(i, Int8.self)) } }
    case Int32(MXLR_DTYPE_INT32.rawValue):
      body = { for i in $0 { y[i] = Float(load(i, Int32.self)) } }
    default:
      body = { for i in $0 { y[i] = Float(load(i, Int64.self)) } }
    }
    let completed = run(options, count: Int(n), body)
    return completed ? Status.ok : Status.interrupted
  }
}
