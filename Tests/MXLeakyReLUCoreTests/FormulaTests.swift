import CMXLeakyReLU
import Glibc
import Testing

@Suite struct FormulaTests {
  /// Forward and backward of every elementwise activation against the
  /// reference formulas, parameters rounded to the working type first.
  func checkFormulas<T: TestReal>(_: T.Type) {
    let x: [T] = inputs(2001, scale: 8) + [0, -0, 1e-3, -1e-3, 30, -30]
    let dy: [T] = inputs(x.count, seed: 9, scale: 2)
    for act in elementwiseActs {
      let o = options(act, slope: 0.3)
      let slope = Double(T(0.3))
      let lower = Double(T(0.125))
      let upper = Double(T(0.375))
      let (s1, y) = forward(x, o)
      let (s2, dx, _) = backward(dy, x, o)
      #expect(s1 == statusOK && s2 == statusOK)
      for i in x.indices {
        let xi = Double(x[i])
        let r = referenceValue(
          act, xi, slope: slope, lower: lower, upper: upper)
        // erf-based GELU loses relative accuracy for negative x.
        let absTol = act == gelu || act == geluTanh ? 1e-15 : 1e-300
        #expect(
          close(Double(y[i]), r, rel: T.tolerance, abs: absTol),
          "act \(act) x \(xi): \(y[i]) vs \(r)")
        let d = Double(dy[i]) * referenceDerivative(
          act, xi, slope: slope, lower: lower, upper: upper)
        // GELU's derivative crosses zero near x = −0.75, where its two
        // terms cancel: the error there is relative to |dy|.
        let gradTol =
          act == gelu || act == geluTanh
          ? T.tolerance * abs(Double(dy[i])) : absTol
        #expect(
          close(Double(dx[i]), d, rel: T.tolerance, abs: gradTol),
          "act \(act) x \(xi): dx \(dx[i]) vs \(d)")
      }
    }
  }

  @Test func formulasDouble() { checkFormulas(Double.self) }
  @Test func formulasFloat() { checkFormulas(Float.self) }

  /// Leaky and rrelu inference in Float are exactly a Float multiply by the
  /// Float-converted slope.
  @Test func floatParametersConvertedFirst() {
    let x: [Float] = inputs(1000)
    let (_, y) = forward(x, options(leaky, slope: 0.1))
    #expect(sameBits(y, x.map { $0 > 0 ? $0 : $0 * Float(0.1) }))
    let (_, r) = forward(x, options(rrelu, lower: 0.1, upper: 0.7))
    let mean = (Float(0.1) + Float(0.7)) / 2
    #expect(sameBits(r, x.map { $0 > 0 ? $0 : $0 * mean }))
    let (_, d) = forward(
      x.map(Double.init), options(rrelu, lower: 0.1, upper: 0.7))
    #expect(sameBits(d, x.map { Double($0) > 0 ? Double($0) : Double($0) * ((0.1 + 0.7) / 2) }))
  }

  /// GELU keeps relative accuracy far in the negative tail (up to the
  /// x²-amplified rounding of x/√2).
  @Test func geluNegativeTail() {
    let x = [-10.0, -20.0, -30.0]
    let (_, y) = forward(x, options(gelu))
    for (xi, yi) in zip(x, y) {
      let r = 0.5 * xi * Glibc.erfc(-xi / 2.0.squareRoot())
      #expect(yi < 0 && close(yi, r, rel: 1e-15 * xi * xi), "\(yi) vs \(r)")
    }
  }

  /// Central finite differences agree with the backward pass away from 0.
  @Test func backwardMatchesFiniteDifferences() {
    let x: [Double] = inputs(400, seed: 5, scale: 5).filter { abs($0) > 0.01 }
    let h = 1e-6
    for act in elementwiseActs {
      let o = options(act, slope: 0.7)
      let (_, up) = forward(x.map { $0 + h }, o)
      let (_, down) = forward(x.map { $0 - h }, o)
      let (_, dx, _) = backward([Double](repeating: 1, count: x.count), x, o)
      for i in x.indices {
        let fd = (up[i] - down[i]) / (2 * h)
        #expect(close(dx[i], fd, rel: 1e-6, abs: 1e-8), "act \(act) x \(x[i])")
      }
    }
    // prelu and rrelu with a mask.
    let gamma = [0.35]
    let (_, up) = forward(x.map { $0 + h }, options(prelu), gamma: gamma, channels: 1)
    let (_, down) = forward(x.map { $0 - h }, options(prelu), gamma: gamma, channels: 1)
    let (_, dx, _) = backward(
      [Double](repeating: 1, count: x.count), x, options(prelu), gamma: gamma,
      channels: 1)
    for i in x.indices {
      #expect(close(dx[i], (up[i] - down[i]) / (2 * h), rel: 1e-6, abs: 1e-8))
    }
  }
}
