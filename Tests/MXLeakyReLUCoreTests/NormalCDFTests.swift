import CMXLeakyReLU
import Foundation
@testable import MXLeakyReLUCore
import Testing

/// A two-column fixture of tools/accuracy_fixture.py (hexadecimal doubles).
func exactFixture(_ name: String) -> (x: [Double], y: [Double]) {
  let url = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
    .appendingPathComponent("R-package/tests/testthat/fixtures/\(name)")
  let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
  var x: [Double] = []
  var y: [Double] = []
  for line in text.split(separator: "\n").dropFirst() {
    let f = line.split(separator: ",").compactMap { Double(String($0)) }
    guard f.count == 2 else { continue }
    x.append(f[0])
    y.append(f[1])
  }
  return (x, y)
}

@Suite struct NormalCDFTests {
  /// gelu within 2 ulp of the 50-digit x·Φ(x), central range and both
  /// tails, with every instruction set this machine runs.
  @Test(arguments: ISA.supported) func geluAgainstExact(isa: ISA) {
    let f = exactFixture("gelu-exact.csv")
    #expect(f.x.count >= 6000)
    let y = forward(f.x, gelu, isa: isa)
    var worst = 0.0
    var at = 0.0
    for i in f.x.indices {
      let d = ulpsSubnormal(y[i], f.y[i])
      if d > worst { worst = d; at = f.x[i] }
    }
    #expect(worst <= 2, "max ulp \(worst) at \(at)")
  }

  /// The gelu derivative within 2 ulp of the 50-digit Φ(x) + x·φ(x),
  /// measured against the larger of the result and Φ(x): near x = −0.75
  /// the derivative crosses zero as its two terms cancel.
  @Test(arguments: ISA.supported)
  func geluDerivativeAgainstExact(isa: ISA) {
    let f = exactFixture("gelu-derivative-exact.csv")
    let c = exactFixture("gelu-exact.csv")
    #expect(f.x.count >= 6000 && c.x == f.x)
    let ones = [Double](repeating: 1, count: f.x.count)
    let dx = backward(ones, f.x, gelu, isa: isa)
    var worst = 0.0
    var at = 0.0
    for i in f.x.indices {
      // Φ(x) = (x·Φ(x)) / x from the other fixture, for the scale only.
      let phi = f.x[i] == 0 ? 0.5 : c.y[i] / f.x[i]
      let scale = max(abs(f.y[i]), phi)
      let spacing = max(scale.ulp, Double.leastNonzeroMagnitude)
      let d = dx[i] == f.y[i] ? 0 : abs(dx[i] - f.y[i]) / spacing
      if d > worst { worst = d; at = f.x[i] }
    }
    #expect(worst <= 2, "max ulp \(worst) at \(at)")
  }
}
