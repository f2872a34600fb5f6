/*
 * MXNDArray objects: the only C code that knows how an MXNDArray holds its
 * float32 values. An MXNDArray is an S4 object (type S4SXP) of class
 * "MXNDArray" (R/ndarray.R) with two slots:
 *   data  a raw vector, the float32 values in the host's byte order
 *         (little-endian on every platform the package builds on), 4 bytes
 *         per element, in R's (column-major) order;
 *   Dim   the dimensions in R's order (integer; double only when an extent
 *         exceeds the integer range), whose product is length(data) / 4.
 * The conversions and arithmetic are computed by the core (mxleakyrelu.h);
 * this file allocates, checks and wraps.
 */
#include <stdint.h>
#include <string.h>

#include "glue.h"

static SEXP data_symbol(void) {
  static SEXP s = NULL;
  if (s == NULL) s = Rf_install("data");
  return s;
}

static SEXP dim_symbol(void) {
  static SEXP s = NULL;
  if (s == NULL) s = Rf_install("Dim");
  return s;
}

/* The class attribute: "MXNDArray" with attribute package, as new() sets
 * it. */
static SEXP ndarray_class(void) {
  static SEXP cls = NULL;
  if (cls == NULL) {
    SEXP package = Rf_install("package");
    cls = PROTECT(Rf_mkString("MXNDArray"));
    Rf_setAttrib(cls, package, PROTECT(Rf_mkString("mxLeakyReLU")));
    R_PreserveObject(cls);
    UNPROTECT(2);
  }
  return cls;
}

/* 1 when x is an S4 object of class MXNDArray or of a class that extends
 * it (setClass(..., contains = "MXNDArray")), as is.mx.ndarray() says. The
 * exact class is one string comparison; only another class asks the
 * methods package for its superclasses (which may allocate: x is a
 * protected argument wherever this is called). */
static int is_ndarray(SEXP x) {
  if (TYPEOF(x) != S4SXP || !IS_S4_OBJECT(x)) return 0;
  SEXP cls = Rf_getAttrib(x, R_ClassSymbol);
  if (TYPEOF(cls) != STRSXP || XLENGTH(cls) != 1) return 0;
  if (strcmp(CHAR(STRING_ELT(cls, 0)), "MXNDArray") == 0) return 1;
  static const char *valid[] = {"MXNDArray", ""};
  return R_check_class_etc(x, valid) == 0;
}

/* The number of elements the dims describe, or -1 when they are not
 * whole numbers >= 0 (or overflow). */
static double dims_count(SEXP dim) {
  R_xlen_t k = XLENGTH(dim);
  if (k < 1) return -1;
  double count = 1;
  for (R_xlen_t i = 0; i < k; i++) {
    double d;
    if (TYPEOF(dim) == INTSXP) {
      if (INTEGER(dim)[i] == NA_INTEGER) return -1;
      d = INTEGER(dim)[i];
    } else if (TYPEOF(dim) == REALSXP) {
      d = REAL(dim)[i];
      if (!R_FINITE(d) || d != (double) (int64_t) d) return -1;
    } else {
      return -1;
    }
    if (d < 0) return -1;
    count *= d;
  }
  if (count > 4503599627370496.0) return -1; /* 2^52 */
  return count;
}

/* NULL when x is an intact MXNDArray, else a short reason. */
static const char *ndarray_problem(SEXP x) {
  if (!is_ndarray(x)) return "not an MXNDArray";
  SEXP data = Rf_getAttrib(x, data_symbol());
  SEXP dim = Rf_getAttrib(x, dim_symbol());
  if (TYPEOF(data) != RAWSXP || ATTRIB(data) != R_NilValue) {
    return "its data slot is not a raw vector";
  }
  if ((TYPEOF(dim) != INTSXP && TYPEOF(dim) != REALSXP) ||
      ATTRIB(dim) != R_NilValue) {
    return "its Dim slot is not numeric";
  }
  double count = dims_count(dim);
  if (count < 0) return "its Dim slot has values that are not counts";
  if (count * 4 != (double) XLENGTH(data)) {
    return "its data slot does not hold prod(Dim) float32 values";
  }
  return NULL;
}

/* ---- For the checks of the glue (glue.h) ------------------------------ */

int mxlr_nd_intact(SEXP x) {
  return TYPEOF(x) == S4SXP && ndarray_problem(x) == NULL;
}

const char *mxlr_nd_problem(SEXP x) { return ndarray_problem(x); }

int mxlr_nd_claimed(SEXP x) {
  return is_ndarray(x) || Rf_inherits(x, "MXNDArray");
}

SEXP mxlr_nd_dims(SEXP x) { return Rf_getAttrib(x, dim_symbol()); }

/* .Call: NULL when x is an intact MXNDArray, else the reason. */
SEXP mxlr_nd_problem_call(SEXP x) {
  const char *problem = ndarray_problem(x);
  return problem == NULL ? R_NilValue : Rf_mkString(problem);
}

static SEXP ndarray_data(SEXP x) { return Rf_getAttrib(x, data_symbol()); }

static R_xlen_t ndarray_length(SEXP x) {
  return XLENGTH(ndarray_data(x)) / 4;
}

/* A new MXNDArray of n elements (uninitialised) with dims `dim` (R order;
 * NULL: one dimension of n). */
static SEXP new_ndarray(R_xlen_t n, SEXP dim) {
  SEXP x = PROTECT(Rf_allocS4Object());
  SEXP data = PROTECT(Rf_allocVector(RAWSXP, n * 4));
  SEXP d;
  if (Rf_isNull(dim)) {
    d = n <= INT_MAX ? Rf_ScalarInteger((int) n) : Rf_ScalarReal((double) n);
  } else {
    d = Rf_duplicate(dim);
  }
  PROTECT(d);
  Rf_setAttrib(x, data_symbol(), data);
  Rf_setAttrib(x, dim_symbol(), d);
  Rf_setAttrib(x, R_ClassSymbol, ndarray_class());
  UNPROTECT(3);
  return x;
}

/* ---- The contract of glue.h ------------------------------------------- */

int mxlr_is_float_payload(SEXP x) {
  if (TYPEOF(x) == REALSXP) return 0;
  if (is_ndarray(x)) return 1;
  Rf_error("mxLeakyReLU: internal error: unexpected %s data",
           Rf_type2char(TYPEOF(x)));
  return 0;
}

float *mxlr_float_data(SEXP x) { return (float *) RAW(ndarray_data(x)); }

R_xlen_t mxlr_values_length(SEXP x) {
  return mxlr_is_float_payload(x) ? ndarray_length(x) : XLENGTH(x);
}

SEXP mxlr_alloc_values(SEXP x, R_xlen_t n) {
  return mxlr_is_float_payload(x) ? new_ndarray(n, R_NilValue)
                                  : Rf_allocVector(REALSXP, n);
}

SEXP mxlr_alloc_like(SEXP x, R_xlen_t n) {
  if (mxlr_is_float_payload(x)) {
    return new_ndarray(n, n == ndarray_length(x)
                              ? Rf_getAttrib(x, dim_symbol())
                              : R_NilValue);
  }
  SEXP y = PROTECT(Rf_allocVector(REALSXP, n));
  SEXP dim = Rf_getAttrib(x, R_DimSymbol);
  if (!Rf_isNull(dim) && n == XLENGTH(x)) {
    Rf_setAttrib(y, R_DimSymbol, dim);
    Rf_setAttrib(y, R_DimNamesSymbol, Rf_getAttrib(x, R_DimNamesSymbol));
  } else if (n == XLENGTH(x)) {
    Rf_setAttrib(y, R_NamesSymbol, Rf_getAttrib(x, R_NamesSymbol));
  }
  UNPROTECT(1);
  return y;
}

/* ---- Interrupts and errors --------------------------------------------
 * The float32 entry points poll R through the core's callback with the
 * glue's unwind protection (glue.h): whatever R starts there (an interrupt,
 * a time limit, a handler's jump) continues unchanged once the core has
 * stopped. */

/* The core's options for n values: the threads of the policy (threads.c;
 * a bad setting is an R error here, before anything is allocated) and the
 * interrupt poll. */
static mxlr_options float_options(double n, mxlr_unwind *unwind) {
  mxlr_options opt;
  memset(&opt, 0, sizeof opt);
  opt.threads = mxlr_threads_for(n);
  opt.interrupt = mxlr_unwind_poll;
  opt.interrupt_data = unwind;
  return opt;
}

/* Resumes R's jump if the core stopped for one, else turns a failure
 * status into an R error. */
static void stop_on_status(int32_t status, mxlr_unwind *unwind) {
  mxlr_unwind_continue(unwind);
  if (status != MXLR_OK) {
    Rf_error("mxLeakyReLU core: %s", mxlr_status_message(status));
  }
}

/* ---- .Call entry points ------------------------------------------------
 * Arguments were checked by R/ndarray.R and R/ops.R. */

/* Double vector x -> MXNDArray with dims dim (NULL: 1-d). */
SEXP mxlr_nd_from_double_call(SEXP x, SEXP dim) {
  mxlr_unwind unwind = {0};
  R_xlen_t n = XLENGTH(x);
  mxlr_options opt = float_options((double) n, &unwind);
  SEXP y = PROTECT(new_ndarray(n, dim));
  stop_on_status(mxlr_f64_to_f32(REAL(x), mxlr_float_data(y), n, &opt), &unwind);
  UNPROTECT(1);
  return y;
}

/* MXNDArray -> double array with its dims (a plain vector when as_vector
 * is TRUE). */
SEXP mxlr_nd_to_double_call(SEXP x, SEXP as_vector) {
  mxlr_unwind unwind = {0};
  R_xlen_t n = ndarray_length(x);
  mxlr_options opt = float_options((double) n, &unwind);
  SEXP y = PROTECT(Rf_allocVector(REALSXP, n));
  stop_on_status(mxlr_f32_to_f64(mxlr_float_data(x), REAL(y), n, &opt), &unwind);
  if (!Rf_asLogical(as_vector)) {
    Rf_setAttrib(y, R_DimSymbol, Rf_getAttrib(x, dim_symbol()));
  }
  UNPROTECT(1);
  return y;
}

/* a op b for two MXNDArrays of the same shape. */
SEXP mxlr_nd_binary_call(SEXP a, SEXP b, SEXP op) {
  mxlr_unwind unwind = {0};
  R_xlen_t n = ndarray_length(a);
  if (ndarray_length(b) != n) Rf_error("mxLeakyReLU: internal error: lengths");
  mxlr_options opt = float_options((double) n, &unwind);
  SEXP y = PROTECT(new_ndarray(n, Rf_getAttrib(a, dim_symbol())));
  stop_on_status(mxlr_binary_f32(mxlr_float_data(a), mxlr_float_data(b),
                                 mxlr_float_data(y), n, Rf_asInteger(op),
                                 &opt), &unwind);
  UNPROTECT(1);
  return y;
}

/* a op s (left FALSE) or s op a (left TRUE), s a double rounded to float32
 * first. */
SEXP mxlr_nd_scalar_call(SEXP a, SEXP s, SEXP left, SEXP op) {
  mxlr_unwind unwind = {0};
  R_xlen_t n = ndarray_length(a);
  mxlr_options opt = float_options((double) n, &unwind);
  SEXP y = PROTECT(new_ndarray(n, Rf_getAttrib(a, dim_symbol())));
  float scalar;
  double value = Rf_asReal(s);
  stop_on_status(mxlr_f64_to_f32(&value, &scalar, 1, NULL), &unwind);
  stop_on_status(mxlr_scalar_f32(mxlr_float_data(a), scalar,
                                 Rf_asLogical(left), mxlr_float_data(y), n,
                                 Rf_asInteger(op), &opt), &unwind);
  UNPROTECT(1);
  return y;
}

/* The elements of bytes[offset + 1, ...] (1-based offset, a double) of
 * MXNet dtype `dtype`, as an MXNDArray with dims dim. The R code checks
 * that the bytes are there; checked again here, so that the core never
 * reads past what R hands it. */
SEXP mxlr_nd_decode_call(SEXP bytes, SEXP offset, SEXP dtype, SEXP dim) {
  mxlr_unwind unwind = {0};
  double count = dims_count(dim);
  double off = Rf_asReal(offset);
  double size = mxlr_dtype_size(Rf_asInteger(dtype));
  if (TYPEOF(bytes) != RAWSXP || count < 0 || !(off >= 0) || size == 0 ||
      off + count * size > (double) XLENGTH(bytes)) {
    Rf_error("mxLeakyReLU: internal error: decode layout");
  }
  R_xlen_t n = (R_xlen_t) count;
  mxlr_options opt = float_options(count, &unwind);
  SEXP y = PROTECT(new_ndarray(n, dim));
  stop_on_status(mxlr_decode_f32(RAW(bytes) + (R_xlen_t) off,
                                 Rf_asInteger(dtype), mxlr_float_data(y), n,
                                 &opt), &unwind);
  UNPROTECT(1);
  return y;
}

/* The float32 bytes of an MXNDArray in little-endian order (for files). */
SEXP mxlr_nd_bytes_call(SEXP x) {
  SEXP data = ndarray_data(x);
#ifdef WORDS_BIGENDIAN
  R_xlen_t n = XLENGTH(data);
  SEXP out = PROTECT(Rf_allocVector(RAWSXP, n));
  const Rbyte *src = RAW(data);
  Rbyte *dst = RAW(out);
  for (R_xlen_t i = 0; i + 3 < n; i += 4) {
    dst[i] = src[i + 3]; dst[i + 1] = src[i + 2];
    dst[i + 2] = src[i + 1]; dst[i + 3] = src[i];
  }
  UNPROTECT(1);
  return out;
#else
  return data;
#endif
}

/* A new MXNDArray with x's values and dims dim (same count, checked in R). */
SEXP mxlr_nd_reshape_call(SEXP x, SEXP dim) {
  SEXP y = PROTECT(Rf_shallow_duplicate(x));
  Rf_setAttrib(y, dim_symbol(), dim);
  UNPROTECT(1);
  return y;
}

/* A new MXNDArray with dims dim (integer, checked in R) filled with value
 * (0 or 1, exact in float32). */
SEXP mxlr_nd_fill_call(SEXP dim, SEXP value) {
  double count = dims_count(dim);
  if (count < 0) Rf_error("mxLeakyReLU: internal error: fill dims");
  R_xlen_t n = (R_xlen_t) count;
  SEXP y = PROTECT(new_ndarray(n, dim));
  float v = (float) Rf_asReal(value);
  float *dst = mxlr_float_data(y);
  for (R_xlen_t i = 0; i < n; i++) dst[i] = v;
  UNPROTECT(1);
  return y;
}

/* The elements idx (1-based positions in R's order, integer or double, NA
 * for a position beyond the array, as R's subsetting gives them) of the
 * MXNDArray x, as a new MXNDArray with dims dim (NULL: 1-d). Only the
 * selected float32 values are read; NA becomes the NaN that mx.nd.array()
 * stores for NA. */
SEXP mxlr_nd_gather_call(SEXP x, SEXP idx, SEXP dim) {
  R_xlen_t n = ndarray_length(x);
  R_xlen_t m = XLENGTH(idx);
  if (TYPEOF(idx) != INTSXP && TYPEOF(idx) != REALSXP) {
    Rf_error("mxLeakyReLU: internal error: gather index type");
  }
  SEXP y = PROTECT(new_ndarray(m, dim));
  mxlr_unwind unwind = {0};
  double na = NA_REAL;
  float nan_value;
  stop_on_status(mxlr_f64_to_f32(&na, &nan_value, 1, NULL), &unwind);
  const float *src = mxlr_float_data(x);
  float *dst = mxlr_float_data(y);
  for (R_xlen_t i = 0; i < m; i++) {
    if ((i & 0xFFFFFF) == 0xFFFFFF) R_CheckUserInterrupt();
    double k;
    if (TYPEOF(idx) == INTSXP) {
      int v = INTEGER_ELT(idx, i);
      k = v == NA_INTEGER ? -1 : v;
    } else {
      double v = REAL_ELT(idx, i);
      k = ISNAN(v) ? -1 : v;
    }
    if (k == -1) {
      dst[i] = nan_value;
    } else if (k >= 1 && k <= (double) n) {
      dst[i] = src[(R_xlen_t) k - 1];
    } else {
      Rf_error("mxLeakyReLU: internal error: gather index %.0f", k);
    }
  }
  UNPROTECT(1);
  return y;
}
