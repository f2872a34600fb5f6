/*
 * The thread policy, defined here only. R/threads.R asks through
 * mxlr_threads_call() and words the errors; every entry point of the glue
 * gets its thread count from mxlr_resolve_threads() (forward and backward,
 * which report a bad setting for R to word) or mxlr_threads_for() (the
 * MXNDArray operations, which stop with R's message).
 *
 *   1. the setting: options(mxLeakyReLU.threads) when set (a whole number
 *      >= 1, or a string of digits), else the environment variable
 *      MXLEAKYRELU_THREADS when set and not empty (digits only), else
 *      every core the core may use (mxlr_thread_cap());
 *   2. capped at mxlr_thread_cap(), at OMP_THREAD_LIMIT when it is a whole
 *      number >= 1 (other values are ignored, as data.table does), and at 2
 *      when _R_CHECK_LIMIT_CORES_ is set to anything but "false" (as
 *      R CMD check --as-cran does);
 *   3. inputs of fewer than 2 * MXLR_MIN_PER_THREAD elements run on the
 *      calling thread (the core would not split them anyway), without
 *      reading the caps.
 *
 * The setting and the variables are read at every call (Sys.setenv() takes
 * effect at once); that costs well under a microsecond.
 */
#define R_NO_REMAP
#include <R.h>
#include <Rinternals.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "glue.h"

#define THREADS_BAD_OPTION (-1)
#define THREADS_BAD_ENV (-2)

/* A string of decimal digits as a number >= 1 (values beyond 1e9 as 1e9:
 * every cap is lower), else -1. */
static double digits_value(const char *s) {
  if (s == NULL || s[0] == '\0') return -1;
  double value = 0;
  for (const char *c = s; *c; c++) {
    if (*c < '0' || *c > '9') return -1;
    value = value * 10 + (*c - '0');
    if (value > 1e9) value = 1e9;
  }
  return value >= 1 ? value : -1;
}

/* The setting (step 1 without the default): a number >= 1, 0 when nothing
 * is set, or a THREADS_BAD_* code. */
static double thread_setting(void) {
  static SEXP option = NULL;
  if (option == NULL) option = Rf_install("mxLeakyReLU.threads");
  SEXP v = Rf_GetOption1(option);
  if (v != R_NilValue) {
    if (OBJECT(v) || !Rf_isVectorAtomic(v) || XLENGTH(v) != 1) {
      return THREADS_BAD_OPTION;
    }
    double value;
    switch (TYPEOF(v)) {
    case INTSXP:
      if (INTEGER(v)[0] == NA_INTEGER) return THREADS_BAD_OPTION;
      value = INTEGER(v)[0];
      break;
    case REALSXP:
      value = REAL(v)[0];
      break;
    case STRSXP:
      if (STRING_ELT(v, 0) == NA_STRING) return THREADS_BAD_OPTION;
      value = digits_value(CHAR(STRING_ELT(v, 0)));
      break;
    default:
      return THREADS_BAD_OPTION;
    }
    if (!R_FINITE(value) || value < 1 || value != floor(value)) {
      return THREADS_BAD_OPTION;
    }
    return value;
  }
  const char *env = getenv("MXLEAKYRELU_THREADS");
  if (env == NULL || env[0] == '\0') return 0;
  double value = digits_value(env);
  return value >= 1 ? value : THREADS_BAD_ENV;
}

static int thread_limit(void) {
  int limit = mxlr_thread_cap();
  double omp = digits_value(getenv("OMP_THREAD_LIMIT"));
  if (omp >= 1 && omp < limit) limit = (int) omp;
  const char *check = getenv("_R_CHECK_LIMIT_CORES_");
  if (check != NULL && check[0] != '\0' && strcasecmp(check, "false") != 0 &&
      limit > 2) {
    limit = 2;
  }
  return limit < 1 ? 1 : limit;
}

/* The threads for an input of n elements (>= 1), or a THREADS_BAD_* code.
 * The setting is checked whatever n, so a bad one is always reported. */
int mxlr_resolve_threads(double n) {
  double setting = thread_setting();
  if (setting < 0) return (int) setting;
  if (n < 2.0 * MXLR_MIN_PER_THREAD) return 1;
  int limit = thread_limit();
  if (setting == 0 || setting > limit) return limit;
  return (int) setting;
}

/* mxLeakyReLU.threads(): the most threads a call uses, or a negative code
 * for R to word (-1: the option is invalid, -2: the environment variable). */
SEXP mxlr_threads_call(void) {
  return Rf_ScalarInteger(mxlr_resolve_threads(INFINITY));
}

SEXP mxlr_available_cores_call(void) {
  return Rf_ScalarInteger(mxlr_available_cores());
}

/* The threads for n elements; a bad setting is the R error that
 * mxLeakyReLU.threads() words. */
int mxlr_threads_for(double n) {
  int threads = mxlr_resolve_threads(n);
  if (threads >= 1) return threads;
  SEXP ns = PROTECT(R_FindNamespace(PROTECT(Rf_mkString("mxLeakyReLU"))));
  SEXP call = PROTECT(Rf_lang1(Rf_install("mxLeakyReLU.threads")));
  Rf_eval(call, ns);
  UNPROTECT(3);
  Rf_error("mxLeakyReLU: internal error: thread setting");
  return 1;
}
