import CMXLeakyReLU

// The C entry points of the float32 arithmetic and conversion section of
// mxleakyrelu.h.

@_cdecl("mxlr_binary_f32")
public func mxlrBinaryF32(
  _ a: UnsafePointer<Float>?, _ b: UnsafePointer<Float>?,
  _ y: UnsafeMutablePointer<Float>?, _ n: Int64, _ op: Int32,
  _ opt: UnsafePointer<mxlr_options>?
) -> Int32 {
  Arithmetic.binary(a, b, y, n, op, opt)
}

@_cdecl("mxlr_scalar_f32")
public func mxlrScalarF32(
  _ a: UnsafePointer<Float>?, _ s: Float, _ scalarLeft: Int32,
  _ y: UnsafeMutablePointer<Float>?, _ n: Int64, _ op: Int32,
  _ opt: UnsafePointer<mxlr_options>?
) -> Int32 {
  Arithmetic.scalar(a, s, scalarLeft != 0, y, n, op, opt)
}

@_cdecl("mxlr_f64_to_f32")
public func mxlrF64ToF32(
  _ x: UnsafePointer<Double>?, _ y: UnsafeMutablePointer<Float>?, _ n: Int64,
  _ opt: UnsafePointer<mxlr_options>?
) -> Int32 {
  Float32Values.fromDouble(x, y, n, opt)
}

@_cdecl("mxlr_f32_to_f64")
public func mxlrF32ToF64(
  _ x: UnsafePointer<Float>?, _ y: UnsafeMutablePointer<Double>?, _ n: Int64,
  _ opt: UnsafePointer<mxlr_options>?
) -> Int32 {
  Float32Values.toDouble(x, y, n, opt)
}

@_cdecl("mxlr_decode_f32")
public func mxlrDecodeF32(
  _ src: UnsafeRawPointer?, _ dtype: Int32, _ y: UnsafeMutablePointer<Float>?,
  _ n: Int64, _ opt: UnsafePointer<mxlr_options>?
) -> Int32 {
  Float32Values.decode(src, dtype, y, n, opt)
}

@_cdecl("mxlr_dtype_size")
public func mxlrDtypeSize(_ dtype: Int32) -> Int32 {
  Int32(Float32Values.size(of: dtype))
}
