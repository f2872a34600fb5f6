/// PReLU: leaky ReLU with slope `gamma[c]`, c the channel of the element.
enum PReLU {
  /// The contribution of one element to `dgamma[c]`:
  /// `dy * (x > 0 ? 0 : x)`.
  @inline(__always)
  static func gammaTerm<V: ActivationValue>(_ x: V, _ dy: V) -> V {
    dy * V.select(V.isPositive(x), V(broadcast: 0), x)
  }
}

/// prelu's data layout, `[outer][channels][inner]`: element i is in
/// channel `(i / inner) % channels`.
///
/// A single channel is stored as `channels == 1, inner == 1, outer == n`.
struct PReLULayout {
  var channels: Int
  var inner: Int
  var outer: Int

  /// Checks the header's layout rules; nil when they are broken.
  init?(count n: Int, channels: Int64, inner: Int64) {
    // An empty array may have no channels or an empty inner extent.
    if n == 0 && channels >= 0 && inner >= 0 {
      self.channels = Int(channels)
      self.inner = Int(inner)
      self.outer = 0
      return
    }
    guard channels >= 1 else { return nil }
    if channels == 1 {
      self.channels = 1
      self.inner = 1
      self.outer = n
      return
    }
    guard inner >= 1 else { return nil }
    let (row, overflow) = channels.multipliedReportingOverflow(by: inner)
    if overflow || row > Int64(Int.max) {
      // No positive n is a multiple of a row this long.
      guard n == 0 else { return nil }
      self.channels = Int(channels)
      self.inner = Int(inner)
      self.outer = 0
      return
    }
    guard n % Int(row) == 0 else { return nil }
    self.channels = Int(channels)
    self.inner = Int(inner)
    self.outer = n / Int(row)
  }

  /// Elements in one outer row.
  var rowLength: Int { channels &* inner }
}
