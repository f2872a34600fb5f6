import CMXLeakyReLU

/// The header's status codes as `Int32`.
enum Status {
  static let ok = Int32(MXLR_OK.rawValue)
  static let null = Int32(MXLR_ERR_NULL.rawValue)
  static let length = Int32(MXLR_ERR_LENGTH.rawValue)
  static let actType = Int32(MXLR_ERR_ACT_TYPE.rawValue)
  static let param = Int32(MXLR_ERR_PARAM.rawValue)
  static let interrupted = Int32(MXLR_ERR_INTERRUPTED.rawValue)

  /// A static, NUL-terminated sentence for `status`.
  static func message(_ status: Int32) -> StaticString {
    switch status {
    case ok: return "success"
    case null: return "a required pointer is NULL"
    case length: return "negative length or inconsistent layout"
    case actType: return "unknown activation type"
    case param:
      return "slope or a bound is not finite, or lower_bound > upper_bound"
    case interrupted: return "the computation was interrupted"
    default: return "unknown status code"
    }
  }
}
