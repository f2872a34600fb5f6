import CMXLeakyReLU
import Testing

@Suite struct PReLUTests {
  /// Checks forward, dx and dgamma against a direct evaluation, with
  /// dgamma summed naively in Double.
  func check<T: TestReal>(
    _: T.Type, n: Int, channels: Int, inner: Int, threads: Int32 = 1
  ) {
    let x: [T] = inputs(n, seed: 3)
    let dy: [T] = inputs(n, seed: 4, scale: 1)
    let gamma: [T] = (0 ..< channels).map { T(0.05 * Double($0 % 13) - 0.2) }
    let o = options(prelu, threads: threads)
    let (s1, y) = forward(
      x, o, gamma: gamma, channels: Int64(channels), inner: Int64(inner))
    let (s2, dx, dgamma) = backward(
      dy, x, o, gamma: gamma, channels: Int64(channels), inner: Int64(inner))
    #expect(s1 == statusOK && s2 == statusOK)
    var sums = [Double](repeating: 0, count: channels)
    var ok = true
    for i in 0 ..< n {
      let c = channels == 1 ? 0 : (i / inner) % channels
      let g = gamma[c]
      ok = ok && y[i] == (x[i] > 0 ? x[i] : g * x[i])
      ok = ok && dx[i] == dy[i] * (x[i] > 0 ? 1 : g)
      sums[c] += Double(dy[i]) * (x[i] > 0 ? 0 : Double(x[i]))
    }
    #expect(ok, "n \(n) channels \(channels) inner \(inner)")
    for c in 0 ..< channels {
      #expect(
        close(Double(dgamma[c]), sums[c], rel: T.tolerance, abs: 1e-9),
        "channel \(c): \(dgamma[c]) vs \(sums[c])")
    }
  }

  @Test func singleChannel() {
    check(Double.self, n: 1000, channels: 1, inner: 1)
    check(Float.self, n: 1000, channels: 1, inner: 99)
    check(Double.self, n: 300_000, channels: 1, inner: 0, threads: 2)
  }

  @Test func channelsWithInner() {
    check(Double.self, n: 3 * 7 * 5, channels: 3, inner: 7)
    check(Float.self, n: 4 * 16 * 10, channels: 4, inner: 16)
    // Several groups of rows summed through partial sums.
    check(Double.self, n: 300_000, channels: 3, inner: 1000, threads: 2)
    check(Float.self, n: 300_000, channels: 3, inner: 1000, threads: 8)
  }

  @Test func oneDimensional() {
    check(Double.self, n: 500, channels: 500, inner: 1)
    check(Float.self, n: 200_000, channels: 200_000, inner: 1, threads: 2)
  }

  @Test func manyChannelsFewRows() {
    // More partial sums than the storage bound: one group of rows.
    check(Double.self, n: 300_000, channels: 100_000, inner: 1, threads: 2)
    check(Double.self, n: 300_000, channels: 1000, inner: 3, threads: 2)
  }

  @Test func dgammaIndependentOfThreads() {
    for (channels, inner) in [(1, 1), (3, 1000), (100_000, 1), (2, 75_000)] {
      let n = 300_000
      let x: [Double] = inputs(n, seed: 11)
      let dy: [Double] = inputs(n, seed: 12)
      let gamma = [Double](repeating: 0.25, count: channels)
      var results: [[Double]] = []
      for threads: Int32 in [1, 2, 8] {
        let (s, dx, dg) = backward(
          dy, x, options(prelu, threads: threads), gamma: gamma,
          channels: Int64(channels), inner: Int64(inner))
        #expect(s == statusOK)
        results.append(dx + dg)
      }
      #expect(sameBits(results[0], results[1]) && sameBits(results[0], results[2]))
    }
  }

  @Test func emptyInputZeroesDgamma() {
    var dgamma = [Double](repeating: 5, count: 3)
    var o = options(prelu)
    let s = dgamma.withUnsafeMutableBufferPointer {
      mxlr_backward_f64(nil, nil, nil, 0, &o, nil, 3, 2, $0.baseAddress, nil)
    }
    #expect(s == statusOK && dgamma == [0, 0, 0])
  }

  /// dx may be the same buffer as dy; dgamma still uses the original dy,
  /// for short runs of a channel (inner 3), long ones (inner 7) and one
  /// channel.
  @Test(arguments: [(2, 3), (2, 7), (1, 1)])
  func inPlaceBackward(channels: Int, inner: Int) {
    let x: [Double] = inputs(588, seed: 2)
    let dy: [Double] = inputs(588, seed: 3)
    let gamma = Array([0.1, 0.2].prefix(channels))
    let (_, dx, dg) = backward(
      dy, x, options(prelu), gamma: gamma, channels: Int64(channels),
      inner: Int64(inner))
    var buffer = dy
    var dgamma = [Double](repeating: 0, count: channels)
    var o = options(prelu)
    let s = buffer.withUnsafeMutableBufferPointer { b in
      dgamma.withUnsafeMutableBufferPointer { g in
        mxlr_backward_f64(
          b.baseAddress, x, b.baseAddress, 588, &o, gamma, Int64(channels),
          Int64(inner), g.baseAddress, nil)
      }
    }
    #expect(s == statusOK && buffer == dx && dgamma == dg)
  }
}
