import CMXLeakyReLU
import Foundation
import Glibc
@testable import MXLeakyReLUCore
import Testing

/// The fixture of tools/accuracy_fixture.py: x, the tanh form of GELU and
/// its derivative, correctly rounded from 50-digit arithmetic.
func tanhGeluFixture() -> (x: [Double], y: [Double], dy: [Double]) {
  let url = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
    .appendingPathComponent("R-package/tests/testthat/fixtures/gelu-tanh-exact.csv")
  let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
  var x: [Double] = []
  var y: [Double] = []
  var dy: [Double] = []
  for line in text.split(separator: "\n").dropFirst() {
    let f = line.split(separator: ",").compactMap { Double(String($0)) }
    guard f.count == 3 else { continue }
    x.append(f[0])
    y.append(f[1])
    dy.append(f[2])
  }
  return (x, y, dy)
}

/// Units in the last place of `reference`, subnormal spacing included.
func ulpsSubnormal(_ value: Double, _ reference: Double) -> Double {
  if value == reference { return 0 }
  if !value.isFinite || !reference.isFinite { return .infinity }
  let spacing = max(reference.ulp, Double.leastNonzeroMagnitude)
  return abs(value - reference) / spacing
}

#if arch(x86_64) || arch(i386)
/// The tanh form of GELU at x in 64-bit arithmetic (Glibc's expl): the
/// value x·σ, its derivative σ + x·2u′·σ(1 − σ) and σ = (1 + tanh u)/2,
/// with σ from e = e^(−2|u|) so that neither side cancels.
func tanhGeluReference80(_ x: Float80) -> (Float80, Float80, Float80) {
  let c: Float80 = 0.797884560802865355879892119868763737
  let u = c * (x + 0.044715 * x * x * x)
  let twoDu = 2 * c * (1 + 3 * 0.044715 * x * x)
  let e = Glibc.expl(-2 * abs(u))
  let sigma = x > 0 ? 1 / (1 + e) : e / (1 + e)
  let derivative = sigma + x * twoDu * e / ((1 + e) * (1 + e))
  return (x * sigma, derivative, sigma)
}
#endif

@Suite struct GELUTanhTests {
  /// Forward within 3 ulp of the 50-digit value over [−30, 8], the
  /// subnormal results of the negative tail included.
  @Test func forwardAgainstExact() {
    let f = tanhGeluFixture()
    #expect(f.x.count >= 6000)
    let (_, y) = forward(f.x, options(geluTanh))
    var worst = 0.0
    var at = 0.0
    for i in f.x.indices {
      let d = ulpsSubnormal(y[i], f.y[i])
      if d > worst { worst = d; at = f.x[i] }
    }
    #expect(worst <= 3, "max ulp \(worst) at \(at)")
  }

  /// Backward within 4 ulp of the 50-digit derivative, measured against
  /// the larger of the result and its first term (1 + tanh u)/2: near
  /// x = −0.75 the derivative crosses zero as its two terms cancel.
  @Test func backwardAgainstExact() {
    let f = tanhGeluFixture()
    let ones = [Double](repeating: 1, count: f.x.count)
    let (_, dx, _) = backward(ones, f.x, options(geluTanh))
    var worst = 0.0
    var at = 0.0
    for i in f.x.indices {
      let u = tanhGeluU(f.x[i]).u
      let s = 1 / (1 + Glibc.exp(-2 * u))
      let scale = max(abs(f.dy[i]), s)
      let spacing = max(scale.ulp, Double.leastNonzeroMagnitude)
      let d = dx[i] == f.dy[i] ? 0 : abs(dx[i] - f.dy[i]) / spacing
      if d > worst { worst = d; at = f.x[i] }
    }
    #expect(worst <= 4, "max ulp \(worst) at \(at)")
  }

  #if arch(x86_64) || arch(i386)
  /// Float within 1 float ulp of the value and of the derivative in
  /// 64-bit (Float80) arithmetic, each measured in its own ulps: down to
  /// where they round to −0 (about −10.8), through the subnormal results
  /// before it (measured there in subnormal spacings) and at the floats
  /// nearest to the derivative's zero (x ≈ −0.7525, where its two terms
  /// cancel), for every instruction set this machine runs; dy times the
  /// derivative too.
  @Test(arguments: ISA.supported) func floatWithinOneUlp(isa: ISA) {
    var x = accuracyPoints(from: -11.5, to: 8, count: 100_000).map { Float($0) }
      + [0, -0.0, 0x1p-30, -0x1p-30, 0x1p-140, -0x1p-140, 12, -12, 13, -13]
    var near: Float = -0.7524614220710162584879544432889160906054
    for _ in 0 ..< 200 { near = near.nextDown }
    for _ in 0 ..< 400 {
      x.append(near)
      near = near.nextUp
    }
    let y = forward(x, geluTanh, isa: isa)
    let dx = backward([Float](repeating: 1, count: x.count), x, geluTanh, isa: isa)
    let dy: [Float] = inputs(x.count, seed: 3, scale: 2)
    let g = backward(dy, x, geluTanh, isa: isa)
    var worst = (value: 0.0, at: Float(0), derivative: 0.0, dAt: Float(0),
                 product: 0.0)
    func units(_ got: Float, _ exact: Float80) -> Double {
      let s = max(Float(exact).magnitude.ulp, Float.leastNonzeroMagnitude)
      return Double(abs(Float80(got) - exact) / Float80(s))
    }
    for i in x.indices {
      let (value, derivative, _) = tanhGeluReference80(Float80(x[i]))
      let d = units(y[i], value)
      if d > worst.value { worst.value = d; worst.at = x[i] }
      let dd = units(dx[i], derivative)
      if dd > worst.derivative { worst.derivative = dd; worst.dAt = x[i] }
      worst.product = max(
        worst.product, units(g[i], Float80(dy[i]) * derivative))
    }
    // dy times the derivative, rounded once.
    #expect(worst.product <= 1, "\(isa) product max ulp \(worst.product)")
    #expect(worst.value <= 1, "\(isa) max ulp \(worst.value) at \(worst.at)")
    #expect(
      worst.derivative <= 1,
      "\(isa) derivative max ulp \(worst.derivative) at \(worst.dAt)")
  }
  #endif

  /// Odd symmetry of the two forms: f(x) − f(−x) = x exactly in the
  /// formula; checked to rounding.
  @Test func symmetry() {
    let x: [Double] = inputs(5000, seed: 3, scale: 6)
    let (_, a) = forward(x, options(geluTanh))
    let (_, b) = forward(x.map { -$0 }, options(geluTanh))
    for i in x.indices {
      #expect(close(a[i] - b[i], x[i], rel: 4e-16, abs: 4e-16 * abs(a[i])),
              "x \(x[i])")
    }
  }

  /// Special values: NaN payloads kept, ±Inf, signed zero, huge inputs.
  @Test func specialValues() {
    let x: [Double] = [rNA, .infinity, -.infinity, 0, -0.0, 1e300, -1e300]
    let (_, y) = forward(x, options(geluTanh))
    #expect(y[0].bitPattern == rNA.bitPattern)
    #expect(y[1] == .infinity)
    #expect(y[2] == 0 && y[5] == 1e300 && y[6] == 0)
    #expect(y[3] == 0 && y[4] == 0)
    let (_, g, _) = backward([Double](repeating: 2, count: x.count), x, options(geluTanh))
    #expect(g[0].bitPattern == rNA.bitPattern)
    #expect(g[1] == 2 && g[2] == 0 && g[3] == 1 && g[4] == 1)
    #expect(g[5] == 2 && g[6] == 0)
  }
}
