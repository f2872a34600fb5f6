#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Output buffers at least this large are advised to use huge pages.
private let hugePageThreshold = 4 << 20
/// The transparent huge page size on x86-64 and most Linux targets.
private let hugePageSize = 2 << 20

/// Asks the kernel to back the 2 MiB-aligned interior of a large output
/// buffer with transparent huge pages, before it is first written: a fresh
/// buffer (R allocates large vectors with mmap) then takes one page fault
/// per 2 MiB instead of one per 4 KiB. Only advice: failures are ignored
/// and no result depends on it. Linux only: other systems have no such
/// advice.
func adviseHugePages<T>(_ buffer: UnsafeMutablePointer<T>, count: Int) {
  #if os(Linux)
  let bytes = count &* MemoryLayout<T>.stride
  guard bytes >= hugePageThreshold else { return }
  let start = UInt(bitPattern: buffer)
  let first = (start &+ UInt(hugePageSize - 1)) & ~UInt(hugePageSize - 1)
  let end = (start &+ UInt(bytes)) & ~UInt(hugePageSize - 1)
  guard end > first,
    let pointer = UnsafeMutableRawPointer(bitPattern: first)
  else { return }
  _ = madvise(pointer, Int(end &- first), MADV_HUGEPAGE)
  #endif
}
