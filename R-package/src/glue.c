/*
 * .Call glue: converts R objects to the C types of mxleakyrelu.h, calls the
 * core and wraps its results. No math here.
 *
 * One validation path. Every entry point is called twice at most:
 *   - first straight from the R function with the user's arguments
 *     ("fast" mode, shape == NULL). When they are the common valid case
 *     (plain double arrays, plain finite numbers, a known act type, a valid
 *     thread setting) the result is computed and returned; otherwise NULL is
 *     returned and nothing has happened (no allocation, no random draw).
 *     Intact MXNDArrays (ndarray.c decides, without error) are taken as
 *     plain double arrays are, their dims read from their Dim slot, with
 *     the float32 range checks of the parameters.
 *   - then, after R/args.R has checked and converted the arguments and built
 *     any error message, with the converted values ("checked" mode, shape =
 *     R's dim of data, or its length, and checked = TRUE). Anything still wrong here is an
 *     internal error: the core never sees a buffer shorter than the lengths
 *     it is given, whatever R hands the glue.
 *
 * Double data arrive as REALSXP; MXNDArray payloads are reached only through
 * the functions of glue.h (ndarray.c).
 */
#define R_NO_REMAP
#include <R.h>
#include <Rinternals.h>
#include <R_ext/Random.h>
#include <setjmp.h>
#include <stdint.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "glue.h"

/* ------------------------------------------------------------------------
 * Unwinding (see glue.h). The core polls mxlr_unwind_poll() between chunks
 * on the calling thread. R_CheckUserInterrupt() runs inside
 * R_UnwindProtect(): whatever R starts there (an interrupt condition and
 * its handlers, the error of a time limit, a restart invoked by a handler)
 * runs as usual until R jumps; the jump is intercepted, the poll returns 1,
 * the core stops and joins its threads, and mxlr_unwind_continue() resumes
 * the very same jump. A handler that resumes (invokeRestart("resume") for an
 * interrupt) lets the computation go on.
 */

static SEXP unwind_token = NULL;
static SEXP gradient_names = NULL; /* c("data", "gamma") */
static SEXP mask_symbol = NULL;

typedef struct poll_frame {
  jmp_buf jump;
} poll_frame;

static SEXP poll_body(void *unused) {
  (void) unused;
  R_CheckUserInterrupt();
  return R_NilValue;
}

static void poll_cleanup(void *data, Rboolean jump) {
  if (jump) longjmp(((poll_frame *) data)->jump, 1);
}

int mxlr_unwind_poll(void *data) {
  mxlr_unwind *u = (mxlr_unwind *) data;
  if (u->jumped) return 1;
  poll_frame frame;
  if (setjmp(frame.jump)) {
    u->jumped = 1;
    return 1;
  }
  R_UnwindProtect(poll_body, NULL, poll_cleanup, &frame, unwind_token);
  return 0;
}

void mxlr_unwind_continue(mxlr_unwind *u) {
  if (u->jumped) {
    u->jumped = 0;
    R_ContinueUnwind(unwind_token);
  }
}

/* ------------------------------------------------------------------------
 * Act type names, from the core. The CHARSXPs of the names are kept so that
 * a name from R is recognised by pointer comparison (R caches CHARSXPs).
 */

#define MAX_ALIASES 16
static SEXP act_chars = NULL; /* STRSXP: canonical names, then aliases */
static int act_numbers[MXLR_ACT_TYPE_COUNT + MAX_ALIASES];
static int act_chars_count = 0;

static int alias_count(void) {
  int n = 0;
  while (n < MAX_ALIASES && mxlr_act_type_alias(n) != NULL) n++;
  return n;
}

void mxlr_glue_init(void) {
  unwind_token = R_MakeUnwindCont();
  R_PreserveObject(unwind_token);
  gradient_names = Rf_allocVector(STRSXP, 2);
  R_PreserveObject(gradient_names);
  SET_STRING_ELT(gradient_names, 0, Rf_mkChar("data"));
  SET_STRING_ELT(gradient_names, 1, Rf_mkChar("gamma"));
  mask_symbol = Rf_install("mask");
  int n_alias = alias_count();
  act_chars = Rf_allocVector(STRSXP, MXLR_ACT_TYPE_COUNT + n_alias);
  R_PreserveObject(act_chars);
  int k = 0;
  for (int i = 0; i < MXLR_ACT_TYPE_COUNT; i++) {
    const char *name = mxlr_act_type_name(i);
    if (name == NULL) continue;
    SET_STRING_ELT(act_chars, k, Rf_mkCharCE(name, CE_UTF8));
    act_numbers[k++] = i;
  }
  for (int i = 0; i < n_alias; i++) {
    const char *alias = mxlr_act_type_alias(i);
    int a = mxlr_act_type_from_name(alias);
    if (a < 0) continue;
    SET_STRING_ELT(act_chars, k, Rf_mkCharCE(alias, CE_UTF8));
    act_numbers[k++] = a;
  }
  act_chars_count = k;
}

/* Whether act type `a` takes `trait` (an mxlr_act_trait), per the core's
 * registry. */
static int takes(int a, int trait) {
  int t = mxlr_act_type_traits(a);
  return t >= 0 && (t & trait) != 0;
}

/* The act type's number, or -1 when act is not one known name. */
static int act_number(SEXP act) {
  if (TYPEOF(act) != STRSXP || XLENGTH(act) != 1) return -1;
  SEXP s = STRING_ELT(act, 0);
  for (int i = 0; i < act_chars_count; i++) {
    if (s == STRING_ELT(act_chars, i)) return act_numbers[i];
  }
  if (s == NA_STRING) return -1;
  return mxlr_act_type_from_name(Rf_translateCharUTF8(s));
}

/* list(names = canonical names, aliases = named character: alias -> name,
 *      min_per_thread = MXLR_MIN_PER_THREAD,
 *      traits = named list: trait -> the canonical names that take it)
 * for R/args.R and the docs. */
SEXP mxlr_constants_call(void) {
  int n = 0;
  while (n < MXLR_ACT_TYPE_COUNT && mxlr_act_type_name(n) != NULL) n++;
  int n_alias = alias_count();
  SEXP out = PROTECT(Rf_allocVector(VECSXP, 4));
  SEXP names = PROTECT(Rf_allocVector(STRSXP, n));
  for (int i = 0; i < n; i++) {
    SET_STRING_ELT(names, i, Rf_mkCharCE(mxlr_act_type_name(i), CE_UTF8));
  }
  SEXP aliases = PROTECT(Rf_allocVector(STRSXP, n_alias));
  SEXP alias_nm = PROTECT(Rf_allocVector(STRSXP, n_alias));
  for (int i = 0; i < n_alias; i++) {
    const char *alias = mxlr_act_type_alias(i);
    const char *to = mxlr_act_type_name(mxlr_act_type_from_name(alias));
    SET_STRING_ELT(aliases, i, Rf_mkCharCE(to ? to : "", CE_UTF8));
    SET_STRING_ELT(alias_nm, i, Rf_mkCharCE(alias, CE_UTF8));
  }
  Rf_setAttrib(aliases, R_NamesSymbol, alias_nm);
  SET_VECTOR_ELT(out, 0, names);
  SET_VECTOR_ELT(out, 1, aliases);
  SET_VECTOR_ELT(out, 2, Rf_ScalarInteger(MXLR_MIN_PER_THREAD));
  static const struct { const char *name; int bit; } traits[] = {
    {"slope", MXLR_TAKES_SLOPE}, {"gamma", MXLR_TAKES_GAMMA},
    {"bounds", MXLR_TAKES_BOUNDS}, {"mask", MXLR_TAKES_MASK}};
  const int n_traits = (int) (sizeof traits / sizeof traits[0]);
  SEXP by_trait = PROTECT(Rf_allocVector(VECSXP, n_traits));
  SEXP trait_nm = PROTECT(Rf_allocVector(STRSXP, n_traits));
  for (int t = 0; t < n_traits; t++) {
    int count = 0;
    for (int i = 0; i < n; i++) count += takes(i, traits[t].bit);
    SEXP who = Rf_allocVector(STRSXP, count);
    SET_VECTOR_ELT(by_trait, t, who);
    for (int i = 0, k = 0; i < n; i++) {
      if (takes(i, traits[t].bit)) SET_STRING_ELT(who, k++, STRING_ELT(names, i));
    }
    SET_STRING_ELT(trait_nm, t, Rf_mkChar(traits[t].name));
  }
  Rf_setAttrib(by_trait, R_NamesSymbol, trait_nm);
  SET_VECTOR_ELT(out, 3, by_trait);
  SEXP nm = PROTECT(Rf_allocVector(STRSXP, 4));
  SET_STRING_ELT(nm, 0, Rf_mkChar("names"));
  SET_STRING_ELT(nm, 1, Rf_mkChar("aliases"));
  SET_STRING_ELT(nm, 2, Rf_mkChar("min_per_thread"));
  SET_STRING_ELT(nm, 3, Rf_mkChar("traits"));
  Rf_setAttrib(out, R_NamesSymbol, nm);
  UNPROTECT(7);
  return out;
}

/* ------------------------------------------------------------------------
 * Helpers.
 */

static void stop_on_error(int32_t status) {
  if (status != MXLR_OK) {
    Rf_error("mxLeakyReLU core: %s", mxlr_status_message(status));
  }
}

static int is_plain_double(SEXP x) {
  return TYPEOF(x) == REALSXP && !OBJECT(x);
}

static int plain_number(SEXP x, double *value) {
  if (TYPEOF(x) != REALSXP || XLENGTH(x) != 1 || OBJECT(x)) return 0;
  *value = REAL(x)[0];
  return R_FINITE(*value);
}

/* A double result with the attributes of x, as x * 1 keeps them, without
 * the "mask" attribute of a training-mode result. */
static SEXP alloc_double_like(SEXP x, R_xlen_t n) {
  SEXP y = PROTECT(Rf_allocVector(REALSXP, n));
  if (ATTRIB(x) != R_NilValue) {
    SHALLOW_DUPLICATE_ATTRIB(y, x);
    if (Rf_getAttrib(y, mask_symbol) != R_NilValue) {
      Rf_setAttrib(y, mask_symbol, R_NilValue);
    }
  }
  UNPROTECT(1);
  return y;
}

/* The dims of data: in fast mode its dim attribute (NULL for a vector), in
 * checked mode the shape R passed (dim(data), or its length). Sets *n to
 * the number of elements they imply (-1 when invalid). */
static void shape_extents(SEXP dims, R_xlen_t fallback, double *n,
                          double *channels, double *inner) {
  R_xlen_t k = Rf_isNull(dims) ? 0 : XLENGTH(dims);
  if (k == 0) {
    *n = (double) fallback;
    *channels = (double) fallback;
    *inner = 1;
    return;
  }
  double prod = 1, in = 1;
  for (R_xlen_t i = 0; i < k; i++) {
    double d = TYPEOF(dims) == INTSXP
                   ? (INTEGER(dims)[i] == NA_INTEGER ? -1 : INTEGER(dims)[i])
                   : (TYPEOF(dims) == REALSXP ? REAL(dims)[i] : -1);
    if (!(d >= 0) || d != floor(d)) {
      *n = -1;
      return;
    }
    prod *= d;
    if (i < k - 2) in *= d;
  }
  *n = prod;
  if (k >= 2) {
    double c = TYPEOF(dims) == INTSXP ? INTEGER(dims)[k - 2] : REAL(dims)[k - 2];
    *channels = c;
    *inner = in;
  } else {
    *channels = prod;
    *inner = 1;
  }
}

/* Whether two dim attributes (NULL or integer) describe the same shape for
 * vectors of lengths na and nb. */
static int same_shape(SEXP a, SEXP b, R_xlen_t na, R_xlen_t nb) {
  if (na != nb) return 0;
  if (Rf_isNull(a) && Rf_isNull(b)) return 1;
  if (Rf_isNull(a) || Rf_isNull(b)) {
    SEXP d = Rf_isNull(a) ? b : a;
    return TYPEOF(d) == INTSXP && XLENGTH(d) == 1;
  }
  if (TYPEOF(a) != INTSXP || TYPEOF(b) != INTSXP) return 0;
  if (XLENGTH(a) != XLENGTH(b)) return 0;
  return memcmp(INTEGER(a), INTEGER(b), XLENGTH(a) * sizeof(int)) == 0;
}

/* Whether two Dim slots of intact MXNDArrays hold the same extents (R
 * compares them as doubles). */
static int same_dims(SEXP a, SEXP b) {
  R_xlen_t k = XLENGTH(a);
  if (XLENGTH(b) != k) return 0;
  for (R_xlen_t i = 0; i < k; i++) {
    double da = TYPEOF(a) == INTSXP ? INTEGER(a)[i] : REAL(a)[i];
    double db = TYPEOF(b) == INTSXP ? INTEGER(b)[i] : REAL(b)[i];
    if (da != db) return 0;
  }
  return 1;
}

/* Fast mode: 1 when x is a plain double array (*dims: its dim attribute,
 * possibly NULL) or an intact MXNDArray (*dims: its Dim slot, *is_float
 * set), else 0. */
static int fast_array(SEXP x, int *is_float, SEXP *dims) {
  if (is_plain_double(x)) {
    *is_float = 0;
    *dims = Rf_getAttrib(x, R_DimSymbol);
    return 1;
  }
  if (mxlr_nd_intact(x)) {
    *is_float = 1;
    *dims = mxlr_nd_dims(x);
    return 1;
  }
  return 0;
}

/* gamma for prelu: length 1 or `channels`, values finite or NaN/NA. Sets
 * the layout to pass to the core. 1 when valid. */
static int gamma_layout(SEXP gamma, double channels, double inner,
                        int64_t *ch, int64_t *in) {
  if (!is_plain_double(gamma)) return 0;
  R_xlen_t n = XLENGTH(gamma);
  if (n == 1) {
    *ch = 1;
    *in = 1;
  } else if ((double) n == channels) {
    *ch = (int64_t) channels;
    *in = (int64_t) inner;
  } else {
    return 0;
  }
  const double *g = REAL(gamma);
  for (R_xlen_t i = 0; i < n; i++) {
    if (isinf(g[i])) return 0;
  }
  return 1;
}

/* gamma (a double vector or NULL) as floats, in memory R frees on return. */
static const float *gamma_as_float(SEXP gamma) {
  if (Rf_isNull(gamma)) return NULL;
  R_xlen_t n = XLENGTH(gamma);
  float *g = (float *) R_alloc(n > 0 ? (size_t) n : 1, sizeof(float));
  const double *src = REAL(gamma);
  for (R_xlen_t i = 0; i < n; i++) g[i] = (float) src[i];
  return g;
}

/* The seed of the core's generator: two 32-bit words from R's random number
 * stream, as runif(2) would give them (reproducible with set.seed()). */
static uint64_t rng_seed(void) {
  GetRNGstate();
  double a = floor(unif_rand() * 4294967296.0);
  double b = floor(unif_rand() * 4294967296.0);
  PutRNGstate();
  return ((uint64_t) a << 32) | (uint64_t) b;
}

/* The smallest magnitude that rounds to infinity in float32: 2^128 - 2^103
 * (R/args.R words the error). */
static double float32_overflow(void) { return ldexp(1, 128) - ldexp(1, 103); }

static int float32_range(const mxlr_options *opt, SEXP gamma) {
  double big = float32_overflow();
  if (fabs(opt->slope) >= big || fabs(opt->lower_bound) >= big ||
      fabs(opt->upper_bound) >= big) {
    return 0;
  }
  if (gamma != R_NilValue) {
    const double *g = REAL(gamma);
    for (R_xlen_t i = 0; i < XLENGTH(gamma); i++) {
      if (fabs(g[i]) >= big) return 0;
    }
  }
  return 1;
}

#define FAST_FAIL(mode_checked, ...)                                         \
  do {                                                                       \
    if (!(mode_checked)) return R_NilValue;                                  \
    Rf_error(__VA_ARGS__);                                                   \
  } while (0)

/* The common checks of the scalar arguments. Returns 1 when valid. */
static int scalar_args(SEXP act, SEXP slope, SEXP lower, SEXP upper,
                       int *a, mxlr_options *opt) {
  double s, lo, up;
  *a = act_number(act);
  if (*a < 0 || !plain_number(slope, &s) || !plain_number(lower, &lo) ||
      !plain_number(upper, &up) || lo > up) {
    return 0;
  }
  memset(opt, 0, sizeof *opt);
  opt->act_type = *a;
  opt->slope = s;
  opt->lower_bound = lo;
  opt->upper_bound = up;
  opt->interrupt = mxlr_unwind_poll;
  return 1;
}

/* The checks forward and backward share after the data: gamma's layout
 * (gamma becomes NULL for the types that ignore it), the float32 range of
 * the parameters and the thread count. Returns 1 when the call goes on, 0
 * when fast mode declines; in checked mode a failure is an internal error. */
static int layout_and_threads(int checked, int a, int is_float, double n,
                              double channels, double inner, SEXP *gamma,
                              int64_t *ch, int64_t *in, mxlr_options *opt) {
  if (takes(a, MXLR_TAKES_GAMMA)) {
    if (!gamma_layout(*gamma, channels, inner, ch, in)) {
      if (!checked) return 0;
      Rf_error("mxLeakyReLU: internal error: unchecked `gamma`");
    }
  } else if (*gamma != R_NilValue) {
    if (!checked) return 0; /* R warns */
    *gamma = R_NilValue;
  }
  if (is_float && !checked && !float32_range(opt, *gamma)) return 0;
  int threads = mxlr_resolve_threads(n);
  if (threads < 1) {
    if (!checked) return 0;
    Rf_error("mxLeakyReLU: internal error: unchecked threads");
  }
  opt->threads = threads;
  return 1;
}

/* ------------------------------------------------------------------------
 * Forward, and rrelu in training mode.
 *
 * mx.nd.LeakyReLU(data, gamma, act.type, slope, lower.bound, upper.bound,
 * is.train); shape: NULL (fast mode) or the shape of the checked data.
 */
SEXP mxlr_forward_call(SEXP x, SEXP gamma, SEXP act, SEXP slope, SEXP lower,
                       SEXP upper, SEXP train, SEXP shape, SEXP strict) {
  int payload = shape != R_NilValue;
  int checked = payload && Rf_asLogical(strict) == TRUE;
  int a;
  mxlr_options opt;
  if (!scalar_args(act, slope, lower, upper, &a, &opt)) {
    FAST_FAIL(checked, "mxLeakyReLU: internal error: unchecked arguments");
  }
  if (TYPEOF(train) != LGLSXP || XLENGTH(train) != 1 ||
      LOGICAL(train)[0] == NA_LOGICAL) {
    FAST_FAIL(checked, "mxLeakyReLU: internal error: unchecked is.train");
  }
  int training = LOGICAL(train)[0] && takes(a, MXLR_TAKES_MASK);

  int is_float = 0;
  SEXP dims = shape;
  if (payload) {
    is_float = mxlr_is_float_payload(x);
  } else if (!fast_array(x, &is_float, &dims)) {
    return R_NilValue;
  }
  double n, channels, inner;
  shape_extents(dims, payload || is_float ? 0 : XLENGTH(x), &n, &channels,
                &inner);
  if (n < 0 || n != (double) mxlr_values_length(x)) {
    FAST_FAIL(checked, "mxLeakyReLU: internal error: `data` does not have "
                       "the length its shape implies");
  }

  int64_t ch = 1, in = 1;
  if (!layout_and_threads(checked, a, is_float, n, channels, inner, &gamma,
                          &ch, &in, &opt)) {
    return R_NilValue;
  }

  R_xlen_t len = (R_xlen_t) n;
  SEXP y = PROTECT(is_float ? mxlr_alloc_like(x, len)
                            : alloc_double_like(x, len));
  SEXP mask = R_NilValue;
  mxlr_unwind unwind = {0};
  opt.interrupt_data = &unwind;
  int32_t status = MXLR_OK;
  if (training) {
    mask = is_float ? mxlr_alloc_like(x, len)
                    : alloc_double_like(x, len);
    PROTECT(mask);
    uint64_t seed = rng_seed();
    if (len > 0) {
      status = is_float
          ? mxlr_rrelu_train_f32(mxlr_float_data(x), mxlr_float_data(y),
                                 mxlr_float_data(mask), len, &opt, seed)
          : mxlr_rrelu_train_f64(REAL(x), REAL(y), REAL(mask), len, &opt,
                                 seed);
    }
  } else if (len > 0) {
    status = is_float
        ? mxlr_forward_f32(mxlr_float_data(x), mxlr_float_data(y), len, &opt,
                           gamma_as_float(gamma), ch, in)
        : mxlr_forward_f64(REAL(x), REAL(y), len, &opt,
                           Rf_isNull(gamma) ? NULL : REAL(gamma), ch, in);
  }
  mxlr_unwind_continue(&unwind);
  stop_on_error(status);
  if (training) {
    Rf_setAttrib(y, mask_symbol, mask);
    UNPROTECT(1);
  }
  UNPROTECT(1);
  return y;
}

/* ------------------------------------------------------------------------
 * Backward.
 *
 * mx.nd.LeakyReLU.backward(out.grad, data, gamma, act.type, slope,
 * lower.bound, upper.bound, mask); shape as for the forward. Returns
 * list(data gradient, gamma gradient or NULL).
 */
SEXP mxlr_backward_call(SEXP dy, SEXP x, SEXP gamma, SEXP act, SEXP slope,
                        SEXP lower, SEXP upper, SEXP mask, SEXP shape,
                        SEXP strict) {
  int payload = shape != R_NilValue;
  int checked = payload && Rf_asLogical(strict) == TRUE;
  int a;
  mxlr_options opt;
  if (!scalar_args(act, slope, lower, upper, &a, &opt)) {
    FAST_FAIL(checked, "mxLeakyReLU: internal error: unchecked arguments");
  }
  int is_float = 0, dy_float = 0, mask_float = 0;
  SEXP dims = shape, dy_dims = R_NilValue, mask_dims = R_NilValue;
  if (payload) {
    is_float = mxlr_is_float_payload(x);
    if (mxlr_is_float_payload(dy) != is_float ||
        (mask != R_NilValue && mxlr_is_float_payload(mask) != is_float)) {
      FAST_FAIL(checked, "mxLeakyReLU: internal error: mixed precisions");
    }
  } else if (!fast_array(x, &is_float, &dims) ||
             !fast_array(dy, &dy_float, &dy_dims) || dy_float != is_float ||
             (mask != R_NilValue &&
              (!fast_array(mask, &mask_float, &mask_dims) ||
               mask_float != is_float))) {
    return R_NilValue;
  }
  double n, channels, inner;
  shape_extents(dims, payload || is_float ? 0 : XLENGTH(x), &n, &channels,
                &inner);
  if (n < 0 || n != (double) mxlr_values_length(x)) {
    FAST_FAIL(checked, "mxLeakyReLU: internal error: `data` does not have "
                       "the length its shape implies");
  }
  if (is_float && !payload) {
    if (!same_dims(dy_dims, dims) ||
        (mask != R_NilValue && (!takes(a, MXLR_TAKES_MASK) || !same_dims(mask_dims, dims)))) {
      return R_NilValue; /* R warns or reports */
    }
  } else if (payload) {
    /* R checked the shapes of out.grad and mask (the arrays' dims) */
    R_xlen_t nx = mxlr_values_length(x);
    if (mxlr_values_length(dy) != nx ||
        (mask != R_NilValue && mxlr_values_length(mask) != nx)) {
      FAST_FAIL(checked, "mxLeakyReLU: `out.grad` and `mask` must have the "
                         "length of `data`");
    }
  } else {
    if (!same_shape(dy_dims, dims, XLENGTH(dy), XLENGTH(x))) {
      return R_NilValue;
    }
    if (mask != R_NilValue &&
        (!takes(a, MXLR_TAKES_MASK) ||
         !same_shape(mask_dims, dims, XLENGTH(mask), XLENGTH(x)))) {
      return R_NilValue; /* R warns or reports */
    }
  }
  if (!takes(a, MXLR_TAKES_MASK) && mask != R_NilValue) {
    if (!checked) return R_NilValue; /* R warns */
    mask = R_NilValue;
  }

  int64_t ch = 1, in = 1;
  if (!layout_and_threads(checked, a, is_float, n, channels, inner, &gamma,
                          &ch, &in, &opt)) {
    return R_NilValue;
  }

  R_xlen_t len = (R_xlen_t) n;
  SEXP dx = PROTECT(is_float ? mxlr_alloc_like(x, len)
                             : alloc_double_like(x, len));
  SEXP dgamma = R_NilValue;
  if (gamma != R_NilValue) {
    dgamma = is_float ? mxlr_alloc_values(x, XLENGTH(gamma))
                      : Rf_allocVector(REALSXP, XLENGTH(gamma));
  }
  PROTECT(dgamma);
  mxlr_unwind unwind = {0};
  opt.interrupt_data = &unwind;
  int32_t status;
  if (is_float) {
    status = mxlr_backward_f32(
        mxlr_float_data(dy), mxlr_float_data(x), mxlr_float_data(dx), len,
        &opt, gamma_as_float(gamma), ch, in,
        Rf_isNull(dgamma) ? NULL : mxlr_float_data(dgamma),
        Rf_isNull(mask) ? NULL : mxlr_float_data(mask));
  } else {
    status = mxlr_backward_f64(
        REAL(dy), REAL(x), REAL(dx), len, &opt,
        Rf_isNull(gamma) ? NULL : REAL(gamma), ch, in,
        Rf_isNull(dgamma) ? NULL : REAL(dgamma),
        Rf_isNull(mask) ? NULL : REAL(mask));
  }
  mxlr_unwind_continue(&unwind);
  stop_on_error(status);
  SEXP out = PROTECT(Rf_allocVector(VECSXP, 2));
  SET_VECTOR_ELT(out, 0, dx);
  SET_VECTOR_ELT(out, 1, dgamma);
  Rf_setAttrib(out, R_NamesSymbol, gradient_names);
  UNPROTECT(3);
  return out;
}

/* ------------------------------------------------------------------------
 * bit64::integer64 values (int64 in the bits of a double vector) as
 * doubles: exact up to 2^53 in magnitude; NA_integer64 becomes NA. Returns
 * the doubles, without attributes, or list(1-based index of the first value
 * beyond 2^53) so that R can word the error.
 */
SEXP mxlr_int64_to_double_call(SEXP x) {
  if (TYPEOF(x) != REALSXP) Rf_error("mxLeakyReLU: internal error: integer64");
  R_xlen_t n = XLENGTH(x);
  const double *src = REAL(x);
  for (R_xlen_t i = 0; i < n; i++) {
    int64_t v;
    memcpy(&v, src + i, sizeof v);
    if (v != INT64_MIN && (v > ((int64_t) 1 << 53) || v < -((int64_t) 1 << 53))) {
      SEXP where = PROTECT(Rf_allocVector(VECSXP, 1));
      SET_VECTOR_ELT(where, 0, Rf_ScalarReal((double) i + 1));
      UNPROTECT(1);
      return where;
    }
  }
  SEXP y = PROTECT(Rf_allocVector(REALSXP, n));
  double *dst = REAL(y);
  for (R_xlen_t i = 0; i < n; i++) {
    int64_t v;
    memcpy(&v, src + i, sizeof v);
    dst[i] = v == INT64_MIN ? NA_REAL : (double) v;
  }
  UNPROTECT(1);
  return y;
}
