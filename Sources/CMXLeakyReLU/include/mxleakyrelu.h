/*
 * mxleakyrelu.h: the C ABI of the mxLeakyReLU core.
 *
 * This header is the whole contract between the core (written in Swift) and
 * its callers (the R package's .Call glue, C programs). Every function
 * returns an mxlr_status; none of them aborts, traps or prints.
 *
 * Conventions
 *   - Lengths are int64_t element counts; a negative length is an error.
 *   - With n == 0 the data pointers may be NULL and nothing is computed,
 *     except that backward still sets prelu's dgamma (to zeros).
 *   - An output may be the same buffer as the input of the same shape
 *     (y == x, dx == dy); any other overlap is undefined.
 *   - Results do not depend on the number of threads used, nor on the
 *     instruction set the kernels run with (see mxlr_isa_name()).
 *   - NaN inputs give NaN outputs with the input's payload kept, so R's NA
 *     stays NA.
 */
#ifndef MXLEAKYRELU_H
#define MXLEAKYRELU_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * The activation types: one line each, in the order of their numbers (the
 * numbers are part of the ABI). Everything about a type that is not its
 * formula is here: its number, its name, the parameters it takes.
 *   X(ID, number, "name", traits)
 * ID gives the enumerator MXLR_<ID>; traits is a sum of MXLR_TAKES_*.
 */
#define MXLR_ACT_TYPES(X)                                                  \
  /* x > 0 ? x : slope * x                                             */ \
  X(LEAKY, 0, "leaky", MXLR_TAKES_SLOPE)                                   \
  /* x > 0 ? x : slope * expm1(x)                                      */ \
  X(ELU, 1, "elu", MXLR_TAKES_SLOPE)                                       \
  /* lambda * (x > 0 ? x : alpha * expm1(x))                           */ \
  X(SELU, 2, "selu", 0)                                                    \
  /* x > 0 ? x : gamma[c] * x, c the channel of x                      */ \
  X(PRELU, 3, "prelu", MXLR_TAKES_GAMMA)                                   \
  /* leaky with slope (lower + upper) / 2 (inference); slopes drawn
     from [lower, upper) in training (mxlr_rrelu_train_*)              */ \
  X(RRELU, 4, "rrelu", MXLR_TAKES_BOUNDS | MXLR_TAKES_MASK)                \
  /* 0.5 * x * (1 + erf(x / sqrt(2)))                                  */ \
  X(GELU, 5, "gelu", 0)                                                    \
  /* 0.5 * x * (1 + tanh(sqrt(2 / pi) * (x + 0.044715 * x^3)))         */ \
  X(GELU_TANH, 6, "gelu_tanh", 0)

/* Further names: X(ID, "alias"). MXNet 2 calls gelu "gelu_erf". */
#define MXLR_ACT_TYPE_ALIASES(X) X(GELU, "gelu_erf")

/* What a type takes besides the data (mxlr_act_type_traits()). */
enum mxlr_act_trait {
  MXLR_TAKES_SLOPE = 1,  /* opt->slope                                   */
  MXLR_TAKES_GAMMA = 2,  /* gamma, channels, inner; backward: dgamma     */
  MXLR_TAKES_BOUNDS = 4, /* opt->lower_bound, opt->upper_bound           */
  MXLR_TAKES_MASK = 8    /* a training mode: per-element slopes (mask)  */
};

enum mxlr_act_type {
#define MXLR_ACT_ENUM_(id, number, name, traits) MXLR_##id = number,
  MXLR_ACT_TYPES(MXLR_ACT_ENUM_)
#undef MXLR_ACT_ENUM_
  MXLR_ACT_TYPE_END_ /* one past the last number; not a type */
};

/* Status codes; the numbers are part of the ABI. */
enum mxlr_status {
  MXLR_OK = 0,
  MXLR_ERR_NULL = 1,        /* a required pointer is NULL                 */
  MXLR_ERR_LENGTH = 2,      /* negative length or inconsistent layout     */
  MXLR_ERR_ACT_TYPE = 3,    /* act_type is not one of mxlr_act_type       */
  MXLR_ERR_PARAM = 4,       /* slope or a bound is not finite, or
                               lower_bound > upper_bound                  */
  MXLR_ERR_INTERRUPTED = 5  /* the interrupt callback asked to stop; the
                               outputs are only partly written            */
};

/* Polled on the calling thread only, between chunks of work; return
 * nonzero to stop the computation. */
typedef int (*mxlr_interrupt_fn)(void *data);

/* Parameters shared by every entry point. Float entry points convert
 * slope and the bounds to float first, as MXNet does. */
typedef struct mxlr_options {
  int32_t act_type;            /* an mxlr_act_type                        */
  int32_t threads;             /* at most this many threads; <= 1: only
                                  the calling thread                      */
  double slope;                /* leaky, elu                              */
  double lower_bound;          /* rrelu                                   */
  double upper_bound;          /* rrelu                                   */
  mxlr_interrupt_fn interrupt; /* may be NULL                             */
  void *interrupt_data;        /* passed to interrupt                     */
} mxlr_options;

/*
 * prelu's gamma layout: element i of the data uses
 *     gamma[(i / inner) % channels]
 * channels == 1 applies gamma[0] everywhere (inner is then ignored).
 * Otherwise inner >= 1 and n must be a multiple of channels * inner;
 * with n == 0 any channels >= 0 and inner >= 0 are accepted (an empty
 * array can have zero extents).
 * For other act types gamma may be NULL and channels, inner are ignored.
 */

/* Forward: y[i] = f(x[i]) for i in [0, n). */
int32_t mxlr_forward_f64(const double *x, double *y, int64_t n,
                         const mxlr_options *opt,
                         const double *gamma, int64_t channels, int64_t inner);
int32_t mxlr_forward_f32(const float *x, float *y, int64_t n,
                         const mxlr_options *opt,
                         const float *gamma, int64_t channels, int64_t inner);

/*
 * rrelu in training mode: mask[i] = a slope drawn uniformly from
 * [lower_bound, upper_bound), y[i] = x[i] > 0 ? x[i] : mask[i] * x[i].
 * The draws come from a counter-based generator keyed by seed and by i, so
 * they depend only on (seed, i): not on threads or chunking. When
 * lower_bound == upper_bound every slope is lower_bound. act_type is
 * ignored.
 */
int32_t mxlr_rrelu_train_f64(const double *x, double *y, double *mask,
                             int64_t n, const mxlr_options *opt,
                             uint64_t seed);
int32_t mxlr_rrelu_train_f32(const float *x, float *y, float *mask,
                             int64_t n, const mxlr_options *opt,
                             uint64_t seed);

/*
 * Backward: dx[i] = dy[i] * f'(x[i]), the derivative taken from the input x
 * (the negative branch at x == 0; NaN where x is NaN). For prelu, dgamma
 * (length channels, required) receives
 *     dgamma[c] = sum over i in channel c of dy[i] * (x[i] > 0 ? 0 : x[i]),
 * summed in a fixed order (all of dgamma is written; zeros when n == 0).
 * For rrelu, mask (length n) gives per-element
 * slopes when not NULL; otherwise the inference slope is used. dgamma and
 * mask are ignored by the act types that do not use them.
 */
int32_t mxlr_backward_f64(const double *dy, const double *x, double *dx,
                          int64_t n, const mxlr_options *opt,
                          const double *gamma, int64_t channels, int64_t inner,
                          double *dgamma, const double *mask);
int32_t mxlr_backward_f32(const float *dy, const float *x, float *dx,
                          int64_t n, const mxlr_options *opt,
                          const float *gamma, int64_t channels, int64_t inner,
                          float *dgamma, const float *mask);

/*
 * Activation type names and traits, for callers that take the type as text
 * (numbers 0 to MXLR_ACT_TYPE_COUNT - 1, names as in MXLR_ACT_TYPES).
 */
#define MXLR_ACT_COUNT_ONE_(id, number, name, traits) +1
#define MXLR_ACT_TYPE_COUNT (0 MXLR_ACT_TYPES(MXLR_ACT_COUNT_ONE_))
/* The canonical name of act type `act`, a static string; NULL when `act` is
 * not an mxlr_act_type. */
const char *mxlr_act_type_name(int32_t act);
/* The act type named `name` (a canonical name or an alias, case-sensitive),
 * or -1 when there is none (or name is NULL). */
int32_t mxlr_act_type_from_name(const char *name);
/* The i-th alias (i = 0, 1, ...), a static string, or NULL past the last;
 * mxlr_act_type_from_name() gives the type it stands for. */
const char *mxlr_act_type_alias(int32_t i);
/* The traits of act type `act` (a sum of mxlr_act_trait), or -1 when `act`
 * is not an mxlr_act_type. */
int32_t mxlr_act_type_traits(int32_t act);

/*
 * Threads. A call gives every thread it starts at least
 * MXLR_MIN_PER_THREAD elements, so inputs of fewer than
 * 2 * MXLR_MIN_PER_THREAD elements always run on the calling thread only.
 */
#define MXLR_MIN_PER_THREAD 65536
/* The most threads one call uses, whatever opt->threads asks: the
 * processors this process may run on (mxlr_available_cores()). For tests
 * only, the environment variable MXLEAKYRELU_TEST_THREAD_CAP (a whole number
 * from 1 to 1024) replaces that cap, so that thread-independence can be
 * tested with more threads than the machine has cores. */
int32_t mxlr_thread_cap(void);

/* A static English sentence describing a status code. */
const char *mxlr_status_message(int32_t status);

/* The number of processors this process may run on (at least 1). */
int32_t mxlr_available_cores(void);

/*
 * Instruction sets. The kernels exist in a baseline build (128-bit vectors:
 * SSE2 on x86-64, NEON on aarch64) and, on x86-64, an AVX2 build (256-bit
 * vectors, Haswell / x86-64-v3), chosen at first use: the best the
 * processor supports, or the one the environment variable MXLEAKYRELU_ISA
 * names ("baseline", "avx2") if supported (else the best below it). Both
 * do the same arithmetic lane by lane: results are bitwise identical
 * whichever is used, except gelu's (forward and backward), which the AVX2
 * build computes with fused multiply-adds: they can differ from the
 * baseline's by up to 2 units in the last place.
 */

/* The name of the instruction set in use: "baseline" or "avx2". */
const char *mxlr_isa_name(void);

/* For tests: selects the best supported instruction set not above the one
 * named and returns its name; NULL (and no change) for an unknown name.
 * Must not be called while another thread is computing. */
const char *mxlr_select_isa(const char *name);


/* ---- Float32 element-wise arithmetic and conversions --------------------
 *
 * The single-precision arrays of the R package (MXNDArray) are computed
 * here. Every function below uses only opt->threads and opt->interrupt /
 * opt->interrupt_data of its options (opt may be NULL: one thread, no
 * polling) and writes NaN results as the one quiet NaN 0x7FC00000, so that
 * equal values have equal bits except for the sign of zero.
 */

enum mxlr_binary_op {
  MXLR_OP_ADD = 0,  /* a + b                                      */
  MXLR_OP_SUB = 1,  /* a - b                                      */
  MXLR_OP_MUL = 2,  /* a * b                                      */
  MXLR_OP_DIV = 3,  /* a / b (IEEE: x/0 is +-Inf, 0/0 NaN)        */
  MXLR_OP_EQ = 4,   /* a == b ? 1 : 0 (0 when either is NaN)      */
  MXLR_OP_NE = 5,   /* a != b ? 1 : 0 (1 when either is NaN)      */
  MXLR_OP_GT = 6,   /* a >  b ? 1 : 0                             */
  MXLR_OP_GE = 7,   /* a >= b ? 1 : 0                             */
  MXLR_OP_LT = 8,   /* a <  b ? 1 : 0                             */
  MXLR_OP_LE = 9,   /* a <= b ? 1 : 0                             */
  MXLR_OP_MOD = 10  /* MXNet's mod: the remainder of a / b with the
                     * sign of b, computed with fmod in double and
                     * rounded to float32; 0 when b == 0         */
};

/* The element types of MXNet's NDArray files (its type_flag). */
enum mxlr_dtype {
  MXLR_DTYPE_FLOAT32 = 0, MXLR_DTYPE_FLOAT64 = 1, MXLR_DTYPE_FLOAT16 = 2,
  MXLR_DTYPE_UINT8 = 3, MXLR_DTYPE_INT32 = 4, MXLR_DTYPE_INT8 = 5,
  MXLR_DTYPE_INT64 = 6
};

/* y[i] = a[i] op b[i], in float32, for i < n. Any op outside
 * mxlr_binary_op: MXLR_ERR_PARAM. y may be a or b. */
int32_t mxlr_binary_f32(const float *a, const float *b, float *y, int64_t n,
                        int32_t op, const mxlr_options *opt);

/* y[i] = a[i] op s (scalar_left == 0) or s op a[i] (scalar_left != 0). */
int32_t mxlr_scalar_f32(const float *a, float s, int32_t scalar_left,
                        float *y, int64_t n, int32_t op,
                        const mxlr_options *opt);

/* y[i] = (float) x[i], rounded to nearest even; NaN (and R's NA) become
 * the quiet NaN, magnitudes beyond the float32 range become +-Inf. */
int32_t mxlr_f64_to_f32(const double *x, float *y, int64_t n,
                        const mxlr_options *opt);

/* y[i] = (double) x[i], exact. */
int32_t mxlr_f32_to_f64(const float *x, double *y, int64_t n,
                        const mxlr_options *opt);

/* Decodes n little-endian elements of type dtype (an mxlr_dtype) starting
 * at src (any alignment) into float32: float16 and the integers up to 2^24
 * exactly, float64 and larger integers rounded to nearest. Any other dtype:
 * MXLR_ERR_PARAM. */
int32_t mxlr_decode_f32(const void *src, int32_t dtype, float *y, int64_t n,
                        const mxlr_options *opt);

/* The bytes of one element of dtype (an mxlr_dtype), 0 for any other value:
 * mxlr_decode_f32() reads n times this many bytes. */
int32_t mxlr_dtype_size(int32_t dtype);

#ifdef __cplusplus
}
#endif

#endif /* MXLEAKYRELU_H */
