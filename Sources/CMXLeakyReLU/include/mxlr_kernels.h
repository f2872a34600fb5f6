/*
 * mxlr_kernels.h: internal to the core (imported by its Swift modules
 * through the module map); not part of the C ABI.
 *
 * 1. The registry of mxleakyrelu.h read by number and by name.
 * 2. The kernels of one instruction set as a table of entry points: each
 *    kernel module (the core's own baseline copy, MXLeakyReLUKernelsAVX2)
 *    fills one in; the core picks a table once (ISA.swift) and calls
 *    through it. Ranges are the element indexes [lo, hi). Arguments are
 *    checked by the caller.
 */
#ifndef MXLR_KERNELS_H
#define MXLR_KERNELS_H

#include <stdint.h>
#include <string.h>

#include "mxleakyrelu.h"

_Static_assert(MXLR_ACT_TYPE_COUNT == MXLR_ACT_TYPE_END_,
               "MXLR_ACT_TYPES lists the numbers 0, 1, ... in order");

static inline const char *mxlr_registry_name(int32_t act) {
  switch (act) {
#define MXLR_NAME_CASE_(id, number, name, traits) \
  case number: return name;
    MXLR_ACT_TYPES(MXLR_NAME_CASE_)
#undef MXLR_NAME_CASE_
  }
  return NULL;
}

static inline int32_t mxlr_registry_traits(int32_t act) {
  switch (act) {
#define MXLR_TRAITS_CASE_(id, number, name, traits) \
  case number: return traits;
    MXLR_ACT_TYPES(MXLR_TRAITS_CASE_)
#undef MXLR_TRAITS_CASE_
  }
  return -1;
}

static inline const char *mxlr_registry_alias(int32_t i) {
  static const char *const aliases[] = {
#define MXLR_ALIAS_NAME_(id, alias) alias,
      MXLR_ACT_TYPE_ALIASES(MXLR_ALIAS_NAME_)
#undef MXLR_ALIAS_NAME_
  };
  return i >= 0 && i < (int32_t) (sizeof aliases / sizeof aliases[0])
             ? aliases[i] : NULL;
}

static inline int32_t mxlr_registry_number(const char *s) {
  if (s == NULL) return -1;
#define MXLR_NAME_MATCH_(id, number, name, traits) \
  if (strcmp(s, name) == 0) return number;
  MXLR_ACT_TYPES(MXLR_NAME_MATCH_)
#undef MXLR_NAME_MATCH_
#define MXLR_ALIAS_MATCH_(id, alias) \
  if (strcmp(s, alias) == 0) return MXLR_##id;
  MXLR_ACT_TYPE_ALIASES(MXLR_ALIAS_MATCH_)
#undef MXLR_ALIAS_MATCH_
  return -1;
}

/* The elementwise kernels return 1, or 0 (and do nothing) for an act type
 * they have no formula for; `slope` is the slope of the types that take
 * one, or the inference slope of those that take bounds. */
typedef struct mxlr_kernel_table {
  const char *isa;
  int32_t (*forward_f64)(int32_t act, double slope, const double *x,
                         double *y, int64_t lo, int64_t hi);
  int32_t (*forward_f32)(int32_t act, float slope, const float *x, float *y,
                         int64_t lo, int64_t hi);
  int32_t (*backward_f64)(int32_t act, double slope, const double *dy,
                          const double *x, double *dx, int64_t lo,
                          int64_t hi);
  int32_t (*backward_f32)(int32_t act, float slope, const float *dy,
                          const float *x, float *dx, int64_t lo, int64_t hi);
  void (*prelu_forward_f64)(const double *x, double *y, const double *gamma,
                            int64_t channels, int64_t inner, int64_t lo,
                            int64_t hi);
  void (*prelu_forward_f32)(const float *x, float *y, const float *gamma,
                            int64_t channels, int64_t inner, int64_t lo,
                            int64_t hi);
  void (*rrelu_train_f64)(const double *x, double *y, double *mask,
                          uint64_t seed, double lower, double upper,
                          int64_t lo, int64_t hi);
  void (*rrelu_train_f32)(const float *x, float *y, float *mask,
                          uint64_t seed, float lower, float upper,
                          int64_t lo, int64_t hi);
  void (*rrelu_backward_f64)(const double *dy, const double *x, double *dx,
                             const double *mask, int64_t lo, int64_t hi);
  void (*rrelu_backward_f32)(const float *dy, const float *x, float *dx,
                             const float *mask, int64_t lo, int64_t hi);
} mxlr_kernel_table;

#endif /* MXLR_KERNELS_H */
