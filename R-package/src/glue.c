/*
 * .Call glue: converts R objects to the C types of mxleakyrelu.h, calls the
 * core and wraps its results. Arguments were validated on the R side
 * (R/args.R); the core checks them again and any failure becomes an R error.
 *
 * Double data arrive as REALSXP; MXNDArray payloads are reached through
 * glue.h (ndarray.c).
 */
#define R_NO_REMAP
#include <R.h>
#include <Rinternals.h>
#include <stdint.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "glue.h"

/* Interrupt polling for the core: R_CheckUserInterrupt() inside
 * R_ToplevelExec() so that a pending interrupt cannot longjmp through the
 * core's frames; the core then stops and returns MXLR_ERR_INTERRUPTED. */
static void check_interrupt(void *unused) {
  (void) unused;
  R_CheckUserInterrupt();
}

static int interrupt_pending(void *unused) {
  (void) unused;
  return !R_ToplevelExec(check_interrupt, NULL);
}

/* After the core stopped for a user interrupt (which R_ToplevelExec has
 * consumed), signals it again the way R does: an "interrupt" condition that
 * tryCatch(interrupt = ) sees, then, unhandled, a jump to the top level.
 * try() and error handlers do not catch it. */
static void raise_interrupt(void) {
  SEXP cond = PROTECT(Rf_allocVector(VECSXP, 0));
  SEXP cls = PROTECT(Rf_allocVector(STRSXP, 2));
  SET_STRING_ELT(cls, 0, Rf_mkChar("interrupt"));
  SET_STRING_ELT(cls, 1, Rf_mkChar("condition"));
  Rf_classgets(cond, cls);
  SEXP signal = PROTECT(Rf_lang2(Rf_install("signalCondition"), cond));
  Rf_eval(signal, R_BaseEnv);
  SEXP abort = PROTECT(Rf_lang2(Rf_install("invokeRestart"),
                                Rf_mkString("abort")));
  Rf_eval(abort, R_BaseEnv);
  UNPROTECT(4);
}

static mxlr_options make_options(SEXP act, SEXP slope, SEXP lower, SEXP upper,
                                 SEXP threads) {
  mxlr_options opt;
  memset(&opt, 0, sizeof opt);
  opt.act_type = Rf_asInteger(act);
  opt.threads = Rf_asInteger(threads);
  opt.slope = Rf_asReal(slope);
  opt.lower_bound = Rf_asReal(lower);
  opt.upper_bound = Rf_asReal(upper);
  opt.interrupt = interrupt_pending;
  opt.interrupt_data = NULL;
  return opt;
}

static void stop_on_error(int32_t status) {
  if (status == MXLR_ERR_INTERRUPTED) {
    raise_interrupt();
  }
  if (status != MXLR_OK) {
    Rf_error("mxLeakyReLU core: %s", mxlr_status_message(status));
  }
}

/* A new vector of x's type and length with x's dim and dimnames, or its
 * names when it has no dim. */
static SEXP alloc_like(SEXP x, R_xlen_t n) { return mxlr_alloc_like(x, n); }

/* gamma (a double vector or NULL) as floats, in memory R frees on return. */
static const float *gamma_as_float(SEXP gamma) {
  if (Rf_isNull(gamma)) return NULL;
  R_xlen_t n = XLENGTH(gamma);
  float *g = (float *) R_alloc(n > 0 ? (size_t) n : 1, sizeof(float));
  const double *src = REAL(gamma);
  for (R_xlen_t i = 0; i < n; i++) g[i] = (float) src[i];
  return g;
}

static int64_t as_count(SEXP x) { return (int64_t) Rf_asReal(x); }

SEXP mxlr_forward_call(SEXP x, SEXP act, SEXP slope, SEXP lower, SEXP upper,
                       SEXP gamma, SEXP channels, SEXP inner, SEXP threads) {
  mxlr_options opt = make_options(act, slope, lower, upper, threads);
  R_xlen_t n = mxlr_values_length(x);
  int64_t ch = as_count(channels), in = as_count(inner);
  SEXP y = PROTECT(alloc_like(x, n));
  int32_t status;
  if (mxlr_is_float_payload(x)) {
    status = mxlr_forward_f32(mxlr_float_data(x), mxlr_float_data(y), n, &opt,
                              gamma_as_float(gamma), ch, in);
  } else {
    const double *g = Rf_isNull(gamma) ? NULL : REAL(gamma);
    status = mxlr_forward_f64(REAL(x), REAL(y), n, &opt, g, ch, in);
  }
  stop_on_error(status);
  UNPROTECT(1);
  return y;
}

/* Inputs below this many elements run on one thread whatever the setting
 * (the core gives a thread at least 65536 elements). */
#define MXLR_SERIAL_BELOW (2 * 65536)

/* The thread setting as R/threads.R defines it, for the cases that need no
 * message: options(mxLeakyReLU.threads) when it is a plain whole number
 * >= 1, else MXLEAKYRELU_THREADS when unset, empty or all digits, else the
 * available cores; capped at the available cores. 0 when R must decide
 * (the setting is invalid or unusual). With need_cores == 0 the cap is not
 * looked up and any valid setting gives 1, for inputs too small to split. */
static int resolve_threads(int need_cores) {
  static SEXP option = NULL;
  if (option == NULL) option = Rf_install("mxLeakyReLU.threads");
  SEXP v = Rf_GetOption1(option);
  double value;
  if (v != R_NilValue) {
    if (OBJECT(v) || XLENGTH(v) != 1) return 0;
    if (TYPEOF(v) == INTSXP) {
      if (INTEGER(v)[0] == NA_INTEGER) return 0;
      value = INTEGER(v)[0];
    } else if (TYPEOF(v) == REALSXP) {
      value = REAL(v)[0];
    } else {
      return 0;
    }
    if (!R_FINITE(value) || value < 1 || value != floor(value)) return 0;
  } else {
    const char *env = getenv("MXLEAKYRELU_THREADS");
    if (env == NULL || env[0] == '\0') {
      value = -1; /* every available core */
    } else {
      value = 0;
      for (const char *c = env; *c; c++) {
        if (*c < '0' || *c > '9' || c - env >= 9) return 0;
        value = value * 10 + (*c - '0');
      }
      if (value < 1) return 0;
    }
  }
  if (!need_cores) return 1;
  int cores = mxlr_available_cores();
  if (value < 0 || value > cores) return cores;
  return (int) value;
}

SEXP mxlr_threads_call(void) { return Rf_ScalarInteger(resolve_threads(1)); }

static int is_plain_number(SEXP x, double *value) {
  if (TYPEOF(x) != REALSXP || XLENGTH(x) != 1 || OBJECT(x)) return 0;
  *value = REAL(x)[0];
  return R_FINITE(*value);
}

/* The act type's number, or -1. */
static int act_number(SEXP act) {
  static const char *names[] = {"leaky", "elu", "selu", "prelu", "rrelu",
                                "gelu"};
  if (TYPEOF(act) != STRSXP || XLENGTH(act) != 1) return -1;
  SEXP s = STRING_ELT(act, 0);
  if (s == NA_STRING) return -1;
  const char *c = CHAR(s);
  for (int i = 0; i < 6; i++) {
    if (strcmp(c, names[i]) == 0) return i;
  }
  return -1;
}

/* mx.nd.LeakyReLU's common case in one call: double data without a class,
 * no gamma, an act type other than prelu, plain finite numbers, inference
 * (or is.train with a type other than rrelu), a valid thread setting.
 * Returns the result, or NULL when any of this does not hold, for the R code
 * to check the arguments and report. */
SEXP mxlr_forward_fast_call(SEXP x, SEXP gamma, SEXP act, SEXP slope,
                            SEXP lower, SEXP upper, SEXP train) {
  if (TYPEOF(x) != REALSXP || OBJECT(x) || gamma != R_NilValue) {
    return R_NilValue;
  }
  int a = act_number(act);
  if (a < 0 || a == MXLR_PRELU) return R_NilValue;
  double s, lo, up;
  if (!is_plain_number(slope, &s) || !is_plain_number(lower, &lo) ||
      !is_plain_number(upper, &up) || lo > up) {
    return R_NilValue;
  }
  if (TYPEOF(train) != LGLSXP || XLENGTH(train) != 1) return R_NilValue;
  int t = LOGICAL(train)[0];
  if (t == NA_LOGICAL || (t && a == MXLR_RRELU)) return R_NilValue;
  R_xlen_t n = XLENGTH(x);
  int threads = resolve_threads(n >= MXLR_SERIAL_BELOW);
  if (threads < 1) return R_NilValue;

  mxlr_options opt;
  memset(&opt, 0, sizeof opt);
  opt.act_type = a;
  opt.threads = threads;
  opt.slope = s;
  opt.lower_bound = lo;
  opt.upper_bound = up;
  opt.interrupt = interrupt_pending;
  SEXP y = PROTECT(alloc_like(x, n));
  if (n > 0) {
    stop_on_error(mxlr_forward_f64(REAL(x), REAL(y), n, &opt, NULL, 1, 1));
  }
  UNPROTECT(1);
  return y;
}

SEXP mxlr_rrelu_train_call(SEXP x, SEXP lower, SEXP upper, SEXP threads,
                           SEXP seed) {
  mxlr_options opt = make_options(Rf_ScalarInteger(MXLR_RRELU), lower, lower,
                                  upper, threads);
  R_xlen_t n = mxlr_values_length(x);
  uint64_t key = ((uint64_t) REAL(seed)[0] << 32) | (uint64_t) REAL(seed)[1];
  SEXP y = PROTECT(alloc_like(x, n));
  SEXP mask = PROTECT(alloc_like(x, n));
  int32_t status;
  if (mxlr_is_float_payload(x)) {
    status = mxlr_rrelu_train_f32(mxlr_float_data(x), mxlr_float_data(y),
                                  mxlr_float_data(mask), n, &opt, key);
  } else {
    status = mxlr_rrelu_train_f64(REAL(x), REAL(y), REAL(mask), n, &opt, key);
  }
  stop_on_error(status);
  Rf_setAttrib(y, Rf_install("mask"), mask);
  UNPROTECT(2);
  return y;
}

SEXP mxlr_backward_call(SEXP dy, SEXP x, SEXP act, SEXP slope, SEXP lower,
                        SEXP upper, SEXP gamma, SEXP channels, SEXP inner,
                        SEXP mask, SEXP threads) {
  mxlr_options opt = make_options(act, slope, lower, upper, threads);
  R_xlen_t n = mxlr_values_length(x);
  int64_t ch = as_count(channels), in = as_count(inner);
  SEXP dx = PROTECT(alloc_like(x, n));
  SEXP dgamma = R_NilValue;
  if (!Rf_isNull(gamma)) {
    dgamma = mxlr_alloc_values(x, XLENGTH(gamma));
  }
  PROTECT(dgamma);
  int has_mask = !Rf_isNull(mask);
  int32_t status;
  if (mxlr_is_float_payload(x)) {
    status = mxlr_backward_f32(
        mxlr_float_data(dy), mxlr_float_data(x), mxlr_float_data(dx), n, &opt,
        gamma_as_float(gamma), ch, in,
        Rf_isNull(dgamma) ? NULL : mxlr_float_data(dgamma),
        has_mask ? mxlr_float_data(mask) : NULL);
  } else {
    status = mxlr_backward_f64(
        REAL(dy), REAL(x), REAL(dx), n, &opt,
        Rf_isNull(gamma) ? NULL : REAL(gamma), ch, in,
        Rf_isNull(dgamma) ? NULL : REAL(dgamma),
        has_mask ? REAL(mask) : NULL);
  }
  stop_on_error(status);
  SEXP out = PROTECT(Rf_allocVector(VECSXP, 2));
  SET_VECTOR_ELT(out, 0, dx);
  SET_VECTOR_ELT(out, 1, dgamma);
  UNPROTECT(3);
  return out;
}

SEXP mxlr_available_cores_call(void) {
  return Rf_ScalarInteger(mxlr_available_cores());
}
