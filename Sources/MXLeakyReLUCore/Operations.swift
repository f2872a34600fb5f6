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
    if act.takes(MXLR_TAKES_GAMMA) {
      layout = PReLULayout(count: count, channels: channels, inner: inner)
      if layout == nil { return Status.length }
    }
    let kernels = ISA.current.kernels
    let completed: Bool
    if let layout {
      if count == 0 { return Status.ok }
      guard let x, let y, let gamma else { return Status.null }
      adviseHugePages(y, count: count)
      let kernel = Real.preluForward(kernels)
      completed = runChunked(
        units: count, unitCost: 1, threads: p.threads, interrupt: p.interrupt
      ) {
        kernel(
          x, y, gamma, Int64(layout.channels), Int64(layout.inner),
          Int64($0.lowerBound), Int64($0.upperBound))
      }
    } else {
      let kernel = Real.forward(kernels)
      let (number, slope) = (act.number, p.kernelSlope)
      guard kernel(number, slope, x, y, 0, 0) != 0 else {
        return Status.actType
      }
      if count == 0 { return Status.ok }
      guard let x, let y else { return Status.null }
      adviseHugePages(y, count: count)
      completed = runChunked(
        units: count, unitCost: 1, threads: p.threads, interrupt: p.interrupt
      ) {
        _ = kernel(
          number, slope, x, y, Int64($0.lowerBound), Int64($0.upperBound))
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
    guard
      let rrelu = ActType(Int32(MXLR_RRELU.rawValue)),
      let p = Parameters<Real>(options.pointee, for: rrelu)
    else {
      return Status.param
    }
    if n == 0 { return Status.ok }
    guard let x, let y, let mask else { return Status.null }
    adviseHugePages(y, count: Int(n))
    adviseHugePages(mask, count: Int(n))
    let kernel = Real.rreluTrain(ISA.current.kernels)
    let completed = runChunked(
      units: Int(n), unitCost: 1, threads: p.threads, interrupt: p.interrupt
    ) {
      kernel(
        x, y, mask, seed, p.lower, p.upper, Int64($0.lowerBound),
        Int64($0.upperBound))
    }
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
    if act.takes(MXLR_TAKES_GAMMA) {
      layout = PReLULayout(count: count, channels: channels, inner: inner)
      if layout == nil { return Status.length }
      // dgamma is required, and of no elements it is zero.
      guard let dgamma else { return Status.null }
      if count == 0 {
        dgamma.initialize(repeating: 0, count: Int(channels))
        return Status.ok
      }
    }
    let kernels = ISA.current.kernels
    let completed: Bool
    if let layout {
      guard let dy, let x, let dx, let gamma, let dgamma else {
        return Status.null
      }
      adviseHugePages(dx, count: count)
      completed = preluBackward(
        dy, x, dx, gamma, dgamma, layout, count: count, p)
    } else if act.takes(MXLR_TAKES_MASK), let mask {
      if count == 0 { return Status.ok }
      guard let dy, let x, let dx else { return Status.null }
      adviseHugePages(dx, count: count)
      let kernel = Real.rreluBackward(kernels)
      completed = runChunked(
        units: count, unitCost: 1, threads: p.threads, interrupt: p.interrupt
      ) {
        kernel(dy, x, dx, mask, Int64($0.lowerBound), Int64($0.upperBound))
      }
    } else {
      let kernel = Real.backward(kernels)
      let (number, slope) = (act.number, p.kernelSlope)
      guard kernel(number, slope, dy, x, dx, 0, 0) != 0 else {
        return Status.actType
      }
      if count == 0 { return Status.ok }
      guard let dy, let x, let dx else { return Status.null }
      adviseHugePages(dx, count: count)
      completed = runChunked(
        units: count, unitCost: 1, threads: p.threads, interrupt: p.interrupt
      ) {
        _ = kernel(
          number, slope, dy, x, dx, Int64($0.lowerBound),
          Int64($0.upperBound))
      }
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
