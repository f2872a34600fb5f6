import CMXLeakyReLU
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The caller's interrupt callback.
struct Interrupt {
  var callback: mxlr_interrupt_fn?
  var data: UnsafeMutableRawPointer?

  /// Calls the callback; true when it asks to stop.
  func requested() -> Bool {
    guard let callback else { return false }
    return callback(data) != 0
  }
}

#if os(Linux)
/// `sched_getaffinity`, which Glibc's module map leaves out (it needs
/// `_GNU_SOURCE`), looked up at run time with its C signature.
private typealias SchedGetAffinity = @convention(c) (
  pid_t, Int, UnsafeMutableRawPointer
) -> Int32
#endif

/// The number of processors this process may run on (at least 1): on
/// Linux the affinity mask when available, else the online processors
/// (elsewhere, as macOS has no affinity masks, the online processors).
func availableCores() -> Int {
  #if os(Linux)
  if let symbol = dlsym(nil, "sched_getaffinity") {
    let getAffinity = unsafeBitCast(symbol, to: SchedGetAffinity.self)
    var set = cpu_set_t()
    let status = withUnsafeMutableBytes(of: &set) { bytes -> Int32 in
      guard let base = bytes.baseAddress else { return -1 }
      return getAffinity(0, bytes.count, base)
    }
    if status == 0 {
      let count = withUnsafeBytes(of: &set) { bytes in
        bytes.reduce(0) { $0 &+ $1.nonzeroBitCount }
      }
      if count >= 1 { return count }
    }
  }
  #endif
  let online = sysconf(Int32(_SC_NPROCESSORS_ONLN))
  return online >= 1 ? online : 1
}

/// The most threads one call uses: the available cores, or the value of
/// the environment variable `MXLEAKYRELU_TEST_THREAD_CAP` (a whole number
/// from 1 to 1024), which tests set to run more threads than the machine has
/// cores. Read at each multi-threaded call, so a test can change it.
func threadCap() -> Int {
  if let raw = getenv("MXLEAKYRELU_TEST_THREAD_CAP"), raw.pointee != 0 {
    var value = 0
    var p = raw
    var valid = true
    while p.pointee != 0 {
      let c = Int(p.pointee)
      guard c >= 48, c <= 57, value <= 1024 else {
        valid = false
        break
      }
      value = value &* 10 &+ (c - 48)
      p += 1
    }
    if valid, value >= 1, value <= 1024 { return value }
  }
  return availableCores()
}

/// A set of chunks shared by the threads of one call.
///
/// Threads take chunk indices in turn under a mutex; `stop()` makes the
/// remaining chunks unavailable.
private final class ChunkQueue {
  let count: Int
  let body: (Int) -> Void
  let mutex: UnsafeMutablePointer<pthread_mutex_t>
  var next = 0
  var stopped = false

  init?(count: Int, body: @escaping (Int) -> Void) {
    guard
      let raw = malloc(MemoryLayout<pthread_mutex_t>.stride),
      pthread_mutex_init(raw.assumingMemoryBound(to: pthread_mutex_t.self), nil)
        == 0
    else { return nil }
    self.mutex = raw.assumingMemoryBound(to: pthread_mutex_t.self)
    self.count = count
    self.body = body
  }

  deinit {
    pthread_mutex_destroy(mutex)
    free(mutex)
  }

  /// The next chunk index, or nil when none is left or the work stopped.
  func take() -> Int? {
    pthread_mutex_lock(mutex)
    defer { pthread_mutex_unlock(mutex) }
    guard !stopped, next < count else { return nil }
    next += 1
    return next - 1
  }

  func stop() {
    pthread_mutex_lock(mutex)
    stopped = true
    pthread_mutex_unlock(mutex)
  }
}

/// A worker thread's entry point: runs chunks until none is left.
private func chunkWorker(_ context: UnsafeMutableRawPointer?)
  -> UnsafeMutableRawPointer?
{
  guard let context else { return nil }
  let queue = Unmanaged<ChunkQueue>.fromOpaque(context).takeUnretainedValue()
  while let chunk = queue.take() {
    queue.body(chunk)
  }
  return nil
}

/// Runs `body` over `0 ..< units`, split into chunks of consecutive units,
/// on the calling thread and up to `threads − 1` threads started for this
/// call. `unitCost` is the approximate number of elements in one unit.
///
/// The interrupt callback is polled on the calling thread before each of its
/// chunks but the first. Returns false when it asked to stop, after every
/// thread has finished its current chunk.
///
/// `body` does not escape: a call that runs on the calling thread alone
/// allocates nothing (its closures stay on the stack). With threads, the
/// queue that hands `body` to them is released, and the threads joined,
/// before this function returns.
func runChunked(
  units: Int, unitCost: Int, threads requested: Int32,
  interrupt: Interrupt, body: (Range<Int>) -> Void
) -> Bool {
  guard units > 0 else { return true }
  let cost = max(1, unitCost)
  let (product, overflow) = units.multipliedReportingOverflow(by: cost)
  let total = overflow ? Int.max : product

  var threads = 1
  if requested > 1, total / WorkSize.minimumPerThread >= 2 {
    threads = min(
      Int(requested), total / WorkSize.minimumPerThread, threadCap())
  }

  let chunkElements: Int
  if threads > 1 {
    chunkElements = min(
      WorkSize.maximumChunk,
      max(WorkSize.minimumChunk, total / (4 &* threads)))
  } else {
    chunkElements = WorkSize.maximumChunk
  }
  let unitsPerChunk = max(1, chunkElements / cost)
  let chunks = units / unitsPerChunk + (units % unitsPerChunk == 0 ? 0 : 1)
  threads = min(threads, chunks)

  @inline(__always)
  func range(_ chunk: Int) -> Range<Int> {
    let start = chunk &* unitsPerChunk
    return start ..< min(units, start &+ unitsPerChunk)
  }

  if threads > 1 {
    let outcome = withoutActuallyEscaping(body) { body -> Bool? in
      guard
        let queue = ChunkQueue(count: chunks, body: { body(range($0)) })
      else { return nil }
      return runQueue(queue, threads: threads, interrupt: interrupt)
    }
    if let outcome { return outcome }
  }
  for chunk in 0 ..< chunks {
    if chunk > 0, interrupt.requested() { return false }
    body(range(chunk))
  }
  return true
}

/// Runs the chunks of `queue` on the calling thread and `threads − 1`
/// started threads (fewer when one cannot be started); joins them.
// A thread handle: an integer on Linux, an optional pointer on Darwin.
#if os(Linux)
private typealias Worker = pthread_t
private let noWorker = pthread_t()
private func join(_ thread: Worker) { pthread_join(thread, nil) }
#else
private typealias Worker = pthread_t?
private let noWorker: Worker = nil
private func join(_ thread: Worker) {
  if let thread { pthread_join(thread, nil) }
}
#endif

private func runQueue(
  _ queue: ChunkQueue, threads: Int, interrupt: Interrupt
) -> Bool {
  return withExtendedLifetime(queue) {
    let context = Unmanaged.passUnretained(queue).toOpaque()
    var workers: [Worker] = []
    workers.reserveCapacity(threads - 1)
    for _ in 1 ..< threads {
      var thread = noWorker
      if pthread_create(&thread, nil, { chunkWorker($0) }, context) == 0 {
        workers.append(thread)
      }
    }

    var completed = true
    var first = true
    while let chunk = queue.take() {
      if !first, interrupt.requested() {
        queue.stop()
        completed = false
        break
      }
      first = false
      queue.body(chunk)
    }

    for thread in workers { join(thread) }
    return completed
  }
}
