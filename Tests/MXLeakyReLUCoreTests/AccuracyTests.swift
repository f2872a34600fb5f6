import CMXLeakyReLU
import Glibc
@testable import MXLeakyReLUCore
import Testing

/// Distance in units in the last place of `reference` (the spacing of
/// doubles at |reference|), 0 when both are equal (NaN matching NaN).
func ulpDistance(_ value: Double, _ reference: Double) -> Double {
  if value == reference || (value.isNaN && reference.isNaN) { return 0 }
  if !value.isFinite || !reference.isFinite { return .infinity }
  return abs(value - reference) / reference.ulp
}

func ulpDistance(_ value: Float, _ reference: Double) -> Double {
  let r = Float(reference)
  if value == r { return 0 }
  if !value.isFinite || !r.isFinite { return .infinity }
  return abs(Double(value) - reference) / Double(r.ulp)
}

// Float80 exists only on x86 (not on aarch64): there the gelu accuracy
// tests, whose reference needs it, are left out.
#if arch(x86_64) || arch(i386)
/// Φ(x) in Float80 from Glibc's erfcl, with the rounding of x/√2 corrected
/// to first order so that the reference keeps its accuracy in the tails.
func referenceCDF(_ x: Double) -> Float80 {
  let hi: Float80 = 0.70710678118654752440084436210484903928
  let lo = Float80(
    (0.70710678118654752440084436210484903928 as Double) - Double(hi))
  let xe = Float80(x)
  let z = -xe * hi
  // The exact −x/√2 − z: the fused residual of −x·hi, plus −x·lo.
  let delta = (-z).addingProduct(-xe, hi) + (-xe * lo)
  let twoOverSqrtPi: Float80 = 1.12837916709551257389615890312154517
  return 0.5 * (erfcl(z) - delta * twoOverSqrtPi * expl(-z * z))
}
#endif

/// Test points: a fine grid, the tails, zeros, tiny values.
func accuracyPoints(from lower: Double, to upper: Double, count: Int)
  -> [Double]
{
  var points = (0 ... count).map {
    lower + (upper - lower) * Double($0) / Double(count)
  }
  points += inputs(count, seed: 9, scale: 3) as [Double]
  points += [-0x1p-1074, -1e-300, -1e-20, -1e-8, -0.3465, -0.3466, -0.35]
  return points.filter { $0 >= lower && $0 <= upper }
}

@Suite struct AccuracyTests {
  /// elu with slope 1 is expm1 for x ≤ 0: within 1 ulp of Glibc's expm1.
  @Test func expm1WithinOneUlp() {
    let x = accuracyPoints(from: -50, to: 0, count: 200_000)
    let (_, y) = forward(x, options(elu, slope: 1))
    var worst = 0.0
    for (xi, yi) in zip(x, y) {
      worst = max(worst, ulpDistance(yi, Glibc.expm1(xi)))
    }
    #expect(worst <= 1, "max ulp \(worst)")
  }

  /// The elu derivative with slope 1 is eˣ: within 1 ulp of Glibc's exp,
  /// subnormal results included (in units of the smallest subnormal).
  @Test func expWithinOneUlp() {
    let x = accuracyPoints(from: -745, to: 0, count: 200_000)
    let ones = [Double](repeating: 1, count: x.count)
    let (_, dx, _) = backward(ones, x, options(elu, slope: 1))
    var worst = 0.0
    for (xi, di) in zip(x, dx) {
      worst = max(worst, ulpDistance(di, Glibc.exp(xi)))
    }
    #expect(worst <= 1, "max ulp \(worst)")
  }

  #if arch(x86_64) || arch(i386)
  /// gelu is within 2 ulp of x·Φ(x) computed in extended precision, down
  /// to x = −37.5 (below which x·Φ(x) is subnormal). gelu's tests hold
  /// every instruction set this machine runs to the bound: AVX2's fused
  /// multiply-adds may change the last bits.
  @Test(arguments: ISA.supported) func geluWithinTwoUlp(isa: ISA) {
    let x = accuracyPoints(from: -37.5, to: 10, count: 200_000)
    let y = forward(x, gelu, isa: isa)
    var worst = 0.0
    var at = 0.0
    for (xi, yi) in zip(x, y) {
      let r = Double(Float80(xi) * referenceCDF(xi))
      let d = ulpDistance(yi, r)
      if d > worst { worst = d; at = xi }
    }
    #expect(worst <= 2, "max ulp \(worst) at \(at)")
  }
  #endif

  #if arch(x86_64) || arch(i386)
  /// Below x = −37.5 gelu's results are subnormal (and 0 below about
  /// −38.6): within 1 of the subnormal spacing of x·Φ(x) there.
  @Test(arguments: ISA.supported) func geluSubnormalResults(isa: ISA) {
    let x = (0 ... 20_000).map { -38.7 + 1.2 * Double($0) / 20_000 }
    let y = forward(x, gelu, isa: isa)
    var worst = 0.0
    var at = 0.0
    for (xi, yi) in zip(x, y) {
      let d = ulpDistance(yi, Double(Float80(xi) * referenceCDF(xi)))
      if d > worst { worst = d; at = xi }
    }
    #expect(worst <= 1, "max ulp \(worst) at \(at)")
  }
  #endif

  #if arch(x86_64) || arch(i386)
  /// gelu within 2 ulp at the edges of the rows of the normal
  /// distribution (row 0 below |x| = 1/4, then quarter binades up to 37.5),
  /// where the polynomials are furthest from their centres, for both signs
  /// (20,000 points around each edge, 580,000 in all); and the
  /// gradient within 2 ulp of the larger of itself and Φ there.
  @Test(arguments: ISA.supported) func geluRowEdges(isa: ISA) {
    var edges: [Double] = []
    var binade = 0.25
    while binade <= 32 {
      edges += (0 ..< 4).map { binade * (1 + Double($0) / 4) }
      binade *= 2
    }
    var x: [Double] = []
    for edge in edges where edge < 37.5 {
      let width = edge / 64
      for i in 0 ..< 10_000 {
        let v = edge - width + 2 * width * Double(i) / 10_000
        x += [v, -v]
      }
    }
    let y = forward(x, gelu, isa: isa)
    let ones = [Double](repeating: 1, count: x.count)
    let dx = backward(ones, x, gelu, isa: isa)
    var worst = 0.0
    var worstGradient = 0.0
    var at = 0.0
    for i in x.indices {
      // Errors against the unrounded reference, in ulps of the result.
      let cdf = referenceCDF(x[i])
      let exact = Float80(x[i]) * cdf
      let d = Double(abs(Float80(y[i]) - exact)) / Double(exact).ulp
      if d > worst { worst = d; at = x[i] }
      let xe = Float80(x[i])
      let density =
        Glibc.expl(-xe * xe / 2) * 0.398942280401432677939946059934381868
      let g = cdf + xe * density
      let scale = max(abs(Double(g)), Double(cdf))
      worstGradient = max(
        worstGradient, Double(abs(Float80(dx[i]) - g)) / scale.ulp)
    }
    #expect(worst <= 2, "max ulp \(worst) at \(at)")
    #expect(worstGradient <= 2, "gradient max ulp \(worstGradient)")
  }
  #endif

  /// Float elu within 1 ulp of expm1 (in double) down to x = −12.
  @Test func floatEluWithinOneUlp() {
    let x = accuracyPoints(from: -12, to: 5, count: 50_000)
    let xf = x.map { Float($0) }
    let (_, e) = forward(xf, options(elu, slope: 1))
    var worstElu = 0.0
    for i in xf.indices {
      let xd = Double(xf[i])
      worstElu = max(worstElu, ulpDistance(e[i], xd > 0 ? xd : Glibc.expm1(xd)))
    }
    #expect(worstElu <= 1, "elu max ulp \(worstElu)")
  }

  #if arch(x86_64) || arch(i386)
  /// Float gelu, its derivative and dy times it (rounded once), each
  /// within 1 float ulp of itself (of the subnormal spacing below the
  /// normal range) with every instruction set: a grid on [−15, 8], the
  /// floats nearest to the derivative's zero (x ≈ −0.7518, where Φ(x) and
  /// x·φ(x) cancel) and the subnormal results.
  @Test(arguments: ISA.supported) func floatGeluOwnUlp(isa: ISA) {
    var x = accuracyPoints(from: -15, to: 8, count: 200_000).map { Float($0) }
    var near: Float = -0.75179152469356445746
    for _ in 0 ..< 200 {
      x += [near, -near]
      near = near.nextUp
    }
    near = -0.75179152469356445746
    for _ in 0 ..< 200 {
      near = near.nextDown
      x.append(near)
    }
    x += (0 ..< 4000).map { -12.8 - Float($0) * 0.0005 }
    let ones = [Float](repeating: 1, count: x.count)
    let y = forward(x, gelu, isa: isa)
    let dx = backward(ones, x, gelu, isa: isa)
    let dy: [Float] = inputs(x.count, seed: 3, scale: 2)
    let g = backward(dy, x, gelu, isa: isa)
    func units(_ got: Float, _ exact: Float80) -> Double {
      let s = max(Float(abs(exact)).ulp, Float.leastNonzeroMagnitude)
      return Double(abs(Float80(got) - exact) / Float80(s))
    }
    var worst = (value: 0.0, valueAt: Float(0), slope: 0.0, slopeAt: Float(0),
                 product: 0.0)
    for i in x.indices {
      let xe = Float80(x[i])
      let cdf = referenceCDF(Double(x[i]))
      let density =
        Glibc.expl(-xe * xe / 2) * 0.398942280401432677939946059934381868
      let v = units(y[i], xe * cdf)
      if v > worst.value { worst.value = v; worst.valueAt = x[i] }
      let d = units(dx[i], cdf + xe * density)
      if d > worst.slope { worst.slope = d; worst.slopeAt = x[i] }
      worst.product = max(
        worst.product, units(g[i], Float80(dy[i]) * (cdf + xe * density)))
    }
    #expect(worst.value <= 1 && worst.slope <= 1 && worst.product <= 1,
            "\(isa): \(worst)")
  }
  #endif

  /// Every element gets the same bits whether it falls in a vector or in
  /// the scalar tail, at any offset.
  @Test func positionIndependent() {
    let x: [Double] = inputs(37, seed: 4, scale: 8) + [rNA, -0.0, 0.0, -1e-310]
    for act in elementwiseActs {
      let o = options(act)
      let (_, full) = forward(x, o)
      let (_, dfull, _) = backward(x, x, o)
      for offset in 0 ..< 9 {
        let part = Array(x[offset...])
        let (_, y) = forward(part, o)
        #expect(sameBits(y, Array(full[offset...])), "act \(act) offset \(offset)")
        let (_, dx, _) = backward(part, part, o)
        #expect(sameBits(dx, Array(dfull[offset...])), "act \(act) offset \(offset)")
      }
    }
    let xf = x.map { Float($0) }
    for act in elementwiseActs {
      let (_, full) = forward(xf, options(act))
      for offset in 0 ..< 9 {
        let (_, y) = forward(Array(xf[offset...]), options(act))
        #expect(sameBits(y, Array(full[offset...])), "act \(act) offset \(offset)")
      }
    }
  }

  /// Signed zeros follow the formulas.
  @Test func signedZeros() {
    let (_, y) = forward([-0.0, 0.0], options(elu, slope: 0.5))
    #expect(y[0].sign == .minus && y[0] == 0)
    #expect(y[1].sign == .plus && y[1] == 0)
  }
}
