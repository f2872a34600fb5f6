import CMXLeakyReLU
import Testing

@Suite struct RReLUTests {
  func checkTraining<T: TestReal>(_: T.Type) {
    let n = 300_000
    let x: [T] = inputs(n, seed: 21)
    let o = options(leaky, lower: 0.1, upper: 0.4)
    let lower = T(0.1)
    let upper = T(0.4)
    let (s, y, mask) = train(x, o, seed: 1234)
    #expect(s == statusOK)
    #expect(mask.allSatisfy { $0 >= lower && $0 < upper })
    #expect(zip(zip(x, y), mask).allSatisfy { p, m in p.1 == (p.0 > 0 ? p.0 : m * p.0) })
    let mean = mask.reduce(0.0) { $0 + Double($1) } / Double(n)
    #expect(abs(mean - 0.25) < 0.002, "mean slope \(mean)")
    // Same seed, same draws, for any thread count; another seed differs.
    for threads: Int32 in [2, 8] {
      var ot = o
      ot.threads = threads
      let (_, y2, mask2) = train(x, ot, seed: 1234)
      #expect(sameBits(y, y2) && sameBits(mask, mask2))
    }
    let (_, _, other) = train(x, o, seed: 1235)
    #expect(!sameBits(mask, other))
    // Draws depend only on (seed, i): a prefix gives the same slopes.
    let (_, _, prefix) = train(Array(x[0 ..< 1000]), o, seed: 1234)
    #expect(sameBits(prefix, Array(mask[0 ..< 1000])))
  }

  @Test func trainingDouble() { checkTraining(Double.self) }
  @Test func trainingFloat() { checkTraining(Float.self) }

  @Test func equalBounds() {
    let x: [Double] = inputs(1000)
    let (_, _, mask) = train(x, options(rrelu, lower: 0.3, upper: 0.3), seed: 9)
    #expect(mask.allSatisfy { $0 == 0.3 })
    let (_, _, maskf) = train(x.map(Float.init), options(rrelu, lower: 0.3, upper: 0.3), seed: 9)
    #expect(maskf.allSatisfy { $0 == Float(0.3) })
  }

  @Test func narrowBoundsStayBelowUpper() {
    let lower = 1.0
    let upper = lower.nextUp
    let (_, _, mask) = train([Double](inputs(10_000)), options(rrelu, lower: lower, upper: upper), seed: 3)
    #expect(mask.allSatisfy { $0 == lower })
    let fl = Float(1)
    let (_, _, maskf) = train(
      [Float](inputs(10_000)), options(rrelu, lower: Double(fl), upper: Double(fl.nextUp)), seed: 3)
    #expect(maskf.allSatisfy { $0 == fl })
    // Extreme bounds do not overflow.
    let big = Double.greatestFiniteMagnitude
    let (s, _, wide) = train([Double](inputs(1000)), options(rrelu, lower: -big, upper: big), seed: 4)
    #expect(s == statusOK && wide.allSatisfy { $0.isFinite && $0 < big })
  }

  @Test func backwardWithMaskAndInference() {
    let x: [Double] = inputs(1000, seed: 8)
    let dy: [Double] = inputs(1000, seed: 9)
    let o = options(rrelu, lower: 0.2, upper: 0.6)
    let (_, _, mask) = train(x, o, seed: 5)
    let (_, dx, _) = backward(dy, x, o, mask: mask)
    #expect(dx == x.indices.map { dy[$0] * (x[$0] > 0 ? 1 : mask[$0]) })
    let (_, dxi, _) = backward(dy, x, o)
    #expect(dxi == x.indices.map { dy[$0] * (x[$0] > 0 ? 1 : 0.4) })
  }
}
