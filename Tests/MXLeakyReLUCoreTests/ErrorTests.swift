import CMXLeakyReLU
import Testing

/// Counts calls and asks to stop when `stop` is set.
final class InterruptProbe {
  var calls = 0
  var stop: Bool
  init(stop: Bool) { self.stop = stop }
}

private func probeCallback(_ data: UnsafeMutableRawPointer?) -> Int32 {
  guard let data else { return 0 }
  let probe = Unmanaged<InterruptProbe>.fromOpaque(data).takeUnretainedValue()
  probe.calls += 1
  return probe.stop ? 1 : 0
}

@Suite struct ErrorTests {
  let x = [1.0, -1.0, 2.0, -2.0]

  func status(_ o: mxlr_options, n: Int64 = 4, gamma: [Double]? = nil, channels: Int64 = 0, inner: Int64 = 0) -> Int32 {
    var o = o
    var y = [Double](repeating: 0, count: 4)
    return y.withUnsafeMutableBufferPointer {
      mxlr_forward_f64(x, $0.baseAddress, n, &o, gamma, channels, inner)
    }
  }

  func statusF32(_ o: mxlr_options, n: Int64 = 4, gamma: [Float]? = nil, channels: Int64 = 0, inner: Int64 = 0) -> Int32 {
    var o = o
    var y = [Float](repeating: 0, count: 4)
    return y.withUnsafeMutableBufferPointer {
      mxlr_forward_f32([1, -1, 2, -2], $0.baseAddress, n, &o, gamma, channels, inner)
    }
  }

  @Test func lengths() {
    #expect(status(options(leaky), n: -1) == statusLength)
    #expect(statusF32(options(leaky), n: -1) == statusLength)
    var o = options(leaky)
    var buffer = [0.0]
    #expect(mxlr_backward_f64(x, x, &buffer, -3, &o, nil, 0, 0, nil, nil) == statusLength)
    #expect(mxlr_rrelu_train_f32(nil, nil, nil, -1, &o, 0) == statusLength)
    #expect(mxlr_forward_f64(nil, nil, Int64.min, nil, nil, 0, 0) == statusLength)
  }

  @Test func nullPointers() {
    var o = options(leaky)
    var y = [0.0, 0, 0, 0]
    var yf: [Float] = [0, 0, 0, 0]
    #expect(mxlr_forward_f64(nil, &y, 4, &o, nil, 0, 0) == statusNull)
    #expect(mxlr_forward_f64(x, nil, 4, &o, nil, 0, 0) == statusNull)
    #expect(mxlr_forward_f64(x, &y, 4, nil, nil, 0, 0) == statusNull)
    #expect(mxlr_forward_f32(nil, &yf, 4, &o, nil, 0, 0) == statusNull)
    #expect(mxlr_backward_f64(nil, x, &y, 4, &o, nil, 0, 0, nil, nil) == statusNull)
    #expect(mxlr_backward_f64(x, nil, &y, 4, &o, nil, 0, 0, nil, nil) == statusNull)
    #expect(mxlr_backward_f32(yf, yf, nil, 4, &o, nil, 0, 0, nil, nil) == statusNull)
    var df = yf
    #expect(mxlr_backward_f32(yf, yf, &df, 4, nil, nil, 0, 0, nil, nil) == statusNull)
    #expect(mxlr_rrelu_train_f64(x, &y, nil, 4, &o, 1) == statusNull)
    #expect(mxlr_rrelu_train_f32(nil, &yf, &df, 4, &o, 1) == statusNull)
    var m = y
    #expect(mxlr_rrelu_train_f64(x, &y, &m, 4, nil, 1) == statusNull)
    // prelu needs gamma, and dgamma in backward.
    var p = options(prelu)
    #expect(mxlr_forward_f64(x, &y, 4, &p, nil, 1, 1) == statusNull)
    var dg = [0.0]
    #expect(mxlr_backward_f64(x, x, &y, 4, &p, nil, 1, 1, &dg, nil) == statusNull)
    #expect(mxlr_backward_f64(x, x, &y, 4, &p, [0.1], 1, 1, nil, nil) == statusNull)
    // n == 0: every pointer may be NULL but prelu's dgamma, which the
    // backward pass still sets (to zeros).
    #expect(mxlr_forward_f64(nil, nil, 0, &o, nil, 0, 0) == statusOK)
    #expect(mxlr_forward_f32(nil, nil, 0, nil, nil, 0, 0) == statusOK)
    #expect(mxlr_backward_f64(nil, nil, nil, 0, &p, nil, 1, 1, nil, nil) == statusNull)
    dg = [7.0]
    #expect(mxlr_backward_f64(nil, nil, nil, 0, &p, nil, 1, 1, &dg, nil) == statusOK)
    #expect(dg == [0.0])
    #expect(mxlr_backward_f64(nil, nil, nil, 0, &o, nil, 1, 1, nil, nil) == statusOK)
    #expect(mxlr_rrelu_train_f32(nil, nil, nil, 0, &o, 0) == statusOK)
  }

  @Test func actTypes() {
    for bad: Int32 in [-1, 7, 100, .max, .min] {
      #expect(status(options(bad)) == statusActType)
      var o = options(bad)
      let y: [Float] = [0, 0, 0, 0]
      var d = y
      #expect(mxlr_backward_f32(y, y, &d, 4, &o, nil, 0, 0, nil, nil) == statusActType)
    }
    // rrelu training ignores act_type.
    var o = options(99)
    var y = [0.0, 0, 0, 0]
    var m = y
    #expect(mxlr_rrelu_train_f64(x, &y, &m, 4, &o, 1) == statusOK)
  }

  @Test func parameters() {
    for bad in [Double.nan, .infinity, -.infinity] {
      #expect(status(options(leaky, slope: bad)) == statusParam)
      #expect(statusF32(options(elu, slope: bad)) == statusParam)
      #expect(status(options(rrelu, lower: bad)) == statusParam)
      #expect(status(options(rrelu, upper: bad)) == statusParam)
      // Unused parameters are not checked.
      #expect(status(options(selu, slope: bad, lower: bad)) == statusOK)
      #expect(status(options(gelu, slope: bad, upper: bad)) == statusOK)
      #expect(status(options(prelu, slope: bad), gamma: [0.1], channels: 1) == statusOK)
      #expect(status(options(leaky, lower: bad, upper: bad)) == statusOK)
    }
    #expect(status(options(rrelu, lower: 0.5, upper: 0.25)) == statusParam)
    // Finite in Double but not in Float.
    #expect(statusF32(options(leaky, slope: 1e300)) == statusParam)
    #expect(statusF32(options(rrelu, lower: -1e300, upper: 0)) == statusParam)
    #expect(status(options(leaky, slope: 1e300)) == statusOK)
    var o = options(rrelu, lower: 0.4, upper: 0.3)
    var y = [0.0, 0, 0, 0]
    var m = y
    #expect(mxlr_rrelu_train_f64(x, &y, &m, 4, &o, 1) == statusParam)
  }

  @Test func preluLayouts() {
    let p = options(prelu)
    #expect(status(p, gamma: [0.1], channels: 0, inner: 1) == statusLength)
    #expect(status(p, gamma: [0.1], channels: -2, inner: 1) == statusLength)
    #expect(status(p, gamma: [0.1, 0.2], channels: 2, inner: 0) == statusLength)
    #expect(status(p, gamma: [0.1, 0.2], channels: 2, inner: -1) == statusLength)
    #expect(status(p, gamma: [0.1, 0.2, 0.3], channels: 3, inner: 1) == statusLength)
    #expect(status(p, gamma: [0.1, 0.2], channels: 2, inner: 4) == statusLength)
    #expect(status(p, gamma: [0.1], channels: .max, inner: .max) == statusLength)
    #expect(statusF32(p, gamma: [0.1, 0.2], channels: 2, inner: 3) == statusLength)
    #expect(status(p, gamma: [0.1, 0.2], channels: 2, inner: 2) == statusOK)
    // An empty array may have zero extents; dgamma is still zeroed.
    var o = p
    #expect(mxlr_forward_f64(nil, nil, 0, &o, nil, 0, 0) == statusOK)
    var dgamma = [1.0, 1.0]
    #expect(
      mxlr_backward_f64(nil, nil, nil, 0, &o, nil, 2, 0, &dgamma, nil)
        == statusOK)
    #expect(dgamma == [0.0, 0.0])
    #expect(status(p, gamma: [0.1], channels: 1, inner: -5) == statusOK)
  }

  @Test func interrupt() {
    let n = 6 << 20
    let x = [Double](repeating: -1, count: n)
    var y = [Double](repeating: 0, count: n)
    for threads: Int32 in [1, 2] {
      for stop in [true, false] {
        let probe = InterruptProbe(stop: stop)
        var o = options(elu, slope: 1, threads: threads)
        o.interrupt = probeCallback
        o.interrupt_data = Unmanaged.passUnretained(probe).toOpaque()
        let s = withExtendedLifetime(probe) {
          mxlr_forward_f64(x, &y, Int64(n), &o, nil, 0, 0)
        }
        #expect(s == (stop ? statusInterrupted : statusOK))
        #expect(probe.calls >= 1)
        var m = y
        let t = withExtendedLifetime(probe) {
          mxlr_rrelu_train_f64(x, &y, &m, Int64(n), &o, 1)
        }
        #expect(t == (stop ? statusInterrupted : statusOK))
        o.act_type = prelu
        var dg = [0.0]
        let b = withExtendedLifetime(probe) {
          mxlr_backward_f64(x, x, &y, Int64(n), &o, [0.5], 1, 1, &dg, nil)
        }
        #expect(b == (stop ? statusInterrupted : statusOK))
      }
    }
  }

  @Test func messages() {
    for code: Int32 in [0, 1, 2, 3, 4, 5, 6, -1] {
      let message = String(cString: mxlr_status_message(code))
      #expect(!message.isEmpty)
    }
    #expect(String(cString: mxlr_status_message(statusOK)) == "success")
  }
}
