import CMXLeakyReLU
import Testing

@Suite struct ThreadTests {
  func checkIndependence<T: TestReal>(_: T.Type) {
    let n = 300_000
    let x: [T] = inputs(n, seed: 31) + [T.nan, .infinity, -.infinity]
    let dy: [T] = inputs(x.count, seed: 32)
    for act in elementwiseActs + [prelu] {
      var runs: [[T]] = []
      for threads: Int32 in [1, 2, 8] {
        let o = options(act, threads: threads)
        let (s1, y) = forward(x, o, gamma: [0.1, 0.2, 0.3], channels: 3, inner: 1)
        let (s2, dx, dg) = backward(dy, x, o, gamma: [0.1, 0.2, 0.3], channels: 3, inner: 1)
        #expect(s1 == statusOK && s2 == statusOK)
        runs.append(y + dx + (act == prelu ? dg : []))
      }
      #expect(sameBits(runs[0], runs[1]), "act \(act)")
      #expect(sameBits(runs[0], runs[2]), "act \(act)")
    }
    let mask: [T] = inputs(x.count, seed: 33, scale: 0.5)
    let r1 = backward(dy, x, options(rrelu, threads: 1), mask: mask).dx
    let r8 = backward(dy, x, options(rrelu, threads: 8), mask: mask).dx
    #expect(sameBits(r1, r8))
  }

  @Test func doubleIndependentOfThreads() { checkIndependence(Double.self) }
  @Test func floatIndependentOfThreads() { checkIndependence(Float.self) }

  @Test func availableCores() {
    let cores = mxlr_available_cores()
    #expect(cores >= 1)
  }
}
