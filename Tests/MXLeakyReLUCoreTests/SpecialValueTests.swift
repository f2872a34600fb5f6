import CMXLeakyReLU
import Glibc
import Testing

@Suite struct SpecialValueTests {

  /// NA (a NaN with payload 1954) keeps its exact bits through forward and
  /// backward, and another NaN payload likewise.
  @Test func naPayloadKept() {
    let other = Double(nan: 77, signaling: false)
    let x = [rNA, 1.0, other, -2.0]
    for act in allActs {
      let o = options(act)
      let (_, y) = forward(x, o, gamma: [0.2], channels: 1)
      #expect(y[0].bitPattern == rNA.bitPattern, "act \(act)")
      #expect(y[2].bitPattern == other.bitPattern, "act \(act)")
      let (_, dx, _) = backward(
        [1, 1, 1, 1], x, o, gamma: [0.2], channels: 1)
      #expect(dx[0].bitPattern == rNA.bitPattern, "act \(act)")
      #expect(dx[2].bitPattern == other.bitPattern, "act \(act)")
      // A NaN dy passes through where x is not NaN.
      let (_, dx2, _) = backward(
        [rNA, rNA, rNA, rNA], [1.0, -1.0, 2.0, -3.0], o, gamma: [0.2],
        channels: 1)
      #expect(dx2.allSatisfy { $0.bitPattern == rNA.bitPattern }, "act \(act)")
    }
    let (_, t, _) = train([rNA, -1.0], options(rrelu), seed: 1)
    #expect(t[0].bitPattern == rNA.bitPattern)
  }

  @Test func floatNaNKept() {
    let nan = Float(nan: 0x1234, signaling: false)
    for act in allActs {
      let (_, y) = forward([nan, -1], options(act), gamma: [0.2], channels: 1)
      #expect(y[0].bitPattern == nan.bitPattern, "act \(act)")
      let (_, dx, _) = backward(
        [1, 1], [nan, -1], options(act), gamma: [0.2], channels: 1)
      #expect(dx[0].bitPattern == nan.bitPattern, "act \(act)")
    }
  }

  func checkInfinities<T: TestReal>(_: T.Type) {
    let x: [T] = [.infinity, -.infinity]
    let slope = 0.5
    let expected: [Int32: (T, T)] = [
      leaky: (.infinity, -.infinity),
      elu: (.infinity, T(-slope)),
      selu: (.infinity, T(-(seluLambda * seluAlpha))),
      rrelu: (.infinity, -.infinity),
      gelu: (.infinity, 0),
      prelu: (.infinity, -.infinity),
    ]
    for (act, (plus, minus)) in expected {
      let (s, y) = forward(x, options(act, slope: slope), gamma: [0.5], channels: 1)
      #expect(s == statusOK)
      #expect(y[0] == plus, "act \(act)")
      #expect(
        close(Double(y[1]), Double(minus), rel: T.tolerance), "act \(act): \(y[1])")
      let (_, dx, _) = backward(
        [1, 1], x, options(act, slope: slope), gamma: [0.5], channels: 1)
      #expect(!dx[0].isNaN && !dx[1].isNaN, "act \(act)")
    }
    // Derivatives at the infinities.
    let (_, g, _) = backward([2, 2], x, options(gelu))
    #expect(g == [2, 0])
    let (_, e, _) = backward([2, 2], x, options(elu, slope: 0.5))
    #expect(e == [2, 0])
  }

  @Test func infinitiesDouble() { checkInfinities(Double.self) }
  @Test func infinitiesFloat() { checkInfinities(Float.self) }

  @Test func signedZeros() {
    let (_, y) = forward([0.0, -0.0], options(leaky, slope: 0.5))
    #expect(y[0].bitPattern == 0.0.bitPattern)
    #expect(y[1].bitPattern == (-0.0).bitPattern)
    let (_, n) = forward([-0.0], options(leaky, slope: -0.5))
    #expect(n[0].bitPattern == 0.0.bitPattern)
    // Derivative at 0 is the negative branch.
    let (_, d, _) = backward([1.0, 1.0], [0.0, -0.0], options(leaky, slope: 0.25))
    #expect(d == [0.25, 0.25])
    let (_, e, _) = backward([1.0], [0.0], options(elu, slope: 0.25))
    #expect(e == [0.25])
    let (_, s, _) = backward([1.0], [0.0], options(selu))
    #expect(close(s[0], seluLambda * seluAlpha, rel: 1e-15))
    let (_, g, _) = backward([1.0], [0.0], options(gelu))
    #expect(g[0] == 0.5)
  }

  @Test func denormalsAndHugeValues() {
    let d = Double.leastNonzeroMagnitude * 100
    let x = [d, -d, 1e308, -1e308, Double.greatestFiniteMagnitude]
    let (_, l) = forward(x, options(leaky, slope: 0.5))
    #expect(l == [d, -d * 0.5, 1e308, -5e307, .greatestFiniteMagnitude])
    let (_, e) = forward(x, options(elu, slope: 2))
    #expect(e[1] == -2 * d && e[3] == -2)
    let (_, s) = forward(x, options(selu))
    #expect(s[2] == seluLambda * 1e308 && close(s[3], -seluLambda * seluAlpha, rel: 1e-15))
    let (_, g) = forward(x, options(gelu))
    #expect(g[0] > 0 && g[0] <= d && g[1] <= 0 && g[2] == 1e308 && g[3] == 0)
    let (_, gd, _) = backward([1, 1, 1, 1, 1], x, options(gelu))
    #expect(gd[2] == 1 && gd[3] == 0 && gd[0] == 0.5)
    let (_, f) = forward([Float.leastNonzeroMagnitude, -Float.leastNormalMagnitude / 2, -1e30], options(elu, slope: 1))
    #expect(f[0] == .leastNonzeroMagnitude && f[1] == -Float.leastNormalMagnitude / 2 && f[2] == -1)
  }
}
