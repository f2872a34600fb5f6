import CMXLeakyReLU
import Testing

/// The instruction sets: each one this machine supports gives the same bits
/// as the baseline. (Other suites may run concurrently; since results do
/// not depend on the instruction set, switching it does not disturb them.)
@Suite(.serialized) struct ISATests {
  func select(_ name: String) -> String? {
    guard let p = mxlr_select_isa(name) else { return nil }
    return String(cString: p)
  }

  @Test func names() {
    #expect(select("no-such-isa") == nil)
    #expect(select("baseline") == "baseline")
    #expect(String(cString: mxlr_isa_name()) == "baseline")
    let best = select("avx2")
    #expect(best == "avx2" || best == "baseline")
    #expect(String(cString: mxlr_isa_name()) == best)
  }

  func check<T: TestReal>(_: T.Type) {
    var x: [T] = inputs(2053, seed: 8, scale: 12) + inputs(97, seed: 2, scale: 60)
    x += [T(rNA), .infinity, -.infinity, 0, -0.0, T.leastNonzeroMagnitude]
    let dy: [T] = inputs(x.count, seed: 5, scale: 2)
    let gamma: [T] = [0.1, -0.2, 0.3]
    let n = x.count - x.count % 3
    let xp = Array(x[..<n])
    let dyp = Array(dy[..<n])
    for act in elementwiseActs + [prelu] {
      let o = options(act)
      func run() -> [[UInt64]] {
        let (_, y) = act == prelu
          ? forward(xp, o, gamma: gamma, channels: 3, inner: 1)
          : forward(x, o)
        let (_, d, dg) = act == prelu
          ? backward(dyp, xp, o, gamma: gamma, channels: 3, inner: 1)
          : backward(dy, x, o)
        var out = [y.map(\.rawBits), d.map(\.rawBits), dg.map(\.rawBits)]
        if act == rrelu {
          let (_, t, m) = train(x, o, seed: 99)
          out += [t.map(\.rawBits), m.map(\.rawBits)]
          let (_, dm, _) = backward(dy, x, o, mask: m)
          out.append(dm.map(\.rawBits))
        }
        return out
      }
      _ = select("baseline")
      let base = run()
      for isa in ["avx2"] {
        let got = select(isa)
        #expect(run() == base, "act \(act) isa \(got ?? "?")")
      }
    }
    _ = select("avx2")
  }

  @Test func sameBitsDouble() { check(Double.self) }
  @Test func sameBitsFloat() { check(Float.self) }
}
