/*
 * mxlr_cpu.h: what the processor offers, for the core's choice of kernels.
 * Internal to the core (imported by its Swift module through the module
 * map); not part of the C ABI.
 */
#ifndef MXLR_CPU_H
#define MXLR_CPU_H

#if defined(__x86_64__)
#include <cpuid.h>
#endif

/*
 * 1 when the processor and the operating system support everything the
 * kernels compiled for Haswell (x86-64-v3) may use: AVX, AVX2, FMA, BMI1,
 * BMI2, LZCNT, MOVBE, F16C, POPCNT, SSE4.2 and the YMM register state;
 * 0 otherwise and on other architectures.
 */
static inline int mxlr_cpu_has_avx2(void) {
#if defined(__x86_64__)
  unsigned a, b, c, d;
  if (!__get_cpuid(1, &a, &b, &c, &d)) return 0;
  const unsigned need1 = (1u << 0) | (1u << 9) | (1u << 12) | (1u << 13) |
                         (1u << 19) | (1u << 20) | (1u << 22) | (1u << 23) |
                         (1u << 27) | (1u << 28) | (1u << 29);
  /* SSE3 SSSE3 FMA CX16 SSE4.1 SSE4.2 MOVBE POPCNT OSXSAVE AVX F16C */
  if ((c & need1) != need1) return 0;
  unsigned lo, hi;
  __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
  if ((lo & 6u) != 6u) return 0; /* XMM and YMM state enabled */
  if (__get_cpuid_max(0, 0) < 7) return 0;
  __cpuid_count(7, 0, a, b, c, d);
  const unsigned need7 = (1u << 3) | (1u << 5) | (1u << 8); /* BMI1 AVX2 BMI2 */
  if ((b & need7) != need7) return 0;
  if (__get_cpuid(0x80000001u, &a, &b, &c, &d) == 0) return 0;
  if (!(c & (1u << 5))) return 0; /* LZCNT */
  return 1;
#else
  return 0;
#endif
}

#endif /* MXLR_CPU_H */
