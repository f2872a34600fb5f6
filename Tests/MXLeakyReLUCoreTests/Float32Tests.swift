import CMXLeakyReLU
import Glibc
import Testing
@testable import MXLeakyReLUCore

/// The float32 arithmetic and conversion entry points, through the C ABI.
/// References: IEEE single-precision operations of Swift's Float, and the
/// exact float16 values of known bit patterns.
@Suite struct Float32Tests {
  static let nanBits: UInt32 = 0x7FC0_0000
  let values: [Float] = [
    0, -0.0, 1, -1, 0.5, 3, -2.5, 0.1, 1.0 / 3, 1e30, -1e30,
    .greatestFiniteMagnitude, -.greatestFiniteMagnitude,
    .leastNonzeroMagnitude, .infinity, -.infinity, .nan,
    Float(bitPattern: 0xFFC0_0000), 16_777_216,
  ]

  func binary(_ a: [Float], _ b: [Float], _ op: mxlr_binary_op, threads: Int32 = 1) -> [Float] {
    var y = [Float](repeating: 7, count: a.count)
    var o = mxlr_options()
    o.threads = threads
    let s = y.withUnsafeMutableBufferPointer {
      mxlr_binary_f32(a, b, $0.baseAddress, Int64(a.count), Int32(op.rawValue), &o)
    }
    #expect(s == Int32(MXLR_OK.rawValue))
    return y
  }

  func scalar(_ a: [Float], _ s: Float, left: Bool, _ op: mxlr_binary_op) -> [Float] {
    var y = [Float](repeating: 7, count: a.count)
    let st = y.withUnsafeMutableBufferPointer {
      mxlr_scalar_f32(a, s, left ? 1 : 0, $0.baseAddress, Int64(a.count), Int32(op.rawValue), nil)
    }
    #expect(st == Int32(MXLR_OK.rawValue))
    return y
  }

  /// Same bits, NaN compared as the canonical NaN.
  func same(_ got: Float, _ want: Float) -> Bool {
    want.isNaN ? got.bitPattern == Self.nanBits : got.bitPattern == want.bitPattern
  }

  nonisolated(unsafe) static let ops: [(mxlr_binary_op, @Sendable (Float, Float) -> Float)] = [
    (MXLR_OP_ADD, { $0 + $1 }), (MXLR_OP_SUB, { $0 - $1 }),
    (MXLR_OP_MUL, { $0 * $1 }), (MXLR_OP_DIV, { $0 / $1 }),
    (MXLR_OP_EQ, { $0 == $1 ? 1 : 0 }), (MXLR_OP_NE, { $0 != $1 ? 1 : 0 }),
    (MXLR_OP_GT, { $0 > $1 ? 1 : 0 }), (MXLR_OP_GE, { $0 >= $1 ? 1 : 0 }),
    (MXLR_OP_LT, { $0 < $1 ? 1 : 0 }), (MXLR_OP_LE, { $0 <= $1 ? 1 : 0 }),
  ]

  @Test func everyPairOfSpecialValues() {
    var a: [Float] = []
    var b: [Float] = []
    for u in values { for v in values { a.append(u); b.append(v) } }
    for (op, f) in Self.ops {
      let y = binary(a, b, op)
      for i in a.indices {
        #expect(same(y[i], f(a[i], b[i])), "op \(op.rawValue): \(a[i]) \(b[i]) -> \(y[i])")
      }
    }
  }

  @Test func scalarOnEitherSide() {
    for (op, f) in Self.ops {
      for s in values {
        let right = scalar(values, s, left: false, op)
        let left = scalar(values, s, left: true, op)
        for i in values.indices {
          #expect(same(right[i], f(values[i], s)))
          #expect(same(left[i], f(s, values[i])))
        }
      }
    }
  }

  @Test func threadsGiveTheSameBits() {
    var rng = SystemRandomNumberGenerator()
    let n = 300_000
    let a = (0 ..< n).map { _ in Float.random(in: -100 ... 100, using: &rng) }
    let b = (0 ..< n).map { _ in Float.random(in: -1 ... 1, using: &rng) }
    for (op, _) in Self.ops {
      let one = binary(a, b, op, threads: 1)
      let four = binary(a, b, op, threads: 4)
      #expect(one.map(\.bitPattern) == four.map(\.bitPattern))
    }
  }

  @Test func modTakesTheSignOfTheDivisor() {
    let a: [Float] = [-7, 7, -7, 7, 5.5, -0.5, 3, 0, .nan, 1, .infinity]
    let b: [Float] = [3, 3, -3, -3, 2, 2, 0, 5, 1, .nan, 2]
    let want: [Float] = [2, 1, -1, -2, 1.5, 1.5, 0, 0, .nan, .nan, .nan]
    let y = binary(a, b, MXLR_OP_MOD)
    for i in a.indices { #expect(same(y[i], want[i]), "\(a[i]) mod \(b[i]) -> \(y[i])") }
    let left = scalar([3, -3, 0], 10, left: true, MXLR_OP_MOD)
    #expect(left == [1, -2, 0])
  }

  @Test func modRemainderIsFmod() {
    // the fast remainder against the C library's fmod, on float32 values
    var rng = SystemRandomNumberGenerator()
    for _ in 0 ..< 200_000 {
      let x = Float(bitPattern: UInt32.random(in: 0 ... 0x7F7F_FFFF, using: &rng))
      let e = Float(Int.random(in: -30 ... 30, using: &rng))
      let y = abs(x * Float.random(in: 0.001 ... 3, using: &rng) * Float(pow(2.0, Double(e))))
      guard y > 0, y.isFinite else { continue }
      let got = Arithmetic.remainder(Double(x), Double(y))
      let want = fmod(Double(x), Double(y))
      #expect(got.bitPattern == want.bitPattern, "fmod(\(x), \(y)): \(got) vs \(want)")
    }
    #expect(Arithmetic.remainder(-0.0, 3).bitPattern == (-0.0).bitPattern)
    #expect(Arithmetic.remainder(6, 3).bitPattern == 0.0.bitPattern)
  }

  @Test func conversions() {
    let x: [Double] = [0, -0.0, 0.1, 1.0 / 3, 1e39, -1e39, 1e-50, .nan, -.nan,
                       Double(bitPattern: 0x7FF0_0000_0000_07A2), .infinity,
                       3.4028235677973366e38, 3.4028234663852886e38]
    var y = [Float](repeating: 7, count: x.count)
    var st = y.withUnsafeMutableBufferPointer { mxlr_f64_to_f32(x, $0.baseAddress, Int64(x.count), nil) }
    #expect(st == Int32(MXLR_OK.rawValue))
    for i in x.indices {
      #expect(same(y[i], Float(x[i])), "\(x[i]) -> \(y[i])")
    }
    var back = [Double](repeating: 7, count: y.count)
    st = back.withUnsafeMutableBufferPointer { mxlr_f32_to_f64(y, $0.baseAddress, Int64(y.count), nil) }
    #expect(st == Int32(MXLR_OK.rawValue))
    for i in y.indices where !y[i].isNaN {
      #expect(back[i].bitPattern == Double(y[i]).bitPattern)
    }
  }

  func decode(_ bytes: [UInt8], _ dtype: mxlr_dtype, _ n: Int) -> (Int32, [Float]) {
    var y = [Float](repeating: 7, count: n)
    let st = y.withUnsafeMutableBufferPointer { out in
      bytes.withUnsafeBytes { mxlr_decode_f32($0.baseAddress, Int32(dtype.rawValue), out.baseAddress, Int64(n), nil) }
    }
    return (st, y)
  }

  @Test func decodeHalfAndIntegers() {
    // float16: 1, -2, 65504, smallest subnormal 2^-24, -0, Inf, NaN
    let half: [UInt16] = [0x3C00, 0xC000, 0x7BFF, 0x0001, 0x8000, 0x7C00, 0x7E00]
    let hb = half.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
    let (s1, h) = decode(hb, MXLR_DTYPE_FLOAT16, half.count)
    #expect(s1 == Int32(MXLR_OK.rawValue))
    #expect(h[0] == 1 && h[1] == -2 && h[2] == 65504 && h[3] == 0x1p-24)
    #expect(h[4].bitPattern == 0x8000_0000 && h[5] == .infinity)
    #expect(h[6].bitPattern == Self.nanBits)
    // int64 beyond 2^24 rounds to nearest even; unaligned source
    let ints: [Int64] = [16_777_217, -16_777_219, Int64.max, -1]
    var ib: [UInt8] = [0xAA]
    for v in ints { withUnsafeBytes(of: v.littleEndian) { ib += $0 } }
    let (s2, i) = ib.withUnsafeBytes { raw -> (Int32, [Float]) in
      var y = [Float](repeating: 7, count: ints.count)
      let st = y.withUnsafeMutableBufferPointer {
        mxlr_decode_f32(raw.baseAddress! + 1, Int32(MXLR_DTYPE_INT64.rawValue), $0.baseAddress, Int64(ints.count), nil)
      }
      return (st, y)
    }
    #expect(s2 == Int32(MXLR_OK.rawValue))
    #expect(i == [16_777_216, -16_777_220, 0x1p63, -1])
    let (s3, u) = decode([0, 255, 128], MXLR_DTYPE_UINT8, 3)
    #expect(s3 == Int32(MXLR_OK.rawValue) && u == [0, 255, 128])
    let (s4, b) = decode([0, 255, 128], MXLR_DTYPE_INT8, 3)
    #expect(s4 == Int32(MXLR_OK.rawValue) && b == [0, -1, -128])
  }

  @Test func errors() {
    var y = [Float](repeating: 0, count: 2)
    let a: [Float] = [1, 2]
    #expect(mxlr_binary_f32(a, a, &y, 2, 11, nil) == Int32(MXLR_ERR_PARAM.rawValue))
    #expect(mxlr_binary_f32(a, a, &y, -1, 0, nil) == Int32(MXLR_ERR_LENGTH.rawValue))
    #expect(mxlr_binary_f32(nil, a, &y, 2, 0, nil) == Int32(MXLR_ERR_NULL.rawValue))
    #expect(mxlr_binary_f32(nil, nil, nil, 0, 0, nil) == Int32(MXLR_OK.rawValue))
    #expect(mxlr_scalar_f32(a, 1, 0, &y, 2, -1, nil) == Int32(MXLR_ERR_PARAM.rawValue))
    #expect(mxlr_f64_to_f32(nil, &y, 2, nil) == Int32(MXLR_ERR_NULL.rawValue))
    #expect(mxlr_decode_f32(a, 7, &y, 2, nil) == Int32(MXLR_ERR_PARAM.rawValue))
    #expect(mxlr_decode_f32(a, 12, &y, 2, nil) == Int32(MXLR_ERR_PARAM.rawValue))
  }

  @Test func interruptStopsBetweenChunks() {
    let n = 5_000_000
    let x = [Double](repeating: 1, count: n)
    var y = [Float](repeating: 0, count: n)
    let probe = InterruptProbe(stop: true)
    var o = mxlr_options()
    o.threads = 1
    o.interrupt = { data in
      guard let data else { return 0 }
      let p = Unmanaged<InterruptProbe>.fromOpaque(data).takeUnretainedValue()
      p.calls += 1
      return p.stop ? 1 : 0
    }
    let st = withExtendedLifetime(probe) { () -> Int32 in
      o.interrupt_data = Unmanaged.passUnretained(probe).toOpaque()
      return y.withUnsafeMutableBufferPointer { mxlr_f64_to_f32(x, $0.baseAddress, Int64(n), &o) }
    }
    #expect(st == Int32(MXLR_ERR_INTERRUPTED.rawValue))
    #expect(probe.calls == 1)
    #expect(y[0] == 1 && y[n - 1] == 0)
  }
}
