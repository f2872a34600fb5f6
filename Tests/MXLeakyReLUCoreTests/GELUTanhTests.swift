import CMXLeakyReLU
import Foundation
import Glibc
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

  /// Float is computed in double precision (u without the double
  /// kernels' extra precision, which float results do not need) and
  /// rounded once: equal to the double result rounded to float, forward
  /// and backward, down to where the result is subnormal in float.
  @Test func floatWithinOneUlp() {
    let f = tanhGeluFixture()
    let keep = f.x.indices.filter { f.x[$0] >= -9 }
    let xf = keep.map { Float(f.x[$0]) }
    let xd = xf.map(Double.init)
    let (_, yd) = forward(xd, options(geluTanh))
    let (_, y) = forward(xf, options(geluTanh))
    let (_, dd, _) = backward([Double](repeating: 1, count: xd.count), xd, options(geluTanh))
    let (_, d, _) = backward([Float](repeating: 1, count: xf.count), xf, options(geluTanh))
    for i in xf.indices {
      #expect(y[i] == Float(yd[i]), "x \(xf[i])")
      #expect(d[i] == Float(dd[i]), "x \(xf[i])")
    }
  }

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
