import CMXLeakyReLU
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The entry points' work, generic over the precision. Each checks its
/// arguments in this order: length, options, act type, parameters, prelu
/// layout, data pointers.
enum Operations {
  /// The forward pass.
  static func forward<Real: KernelReal>(
    _ x: UnsafePointer<Real>?, _ y: UnsafeMutablePointer<Real>?, _ n: Int64,
    _ options: UnsafePointer<mxlr_options>?, _ gamma: UnsafePointer<Real>?,
    _ channels: Int64, _ inner: Int64
  ) -> Int32 {
    guard n >= 0 else { return Status.length }
    guard let options else { return n == 0 ? Status.ok : Status.null }
    guard let act = ActType(options.pointee.act_type) else {
      return Status.actType
    }
    guard let p = Parameters<Real>(options.pointee, for: act) else {
      return Status.param
    }
    let count = Int(n)
    var layout: PReLULayout? = nil
    if act == .prelu {
      layout = PReLULayout(count: count, channels: channels, inner: inner)
      if layout == nil { return Status.length }
    }
    if count == 0 { return Status.ok }
    guard let x, let y else { return Status.null }
    adviseHugePages(y, count: count)
    let isa = ISA.current
    let raw = options.pointee.act_type

    func run(_ slope: Real) -> Bool {
      runChunked(
        units: count, unitCost: 1, threads: p.threads, interrupt: p.interrupt
      ) { Real.forward(isa, raw, slope, x, y, $0) }
    }

    let completed: Bool
    switch act {
    case .leaky, .elu: completed = run(p.slope)
    case .selu, .gelu, .geluTanh: completed = run(0)
    case .rrelu: completed = run(RReLU.meanSlope(p.lower, p.upper))
    case .prelu:
      guard let gamma, let layout else { return Status.null }
      completed = runChunked(
        units: count, unitCost: 1, threads: p.threads, interrupt: p.interrupt
      ) {
        Real.preluForward(
          isa, x, y, gamma, layout.channels, layout.inner, $0)
      }
    }
    return completed ? Status.ok : Status.interrupted
  }

  /// rrelu in training mode.
  static func rreluTrain<Real: KernelReal>(
    _ x: UnsafePointer<Real>?, _ y: UnsafeMutablePointer<Real>?,
    _ mask: UnsafeMutablePointer<Real>?, _ n: Int64,
    _ options: UnsafePointer<mxlr_options>?, _ seed: UInt64
  ) -> Int32 {
    guard n >= 0 else { return Status.length }
    guard let options else { return n == 0 ? Status.ok : Status.null }
    guard let p = Parameters<Real>(options.pointee, for: .rrelu) else {
      return Status.param
    }
    if n == 0 { return Status.ok }
    guard let x, let y, let mask else { return Status.null }
    adviseHugePages(y, count: Int(n))
    adviseHugePages(mask, count: Int(n))
    let isa = ISA.current
    let completed = runChunked(
      units: Int(n), unitCost: 1, threads: p.threads, interrupt: p.interrupt
    ) { Real.rreluTrain(isa, x, y, mask, seed, p.lower, p.upper, $0) }
    return completed ? Status.ok : Status.interrupted
  }

  /// The backward pass.
  static func backward<Real: KernelReal>(
    _ dy: UnsafePointer<Real>?, _ x: UnsafePointer<Real>?,
    _ dx: UnsafeMutablePointer<Real>?, _ n: Int64,
    _ options: UnsafePointer<mxlr_options>?, _ gamma: UnsafePointer<Real>?,
    _ channels: Int64, _ inner: Int64, _ dgamma: UnsafeMutablePointer<Real>?,
    _ mask: UnsafePointer<Real>?
  ) -> Int32 {
    guard n >= 0 else { return Status.length }
    guard let options else { return n == 0 ? Status.ok : Status.null }
    guard let act = ActType(options.pointee.act_type) else {
      return Status.actType
    }
    guard let p = Parameters<Real>(options.pointee, for: act) else {
      return Status.param
    }
    let count = Int(n)
    var layout: PReLULayout? = nil
    if act == .prelu {
      layout = PReLULayout(count: count, channels: channels, inner: inner)
      if layout == nil { return Status.length }
    }
    if count == 0 {
      // dgamma of no elements is zero.
      if act == .prelu, let dgamma, channels <= Int64(Int.max) {
        dgamma.initialize(repeating: 0, count: Int(channels))
      }
      return Status.ok
    }
    guard let dy, let x, let dx else { return Status.null }
    adviseHugePages(dx, count: count)
    let isa = ISA.current
    let raw = options.pointee.act_type

    func run(_ slope: Real) -> Bool {
      runChunked(
        units: count, unitCost: 1, threads: p.threads, interrupt: p.interrupt
      ) { Real.backward(isa, raw, slope, dy, x, dx, $0) }
    }

    let completed: Bool
    switch act {
    case .leaky, .elu: completed = run(p.slope)
    case .selu, .gelu, .geluTanh: completed = run(0)
    case .rrelu:
      if let mask {
        completed = runChunked(
          units: count, unitCost: 1, threads: p.threads,
          interrupt: p.interrupt
        ) { Real.rreluBackward(isa, dy, x, dx, mask, $0) }
      } else {
        completed = run(RReLU.meanSlope(p.lower, p.upper))
      }
    case .prelu:
      guard let gamma, let dgamma, let layout else { return Status.null }
      completed = preluBackward(
        dy, x, dx, gamma, dgamma, layout, count: count, p)
    }
    return completed ? Status.ok : Status.interrupted
  }

  /// prelu backward: dx, and dgamma summed in an order fixed by the layout.
  ///
  /// Each channel's sum is split into groups of consecutive outer rows
  /// (how many rows depends only on the layout and n). A group's terms are
  /// summed as `Kernels.preluBackward` describes (runs of consecutive
  /// elements, four partial sums each); the group sums are then added in
  /// group order starting from 0. Work units are (group, block of channels)
  /// pairs and may run on any thread.
  private static func preluBackward<Real: ActivationReal>(
    _ dy: UnsafePointer<Real>, _ x: UnsafePointer<Real>,
    _ dx: UnsafeMutablePointer<Real>, _ gamma: UnsafePointer<Real>,
    _ dgamma: UnsafeMutablePointer<Real>, _ layout: PReLULayout,
    count: Int, _ p: Parameters<Real>
  ) -> Bool {
    let channels = layout.channels
    let outer = layout.outer
    var rowsPerGroup = max(1, WorkSize.preluUnit / layout.rowLength)
    var groups = (outer + rowsPerGroup - 1) / rowsPerGroup
    // Bounds the partial-sum storage (groups × channels doubles).
    if groups > 1, groups &* channels > max(1 << 16, count >> 3) {
      rowsPerGroup = outer
      groups = 1
    }
    func rows(_ group: Int) -> Range<Int> {
      group &* rowsPerGroup ..< min(outer, (group &+ 1) &* rowsPerGroup)
    }
    let groupLength = min(rowsPerGroup, outer) &* layout.inner

    if groups == 1 {
      let perUnit = min(channels, max(1, WorkSize.preluUnit / groupLength))
      let blocks = (channels + perUnit - 1) / perUnit
      return runChunked(
        units: blocks, unitCost: perUnit &* groupLength, threads: p.threads,
        interrupt: p.interrupt
      ) { units in
        for block in units {
          let first = block &* perUnit
          Kernels.preluBackward(
            dy, x, dx, gamma, layout, rows: 0 ..< outer,
            channels: first ..< min(channels, first &+ perUnit)
          ) { c, sum in dgamma[c] = Real(sum) }
        }
      }
    }

    guard
      let raw = malloc(groups &* channels &* MemoryLayout<Double>.stride)
    else {
      // Without storage, each channel's group sums are added as they come,
      // in the same order.
      return runChunked(
        units: channels, unitCost: outer &* layout.inner, threads: p.threads,
        interrupt: p.interrupt
      ) { units in
        for c in units {
          var total = 0.0
          for group in 0 ..< groups {
            Kernels.preluBackward(
              dy, x, dx, gamma, layout, rows: rows(group),
              channels: c ..< c &+ 1
            ) { _, sum in total += sum }
          }
          dgamma[c] = Real(total)
        }
      }
    }
    defer { free(raw) }
    let partial = raw.bindMemory(to: Double.self, capacity: groups &* channels)

    let perUnit = min(channels, max(1, WorkSize.preluUnit / groupLength))
    let blocks = (channels + perUnit - 1) / perUnit
    let completed = runChunked(
      units: groups &* blocks, unitCost: perUnit &* groupLength,
      threads: p.threads, interrupt: p.interrupt
    ) { units in
      for unit in units {
        let group = unit / blocks
        let first = (unit % blocks) &* perUnit
        let base = group &* channels
        Kernels.preluBackward(
          dy, x, dx, gamma, layout, rows: rows(group),
          channels: first ..< min(channels, first &+ perUnit)
        ) { c, sum in partial[base &+ c] = sum }
      }
    }
    guard completed else { return false }
    for c in 0 ..< channels {
      var total = 0.0
      for group in 0 ..< groups {
        total += partial[group &* channels &+ c]
      }
      dgamma[c] = Real(total)
    }
    return true
  }
}
