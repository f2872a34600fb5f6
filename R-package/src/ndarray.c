/*
 * MXNDArray payloads: the only C code that knows how an MXNDArray holds its
 * float32 values (an integer vector of float32 bit patterns, as R/ndarray.R
 * builds it), and the conversions between doubles and float32.
 */
#include <stdint.h>

#include "glue.h"

int mxlr_is_float_payload(SEXP x) {
  if (TYPEOF(x) == INTSXP) return 1;
  if (TYPEOF(x) == REALSXP) return 0;
  Rf_error("mxLeakyReLU: internal error: unexpected %s data",
           Rf_type2char(TYPEOF(x)));
  return 0;
}

float *mxlr_float_data(SEXP x) { return (float *) INTEGER(x); }

SEXP mxlr_alloc_values(SEXP x, R_xlen_t n) {
  return Rf_allocVector(mxlr_is_float_payload(x) ? INTSXP : REALSXP, n);
}

/* Double vector -> float32 payload (round to nearest). */
SEXP mxlr_to_float_call(SEXP x) {
  R_xlen_t n = XLENGTH(x);
  SEXP y = PROTECT(Rf_allocVector(INTSXP, n));
  const double *src = REAL(x);
  float *dst = mxlr_float_data(y);
  for (R_xlen_t i = 0; i < n; i++) dst[i] = (float) src[i];
  UNPROTECT(1);
  return y;
}

/* float32 payload -> double vector (exact). */
SEXP mxlr_from_float_call(SEXP x) {
  R_xlen_t n = XLENGTH(x);
  SEXP y = PROTECT(Rf_allocVector(REALSXP, n));
  const float *src = mxlr_float_data(x);
  double *dst = REAL(y);
  for (R_xlen_t i = 0; i < n; i++) dst[i] = (double) src[i];
  UNPROTECT(1);
  return y;
}
