/* The instruction set the core's kernels use, for R (benchmarks, tests). */
#define R_NO_REMAP
#include <R.h>
#include <Rinternals.h>

#include "mxleakyrelu.h"

/* "baseline" or "avx2": see mxlr_isa_name() in mxleakyrelu.h. */
SEXP mxlr_isa_call(void) {
  return Rf_mkString(mxlr_isa_name());
}
