/*
 * .Call glue: converts R objects to the C types of mxleakyrelu.h, calls the
 * core and wraps its results. No math here.
 *
 * One validation path: the entry points of mx.nd.LeakyReLU() and
 * mx.nd.LeakyReLU.backward() decide every argument's validity here, and
 * only here, from the arguments as the user gave them. The dims come from
 * data itself (its dim attribute, or an MXNDArray's Dim slot). A valid
 * call is computed at once. Otherwise nothing is computed (no allocation,
 * no random draw) and the entry point returns the first failure, in the
 * order of the R function's arguments: c(argument, kind, details), listed
 * below. R/args.R (settle()) only words it, as an error or a warning, or
 * does the conversion it asks for (integer and logical values to double,
 * bit64::integer64, a change of precision), and calls the entry point
 * again. Every length is checked here (data against its dims, out.grad and
 * mask against data, gamma against the channels): the core never sees a
 * buffer shorter than the lengths it is given, whatever the glue is handed.
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
 * Failures. An entry point that finds an argument it cannot compute with
 * computes nothing (no allocation, no random draw) and returns
 * c(argument, kind, details...), a character vector, which no result is.
 * R/args.R (settle()) words the error or warning of each kind, or converts
 * the argument as the kind asks and calls the entry point again:
 *
 *   not_array     data, out.grad, mask, src.array: not a numeric or logical
 *                 vector, matrix or array
 *   ndarray       an MXNDArray that is not intact; detail: the reason
 *   integer64     a bit64::integer64 vector: to convert (exactly, or the
 *                 error of mxlr_int64_to_double_call())
 *   double        integer or logical values: to convert to double
 *   to_ndarray, to_double
 *                 out.grad, mask: to convert to the precision of data
 *   null          out.grad, mask: NULL
 *   shape         out.grad, mask: not of the shape of data
 *   ignored       gamma, mask: given to a type that does not take it (R
 *                 warns and drops it)
 *   act_type      act.type: not one known name
 *   number        slope, lower.bound, upper.bound: not a single finite
 *                 number
 *   greater       lower.bound: greater than upper.bound
 *   float32       slope, the bounds, gamma: beyond the float32 range for
 *                 MXNDArray data; detail: the 1-based element
 *   character     gamma: a character vector
 *   required      gamma: NULL for a type that takes it
 *   not_numeric   gamma: not a numeric vector
 *   as_double, ndarray_as_double, integer64_as_double
 *                 gamma: valid values, to convert to a plain double vector
 *   length        gamma: neither 1 nor the channel count; details: the
 *                 channel count and the dimension that holds it (0: none)
 *   infinite      gamma: an infinite value; detail: the 1-based element
 *   flag          is.train: not TRUE or FALSE
 *   setting       threads: an invalid thread setting
 */

static SEXP failure(const char *arg, const char *kind, const char *d1,
                    const char *d2) {
  int n = 2 + (d1 != NULL) + (d1 != NULL && d2 != NULL);
  SEXP f = PROTECT(Rf_allocVector(STRSXP, n));
  SET_STRING_ELT(f, 0, Rf_mkChar(arg));
  SET_STRING_ELT(f, 1, Rf_mkChar(kind));
  if (n > 2) SET_STRING_ELT(f, 2, Rf_mkChar(d1));
  if (n > 3) SET_STRING_ELT(f, 3, Rf_mkChar(d2));
  UNPROTECT(1);
  return f;
}

/* A failure whose detail is an element (1-based). */
static SEXP failure_at(const char *arg, const char *kind, double element) {
  char where[32];
  snprintf(where, sizeof where, "%.0f", element);
  return failure(arg, kind, where, NULL);
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

/* is.numeric(x), with R's dispatch (FALSE for a factor, a Date, a
 * difftime); asked of objects of integer or double type only. */
static int r_is_numeric(SEXP x) {
  static SEXP sym = NULL;
  if (sym == NULL) sym = Rf_install("is.numeric");
  SEXP call = PROTECT(Rf_lang2(sym, x));
  int yes = Rf_asLogical(Rf_eval(call, R_BaseEnv)) == TRUE;
  UNPROTECT(1);
  return yes;
}

/* Array arguments (data, out.grad, mask, src.array): 0 for double values
 * the core takes as they are, 1 for an intact MXNDArray (float32), -1 with
 * the failure's kind and detail otherwise. The rule: a numeric or logical
 * vector, matrix or array (integer, logical and bit64::integer64 values
 * to convert to double), or an intact MXNDArray. */
static int array_kind(SEXP x, const char **kind, const char **detail) {
  *detail = NULL;
  if (is_plain_double(x)) return 0;
  if (mxlr_nd_intact(x)) return 1;
  if (mxlr_nd_claimed(x)) {
    *kind = "ndarray";
    *detail = mxlr_nd_problem(x);
    return -1;
  }
  if (Rf_inherits(x, "integer64")) {
    *kind = "integer64";
    return -1;
  }
  int type = TYPEOF(x);
  int ok = type == LGLSXP ||
           ((type == INTSXP || type == REALSXP) &&
            (!OBJECT(x) || r_is_numeric(x)));
  if (!ok) {
    *kind = "not_array";
    return -1;
  }
  if (type == REALSXP) return 0;
  *kind = "double";
  return -1;
}

/* A single finite number (integer or double, not an object). */
static int number_arg(SEXP x, double *value) {
  if ((TYPEOF(x) != REALSXP && TYPEOF(x) != INTSXP) || OBJECT(x) ||
      XLENGTH(x) != 1) {
    return 0;
  }
  if (TYPEOF(x) == REALSXP) {
    *value = REAL(x)[0];
    return R_FINITE(*value);
  }
  if (TYPEOF(x) == INTSXP && INTEGER(x)[0] != NA_INTEGER) {
    *value = INTEGER(x)[0];
    return 1;
  }
  return 0;
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

/* The dims of an array argument: an MXNDArray's Dim slot, else the dim
 * attribute (NULL for a vector). */
static SEXP dims_of(SEXP x, int is_float) {
  return is_float ? mxlr_nd_dims(x) : Rf_getAttrib(x, R_DimSymbol);
}

/* Extent i of dims (NULL: one extent, len), -1 when not a count. */
static double extent(SEXP dims, R_xlen_t len, R_xlen_t i) {
  if (Rf_isNull(dims)) return (double) len;
  double d = TYPEOF(dims) == INTSXP
                 ? (INTEGER(dims)[i] == NA_INTEGER ? -1 : INTEGER(dims)[i])
                 : (TYPEOF(dims) == REALSXP ? REAL(dims)[i] : -1);
  return d >= 0 && d == floor(d) ? d : -1;
}

/* The layout of data: the number of elements its dims imply (-1 when
 * invalid), and for prelu, following MXNet-R (R's dim is the reverse of
 * MXNet's shape, so MXNet's axis 1 is R's second-to-last dimension), the
 * channel count, the elements per channel step and the (1-based) dimension
 * that holds the channels, 0 when data has none (a vector or a 1-d array:
 * its length is the channel count). */
typedef struct layout {
  double n, channels, inner;
  int channel_dim;
} layout;

static layout layout_of(SEXP dims, R_xlen_t len) {
  layout l = {(double) len, (double) len, 1, 0};
  R_xlen_t k = Rf_isNull(dims) ? 1 : XLENGTH(dims);
  double prod = 1, in = 1;
  for (R_xlen_t i = 0; i < k; i++) {
    double d = extent(dims, len, i);
    if (d < 0) {
      l.n = -1;
      return l;
    }
    prod *= d;
    if (i < k - 2) in *= d;
  }
  l.n = prod;
  if (k >= 2) {
    l.channels = extent(dims, len, k - 2);
    l.inner = in;
    l.channel_dim = (int) (k - 1);
  } else {
    l.channels = prod;
  }
  return l;
}

/* Whether two arrays have the same shape (dims, or the length of a
 * vector), compared as doubles as R's identical(as.double(...)) does. */
static int same_shape(SEXP a, R_xlen_t na, SEXP b, R_xlen_t nb) {
  R_xlen_t ka = Rf_isNull(a) ? 1 : XLENGTH(a);
  R_xlen_t kb = Rf_isNull(b) ? 1 : XLENGTH(b);
  if (ka != kb) return 0;
  for (R_xlen_t i = 0; i < ka; i++) {
    if (extent(a, na, i) != extent(b, nb, i)) return 0;
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

/* MXNDArray data are computed in float32, so slope, the bounds and gamma
 * must stay finite when rounded to float32: below 2^128 - 2^103 in
 * magnitude, the smallest magnitude that rounds to infinity. Returns the
 * 1-based index of the first value beyond, 0 when none is (NaN is fine). */
static R_xlen_t beyond_float32(const double *v, R_xlen_t n) {
  static double big = 0;
  if (big == 0) big = ldexp(1, 128) - ldexp(1, 103);
  for (R_xlen_t i = 0; i < n; i++) {
    if (fabs(v[i]) >= big) return i + 1;
  }
  return 0;
}

/* data: its kind (0 double, 1 float32) in *is_float, or the failure. */
static SEXP data_arg(SEXP x, int *is_float) {
  const char *kind, *detail;
  *is_float = array_kind(x, &kind, &detail);
  return *is_float < 0 ? failure("data", kind, detail, NULL) : NULL;
}

/* act.type, slope, lower.bound and upper.bound, in that order, then their
 * float32 range for float32 data: NULL and the options, or the failure. */
static SEXP scalar_args(SEXP act, SEXP slope, SEXP lower, SEXP upper,
                        int is_float, int *a, mxlr_options *opt) {
  double v[3];
  *a = act_number(act);
  if (*a < 0) return failure("act.type", "act_type", NULL, NULL);
  if (!number_arg(slope, v)) return failure("slope", "number", NULL, NULL);
  if (!number_arg(lower, v + 1)) {
    return failure("lower.bound", "number", NULL, NULL);
  }
  if (!number_arg(upper, v + 2)) {
    return failure("upper.bound", "number", NULL, NULL);
  }
  if (v[1] > v[2]) return failure("lower.bound", "greater", NULL, NULL);
  if (is_float) {
    static const char *names[] = {"slope", "lower.bound", "upper.bound"};
    for (int i = 0; i < 3; i++) {
      if (beyond_float32(v + i, 1)) {
        return failure(names[i], "float32", NULL, NULL);
      }
    }
  }
  memset(opt, 0, sizeof *opt);
  opt->act_type = *a;
  opt->slope = v[0];
  opt->lower_bound = v[1];
  opt->upper_bound = v[2];
  opt->interrupt = mxlr_unwind_poll;
  return NULL;
}

/* gamma, for data of layout l: NULL with the layout to pass to the core
 * (*ch, *in; *use_gamma 0 for the types that do not take it), or the
 * failure. prelu's gamma: a numeric vector (all-NA logical too) of length
 * 1 or the channel count, finite values or NaN/NA, within the float32
 * range for float32 data. */
static SEXP gamma_arg(SEXP gamma, int a, int is_float, layout l,
                      int *use_gamma, int64_t *ch, int64_t *in) {
  /* a string here is most likely the act type given as the second
   * argument (Python MXNet's LeakyReLU(data, "elu")): never ignored */
  if (TYPEOF(gamma) == STRSXP) return failure("gamma", "character", NULL, NULL);
  *use_gamma = takes(a, MXLR_TAKES_GAMMA);
  if (!*use_gamma) {
    return gamma == R_NilValue ? NULL : failure("gamma", "ignored", NULL, NULL);
  }
  if (gamma == R_NilValue) return failure("gamma", "required", NULL, NULL);
  if (!is_plain_double(gamma)) {
    if (mxlr_nd_intact(gamma)) {
      return failure("gamma", "ndarray_as_double", NULL, NULL);
    }
    if (mxlr_nd_claimed(gamma)) {
      return failure("gamma", "ndarray", mxlr_nd_problem(gamma), NULL);
    }
    if (Rf_inherits(gamma, "integer64")) {
      return failure("gamma", "integer64_as_double", NULL, NULL);
    }
    int type = TYPEOF(gamma);
    if (type == LGLSXP && !OBJECT(gamma) && XLENGTH(gamma) > 0) {
      /* R's NA is logical: a gamma of NAs is the missing slope the docs
       * allow */
      int all_na = 1;
      for (R_xlen_t i = 0; i < XLENGTH(gamma) && all_na; i++) {
        all_na = LOGICAL(gamma)[i] == NA_LOGICAL;
      }
      if (all_na) return failure("gamma", "as_double", NULL, NULL);
    }
    int numeric = (type == INTSXP || type == REALSXP) &&
                  !IS_S4_OBJECT(gamma) && (!OBJECT(gamma) || r_is_numeric(gamma));
    return failure("gamma", numeric ? "as_double" : "not_numeric", NULL, NULL);
  }
  R_xlen_t n = XLENGTH(gamma);
  if (n == 1) {
    *ch = 1;
    *in = 1;
  } else if ((double) n == l.channels) {
    *ch = (int64_t) l.channels;
    *in = (int64_t) l.inner;
  } else {
    char channels[32], dim[16];
    snprintf(channels, sizeof channels, "%.0f", l.channels);
    snprintf(dim, sizeof dim, "%d", l.channel_dim);
    return failure("gamma", "length", channels, dim);
  }
  const double *g = REAL(gamma);
  for (R_xlen_t i = 0; i < n; i++) {
    if (isinf(g[i])) return failure_at("gamma", "infinite", (double) i + 1);
  }
  R_xlen_t beyond = is_float ? beyond_float32(g, n) : 0;
  if (beyond) return failure_at("gamma", "float32", (double) beyond);
  return NULL;
}

/* out.grad or mask, which must be an array of the shape of data (dims x_dims,
 * n values) in its precision: NULL, or the failure. */
static SEXP like_arg(const char *arg, SEXP v, int is_float, SEXP x_dims,
                     R_xlen_t n) {
  if (v == R_NilValue) return failure(arg, "null", NULL, NULL);
  const char *kind, *detail;
  int v_float = array_kind(v, &kind, &detail);
  if (v_float < 0) return failure(arg, kind, detail, NULL);
  R_xlen_t nv = mxlr_values_length(v);
  if (!same_shape(dims_of(v, v_float), nv, x_dims, n)) {
    return failure(arg, "shape", NULL, NULL);
  }
  if (v_float != is_float) {
    return failure(arg, is_float ? "to_ndarray" : "to_double", NULL, NULL);
  }
  if (nv != n) {
    Rf_error("mxLeakyReLU: internal error: `%s` does not have the length "
             "its shape implies", arg);
  }
  return NULL;
}

/* The dims and layout of data, which must hold the values they imply. */
static layout data_layout(SEXP x, int is_float, SEXP *dims) {
  *dims = dims_of(x, is_float);
  R_xlen_t len = mxlr_values_length(x);
  layout l = layout_of(*dims, len);
  if (l.n < 0 || l.n != (double) len) {
    Rf_error("mxLeakyReLU: internal error: `data` does not have the length "
             "its shape implies");
  }
  return l;
}

/* The threads for n elements: NULL, or the failure of a bad setting. */
static SEXP threads_arg(double n, mxlr_options *opt) {
  int threads = mxlr_resolve_threads(n);
  if (threads < 1) return failure("threads", "setting", NULL, NULL);
  opt->threads = threads;
  return NULL;
}

/* ------------------------------------------------------------------------
 * Forward, and rrelu in training mode.
 *
 * mx.nd.LeakyReLU(data, gamma, act.type, slope, lower.bound, upper.bound,
 * is.train). The arguments are checked in the order of the R function's
 * signature, then the thread setting.
 */
SEXP mxlr_forward_call(SEXP x, SEXP gamma, SEXP act, SEXP slope, SEXP lower,
                       SEXP upper, SEXP train) {
  int is_float, a, use_gamma;
  mxlr_options opt;
  SEXP f, dims;
  int64_t ch = 1, in = 1;
  if ((f = data_arg(x, &is_float)) != NULL) return f;
  if ((f = scalar_args(act, slope, lower, upper, is_float, &a, &opt)) != NULL) {
    return f;
  }
  layout l = data_layout(x, is_float, &dims);
  if ((f = gamma_arg(gamma, a, is_float, l, &use_gamma, &ch, &in)) != NULL) {
    return f;
  }
  if (!use_gamma) gamma = R_NilValue;
  if (TYPEOF(train) != LGLSXP || XLENGTH(train) != 1 ||
      LOGICAL(train)[0] == NA_LOGICAL) {
    return failure("is.train", "flag", NULL, NULL);
  }
  if ((f = threads_arg(l.n, &opt)) != NULL) return f;
  int training = LOGICAL(train)[0] && takes(a, MXLR_TAKES_MASK);

  R_xlen_t len = (R_xlen_t) l.n;
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
 * lower.bound, upper.bound, mask). Checked in the order data, the scalars,
 * gamma, out.grad, mask, then the thread setting. Returns list(data
 * gradient, gamma gradient or NULL).
 */
SEXP mxlr_backward_call(SEXP dy, SEXP x, SEXP gamma, SEXP act, SEXP slope,
                        SEXP lower, SEXP upper, SEXP mask) {
  int is_float, a, use_gamma;
  mxlr_options opt;
  SEXP f, dims;
  int64_t ch = 1, in = 1;
  if ((f = data_arg(x, &is_float)) != NULL) return f;
  if ((f = scalar_args(act, slope, lower, upper, is_float, &a, &opt)) != NULL) {
    return f;
  }
  layout l = data_layout(x, is_float, &dims);
  if ((f = gamma_arg(gamma, a, is_float, l, &use_gamma, &ch, &in)) != NULL) {
    return f;
  }
  if (!use_gamma) gamma = R_NilValue;
  R_xlen_t len = (R_xlen_t) l.n;
  if ((f = like_arg("out.grad", dy, is_float, dims, len)) != NULL) return f;
  if (mask != R_NilValue) {
    if (!takes(a, MXLR_TAKES_MASK)) {
      return failure("mask", "ignored", NULL, NULL);
    }
    if ((f = like_arg("mask", mask, is_float, dims, len)) != NULL) return f;
  }
  if ((f = threads_arg(l.n, &opt)) != NULL) return f;

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

/* mx.nd.array()'s src.array (or any array argument named `arg`): NULL when
 * the core takes it as it is (double values or an intact MXNDArray), else
 * the failure, as for data. */
SEXP mxlr_check_array_call(SEXP x, SEXP arg) {
  const char *kind, *detail;
  if (TYPEOF(arg) != STRSXP || XLENGTH(arg) != 1) {
    Rf_error("mxLeakyReLU: internal error: the argument's name");
  }
  if (array_kind(x, &kind, &detail) >= 0) return R_NilValue;
  return failure(CHAR(STRING_ELT(arg, 0)), kind, detail, NULL);
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
