/// Loops over index ranges. NaN inputs pass through here, once for every
/// activation: the forward output at a NaN x is x; the backward output at a
/// NaN x is x, and otherwise at a NaN dy is dy.
enum Kernels {
  /// Calls `vector(i)` for every whole vector of `width` elements starting
  /// at `i` in `range`, then `scalar(i)` for each element left over. One
  /// vector per step: out-of-order execution overlaps the steps already,
  /// and a body written out twice let the optimiser split the second copy
  /// into half-width operations.
  @inline(__always)
  static func forEachElement(
    in range: Range<Int>, width: Int,
    vector: (Int) -> Void, scalar: (Int) -> Void
  ) {
    var i = range.lowerBound
    let end = range.upperBound
    while end &- i >= width {
      vector(i)
      i &+= width
    }
    while i < end {
      scalar(i)
      i &+= 1
    }
  }

  /// y[i] = f(x[i]): whole vectors of `A.Real.Vector`, then the last few
  /// elements one by one. A scalar's special functions are its vector's
  /// applied to a broadcast, so every element gets the same bits wherever
  /// it falls.
  @inline(__always)
  static func forward<A: Activation>(
    _ activation: A, _ x: UnsafePointer<A.Real>,
    _ y: UnsafeMutablePointer<A.Real>, _ range: Range<Int>
  ) {
    typealias V = A.Real.Vector
    forEachElement(in: range, width: V.scalarCount, vector: { i in
      let v = V.load(x + i)
      V.passingNaN(v, activation.value(v)).store(y + i)
    }, scalar: { i in
      let v = x[i]
      y[i] = A.Real.passingNaN(v, activation.value(v))
    })
  }

  /// A backward result: `product` (dy · f′(x)), except that a NaN x
  /// passes through, and otherwise a NaN dy.
  @inline(__always)
  static func passingNaNs<V: ActivationValue>(
    _ x: V, _ dy: V, _ product: V
  ) -> V {
    V.passingNaN(x, V.passingNaN(dy, product))
  }

  /// The backward result given f′(x).
  @inline(__always)
  static func gradient<V: ActivationValue>(
    _ x: V, _ dy: V, _ derivative: V
  ) -> V {
    passingNaNs(x, dy, dy * derivative)
  }

  /// dx[i] = dy[i] · f′(x[i]).
  @inline(__always)
  static func backward<A: Activation>(
    _ activation: A, _ dy: UnsafePointer<A.Real>, _ x: UnsafePointer<A.Real>,
    _ dx: UnsafeMutablePointer<A.Real>, _ range: Range<Int>
  ) {
    typealias V = A.Real.Vector
    forEachElement(in: range, width: V.scalarCount, vector: { i in
      let v = V.load(x + i)
      let d = V.load(dy + i)
      passingNaNs(v, d, activation.gradient(v, d)).store(dx + i)
    }, scalar: { i in
      let v = x[i]
      dx[i] = passingNaNs(v, dy[i], activation.gradient(v, dy[i]))
    })
  }

  /// prelu forward over `range`, one run of `inner` elements at a time.
  static func preluForward<Real: ActivationReal>(
    _ x: UnsafePointer<Real>, _ y: UnsafeMutablePointer<Real>,
    _ gamma: UnsafePointer<Real>, _ layout: PReLULayout, _ range: Range<Int>
  ) {
    if layout.channels == 1 {
      forward(Leaky(slope: gamma[0]), x, y, range)
      return
    }
    let inner = layout.inner
    var i = range.lowerBound
    var segment = i / inner
    var channel = segment % layout.channels
    while i < range.upperBound {
      let end = min(range.upperBound, (segment &+ 1) &* inner)
      forward(Leaky(slope: gamma[channel]), x, y, i ..< end)
      i = end
      segment &+= 1
      channel &+= 1
      if channel == layout.channels { channel = 0 }
    }
  }

  /// rrelu training: draws mask[i] and applies the leaky formula with it,
  /// a vector of draws at a time, then the last few elements one by one.
  static func rreluTrain<Real: ActivationReal>(
    _ x: UnsafePointer<Real>, _ y: UnsafeMutablePointer<Real>,
    _ mask: UnsafeMutablePointer<Real>, _ random: CounterRandom,
    _ slopes: RReLU.SlopeMap<Real>, _ range: Range<Int>
  ) {
    typealias V = Real.Vector
    let width = V.scalarCount
    forEachElement(in: range, width: width, vector: { i in
      var u = V()
      for lane in 0 ..< width {
        u[lane] = Real.unitInterval(random.bits(at: i &+ lane))
      }
      let s = slopes(u)
      s.store(mask + i)
      let v = V.load(x + i)
      V.passingNaN(v, Leaky<Real>.value(v, slope: s)).store(y + i)
    }, scalar: { i in
      let s = slopes(Real.unitInterval(random.bits(at: i)))
      mask[i] = s
      let v = x[i]
      y[i] = Real.passingNaN(v, Leaky<Real>.value(v, slope: s))
    })
  }

  /// rrelu backward with per-element slopes `mask[i]`.
  static func rreluBackward<Real: ActivationReal>(
    _ dy: UnsafePointer<Real>, _ x: UnsafePointer<Real>,
    _ dx: UnsafeMutablePointer<Real>, _ mask: UnsafePointer<Real>,
    _ range: Range<Int>
  ) {
    typealias V = Real.Vector
    forEachElement(in: range, width: V.scalarCount, vector: { i in
      let v = V.load(x + i)
      gradient(
        v, V.load(dy + i), Leaky<Real>.derivative(v, slope: V.load(mask + i))
      ).store(dx + i)
    }, scalar: { i in
      let v = x[i]
      dx[i] = gradient(v, dy[i], Leaky<Real>.derivative(v, slope: mask[i]))
    })
  }

  /// prelu backward for channels `channels` over outer rows `rows`: writes
  /// dx and returns, per channel, the sum of the gamma terms through
  /// `store(channel, sum)`. A channel's elements come in runs of consecutive
  /// indices: `inner` elements per outer row, or all of `rows` when there
  /// is one channel. Each run's sum is `runSum`'s; the runs' sums are added
  /// in index order starting from 0.
  @inline(__always)
  static func preluBackward<Real: ActivationReal>(
    _ dy: UnsafePointer<Real>, _ x: UnsafePointer<Real>,
    _ dx: UnsafeMutablePointer<Real>, _ gamma: UnsafePointer<Real>,
    _ layout: PReLULayout, rows: Range<Int>, channels: Range<Int>,
    store: (Int, Double) -> Void
  ) {
    let inner = layout.inner
    for c in channels {
      let leaky = Leaky(slope: gamma[c])
      // Each run is summed before its dx is written: dx may be dy.
      if layout.channels == 1 {
        // inner is 1: the rows are one run.
        let sum = runSum(dy, x, rows)
        backward(leaky, dy, x, dx, rows)
        store(c, sum)
        continue
      }
      var sum = 0.0
      if inner < 4 {
        // Runs this short are summed in index order by `runSum` too; one
        // loop does it all.
        for row in rows {
          let run = (row &* layout.channels &+ c) &* inner
          for i in run ..< run &+ inner {
            let v = x[i]
            let g = dy[i]
            sum += PReLU.gammaTerm(Double(v), Double(g))
            dx[i] = gradient(v, g, leaky.derivative(v))
          }
        }
      } else {
        for row in rows {
          let run = (row &* layout.channels &+ c) &* inner
          sum += runSum(dy, x, run ..< run &+ inner)
          backward(leaky, dy, x, dx, run ..< run &+ inner)
        }
      }
      store(c, sum)
    }
  }

  /// The sum of the gamma terms `dy · min(x, 0)` over `range`, in double,
  /// in four partial sums: term k of the range (k from 0) is added to sum
  /// k mod 4, in index order, and the result is (s₀ + s₁) + (s₂ + s₃).
  /// The order depends on the range alone, not on the instruction set or
  /// the threads.
  @inline(__always)
  static func runSum<Real: ActivationReal>(
    _ dy: UnsafePointer<Real>, _ x: UnsafePointer<Real>, _ range: Range<Int>
  ) -> Double {
    var partial = SIMD4<Double>(repeating: 0)
    forEachElement(in: range, width: 4, vector: { i in
      let v = Real.fourInDouble(x + i)
      partial += Real.fourInDouble(dy + i) * v.replacing(with: 0, where: v .> 0)
    }, scalar: { i in
      partial[(i &- range.lowerBound) & 3] +=
        PReLU.gammaTerm(Double(x[i]), Double(dy[i]))
    })
    return (partial[0] + partial[1]) + (partial[2] + partial[3])
  }
}
