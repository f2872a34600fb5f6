import CMXLeakyReLU

// The C entry points declared in mxleakyrelu.h.

@_cdecl("mxlr_forward_f64")
public func mxlrForwardF64(
  _ x: UnsafePointer<Double>?, _ y: UnsafeMutablePointer<Double>?,
  _ n: Int64, _ opt: UnsafePointer<mxlr_options>?,
  _ gamma: UnsafePointer<Double>?, _ channels: Int64, _ inner: Int64
) -> Int32 {
  Operations.forward(x, y, n, opt, gamma, channels, inner)
}

@_cdecl("mxlr_forward_f32")
public func mxlrForwardF32(
  _ x: UnsafePointer<Float>?, _ y: UnsafeMutablePointer<Float>?,
  _ n: Int64, _ opt: UnsafePointer<mxlr_options>?,
  _ gamma: UnsafePointer<Float>?, _ channels: Int64, _ inner: Int64
) -> Int32 {
  Operations.forward(x, y, n, opt, gamma, channels, inner)
}

@_cdecl("mxlr_rrelu_train_f64")
public func mxlrRReLUTrainF64(
  _ x: UnsafePointer<Double>?, _ y: UnsafeMutablePointer<Double>?,
  _ mask: UnsafeMutablePointer<Double>?, _ n: Int64,
  _ opt: UnsafePointer<mxlr_options>?, _ seed: UInt64
) -> Int32 {
  Operations.rreluTrain(x, y, mask, n, opt, seed)
}

@_cdecl("mxlr_rrelu_train_f32")
public func mxlrRReLUTrainF32(
  _ x: UnsafePointer<Float>?, _ y: UnsafeMutablePointer<Float>?,
  _ mask: UnsafeMutablePointer<Float>?, _ n: Int64,
  _ opt: UnsafePointer<mxlr_options>?, _ seed: UInt64
) -> Int32 {
  Operations.rreluTrain(x, y, mask, n, opt, seed)
}

@_cdecl("mxlr_backward_f64")
public func mxlrBackwardF64(
  _ dy: UnsafePointer<Double>?, _ x: UnsafePointer<Double>?,
  _ dx: UnsafeMutablePointer<Double>?, _ n: Int64,
  _ opt: UnsafePointer<mxlr_options>?, _ gamma: UnsafePointer<Double>?,
  _ channels: Int64, _ inner: Int64,
  _ dgamma: UnsafeMutablePointer<Double>?, _ mask: UnsafePointer<Double>?
) -> Int32 {
  Operations.backward(
    dy, x, dx, n, opt, gamma, channels, inner, dgamma, mask)
}

@_cdecl("mxlr_backward_f32")
public func mxlrBackwardF32(
  _ dy: UnsafePointer<Float>?, _ x: UnsafePointer<Float>?,
  _ dx: UnsafeMutablePointer<Float>?, _ n: Int64,
  _ opt: UnsafePointer<mxlr_options>?, _ gamma: UnsafePointer<Float>?,
  _ channels: Int64, _ inner: Int64,
  _ dgamma: UnsafeMutablePointer<Float>?, _ mask: UnsafePointer<Float>?
) -> Int32 {
  Operations.backward(
    dy, x, dx, n, opt, gamma, channels, inner, dgamma, mask)
}

@_cdecl("mxlr_status_message")
public func mxlrStatusMessage(_ status: Int32) -> UnsafePointer<CChar> {
  UnsafeRawPointer(Status.message(status).utf8Start)
    .assumingMemoryBound(to: CChar.self)
}

@_cdecl("mxlr_available_cores")
public func mxlrAvailableCores() -> Int32 {
  Int32(clamping: availableCores())
}

@_cdecl("mxlr_act_type_name")
public func mxlrActTypeName(_ act: Int32) -> UnsafePointer<CChar>? {
  mxlr_registry_name(act)
}

@_cdecl("mxlr_act_type_alias")
public func mxlrActTypeAlias(_ i: Int32) -> UnsafePointer<CChar>? {
  mxlr_registry_alias(i)
}

@_cdecl("mxlr_act_type_from_name")
public func mxlrActTypeFromName(_ name: UnsafePointer<CChar>?) -> Int32 {
  mxlr_registry_number(name)
}

@_cdecl("mxlr_act_type_traits")
public func mxlrActTypeTraits(_ act: Int32) -> Int32 {
  mxlr_registry_traits(act)
}

@_cdecl("mxlr_thread_cap")
public func mxlrThreadCap() -> Int32 {
  Int32(clamping: threadCap())
}

@_cdecl("mxlr_isa_name")
public func mxlrISAName() -> UnsafePointer<CChar> {
  ISA.current.name
}

@_cdecl("mxlr_select_isa")
public func mxlrSelectISA(_ name: UnsafePointer<CChar>?) -> UnsafePointer<CChar>? {
  guard let name, let isa = ISA.select(name) else { return nil }
  return isa.name
}
