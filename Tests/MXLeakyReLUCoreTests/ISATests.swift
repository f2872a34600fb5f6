import CMXLeakyReLU
import Glibc
@testable import MXLeakyReLUCore
import Testing

/// The instruction sets: each one this machine supports gives the
/// baseline's bits, except gelu and, in float, gelu_tanh, whose AVX2
/// kernels use fused multiply-adds: there the two differ by at most 2 units
/// in the last place (of Q(|x|) for the gelu derivative where that is
/// larger than the result). The kernels of
/// each are called directly: switching the one in use would change gelu's
/// last bits under suites running at the same time. (Tests/cabi/abi_test.c
/// checks mxlr_select_isa.)
@Suite struct ISATests {
  @Test func names() {
    #expect(ISA.supported.first == .baseline)
    for isa in ISA.supported {
      #expect(ISA.compiled.contains(isa))
    }
    #expect(String(cString: ISA.baseline.name) == "baseline")
    if ISA.supported.contains(.avx2) {
      #expect(String(cString: ISA.avx2.name) == "avx2")
    }
    #expect(ISA.supported.contains(ISA.current))
  }

  /// Units in the last place between a and b, measured at `scale` (at
  /// least the larger of |a| and |b|); infinite unless both are finite,
  /// nonzero and of one sign or bitwise equal.
  func units<T: TestReal>(_ a: T, _ b: T, scale: T) -> T {
    if a.rawBits == b.rawBits { return 0 }
    guard a.isFinite, b.isFinite, a != 0, b != 0, a.sign == b.sign else {
      return .infinity
    }
    let s = max(scale, max(abs(a), abs(b)))
    return abs(a - b) / max(s.ulp, T.leastNonzeroMagnitude)
  }

  func check<T: TestReal & KernelReal>(_: T.Type) {
    var x: [T] = inputs(2053, seed: 8, scale: 12) + inputs(97, seed: 2, scale: 60)
    x += [T(rNA), .infinity, -.infinity, 0, -0.0, T.leastNonzeroMagnitude]
    let dy: [T] = inputs(x.count, seed: 5, scale: 2)
    let ones = [T](repeating: 1, count: x.count)
    let gamma: [T] = [0.1, -0.2, 0.3]
    let n = x.count - x.count % 3
    func run(_ isa: ISA, _ act: Int32) -> [[T]] {
      let k = isa.kernels
      var out: [[T]] = []
      if act == prelu {
        var y = [T](repeating: 0, count: n)
        x.withUnsafeBufferPointer { xb in
          gamma.withUnsafeBufferPointer { gb in
            y.withUnsafeMutableBufferPointer { yb in
              T.preluForward(k)(
                xb.baseAddress, yb.baseAddress, gb.baseAddress, 3, 1, 0,
                Int64(n))
            }
          }
        }
        return [y]
      }
      out = [forward(x, act, isa: isa), backward(dy, x, act, isa: isa)]
      if act == gelu || act == geluTanh {
        out.append(backward(ones, x, act, isa: isa))
      }
      if act == rrelu {
        var y = [T](repeating: 0, count: x.count)
        var m = [T](repeating: 0, count: x.count)
        x.withUnsafeBufferPointer { xb in
          y.withUnsafeMutableBufferPointer { yb in
            m.withUnsafeMutableBufferPointer { mb in
              T.rreluTrain(k)(
                xb.baseAddress, yb.baseAddress, mb.baseAddress, 99, 0.125,
                0.375, 0, Int64(x.count))
            }
          }
        }
        var d = [T](repeating: 0, count: x.count)
        dy.withUnsafeBufferPointer { db in
          x.withUnsafeBufferPointer { xb in
            d.withUnsafeMutableBufferPointer { dxb in
              m.withUnsafeBufferPointer { mb in
                T.rreluBackward(k)(
                  db.baseAddress, xb.baseAddress, dxb.baseAddress,
                  mb.baseAddress, 0, Int64(x.count))
              }
            }
          }
        }
        out += [y, m, d]
      }
      return out
    }
    for act in allActs {
      let base = run(.baseline, act)
      for isa in ISA.supported where isa != .baseline {
        let got = run(isa, act)
        let fused = act == gelu || (act == geluTanh && T.self == Float.self)
        guard fused else {
          let same = zip(got, base).allSatisfy { g, b in
            g.map(\.rawBits) == b.map(\.rawBits)
          }
          #expect(same, "act \(act) isa \(isa)")
          continue
        }
        // gelu: its values; dy times its derivative (a few more units,
        // from the product); its derivative, at the larger of itself and
        // Q(|x|) (gelu_tanh: its own results).
        var worst: [T] = [0, 0, 0]
        for i in x.indices {
          let a = Double(abs(x[i]))
          let q = act == gelu ? T(erfc(a / 2.0.squareRoot()) / 2) : 0
          worst[0] = max(worst[0], units(got[0][i], base[0][i], scale: 0))
          worst[1] = max(
            worst[1], units(got[1][i], base[1][i], scale: abs(dy[i]) * q))
          worst[2] = max(worst[2], units(got[2][i], base[2][i], scale: q))
        }
        #expect(worst[0] <= 2 && worst[2] <= 2 && worst[1] <= 4,
                "act \(act) \(isa): \(worst)")
      }
    }
  }

  @Test func closeToBaselineDouble() { check(Double.self) }
  @Test func closeToBaselineFloat() { check(Float.self) }
}
