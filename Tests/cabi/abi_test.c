/*
 * abi_test.c: exercises every function of mxleakyrelu.h through the C ABI
 * and checks the results against plain <math.h> formulas. Exits nonzero on
 * any failure.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mxleakyrelu.h"

static int checks = 0;
static int failures = 0;

#define CHECK(cond, ...)                                                     \
  do {                                                                       \
    checks++;                                                                \
    if (!(cond)) {                                                           \
      failures++;                                                            \
      if (failures <= 50) {                                                  \
        printf("FAIL %s:%d: ", __FILE__, __LINE__);                          \
        printf(__VA_ARGS__);                                                 \
        printf("\n");                                                        \
      }                                                                      \
    }                                                                        \
  } while (0)

static const double LAMBDA = 1.0507009873554804934193349852946;
static const double ALPHA = 1.6732632423543772848170429916717;

static uint64_t bits64(double v) {
  uint64_t b;
  memcpy(&b, &v, sizeof b);
  return b;
}

static double from_bits64(uint64_t b) {
  double v;
  memcpy(&v, &b, sizeof v);
  return v;
}

/* R's NA_real_: a NaN with payload 1954. */
static double r_na(void) { return from_bits64(0x7FF00000000007A2ULL); }

static mxlr_options options(int act, double slope) {
  mxlr_options o;
  memset(&o, 0, sizeof o);
  o.act_type = act;
  o.threads = 1;
  o.slope = slope;
  o.lower_bound = 0.125;
  o.upper_bound = 0.375;
  o.interrupt = NULL;
  o.interrupt_data = NULL;
  return o;
}

/* Reference forward value in double for parameters already rounded. */
static double ref_forward(int act, double x, double slope, double lower,
                          double upper) {
  switch (act) {
  case MXLR_LEAKY: return x > 0 ? x : slope * x;
  case MXLR_ELU: return x > 0 ? x : slope * expm1(x);
  case MXLR_SELU: return LAMBDA * (x > 0 ? x : ALPHA * expm1(x));
  case MXLR_RRELU: return x > 0 ? x : (lower + upper) / 2 * x;
  case MXLR_GELU: return 0.5 * x * (1 + erf(x / sqrt(2.0)));
  case MXLR_GELU_TANH:
    return 0.5 * x * (1 + tanh(sqrt(2 / M_PI) * (x + 0.044715 * x * x * x)));
  }
  return NAN;
}

static double ref_derivative(int act, double x, double slope, double lower,
                             double upper) {
  switch (act) {
  case MXLR_LEAKY: return x > 0 ? 1 : slope;
  case MXLR_ELU: return x > 0 ? 1 : slope * exp(x);
  case MXLR_SELU: return x > 0 ? LAMBDA : LAMBDA * ALPHA * exp(x);
  case MXLR_RRELU: return x > 0 ? 1 : (lower + upper) / 2;
  case MXLR_GELU:
    return 0.5 * (1 + erf(x / sqrt(2.0))) +
           x * exp(-x * x / 2) / sqrt(2 * M_PI);
  case MXLR_GELU_TANH: {
    double c = sqrt(2 / M_PI);
    double t = tanh(c * (x + 0.044715 * x * x * x));
    return 0.5 * (1 + t) +
           0.5 * x * (1 - t * t) * c * (1 + 3 * 0.044715 * x * x);
  }
  }
  return NAN;
}

static int close_to(double a, double b, double rel, double abs_tol) {
  if (isnan(b)) return isnan(a);
  if (isinf(b)) return a == b;
  return fabs(a - b) <= abs_tol + rel * fabs(b);
}

#define NPTS 41
static void points(double *x) {
  for (int i = 0; i < NPTS; i++) x[i] = -6.0 + 0.3 * i + 0.01;
}

static void test_elementwise(void) {
  /* every type of the registry without gamma */
  int acts[MXLR_ACT_TYPE_COUNT], n_acts = 0;
  for (int a = 0; a < MXLR_ACT_TYPE_COUNT; a++) {
    if (!(mxlr_act_type_traits(a) & MXLR_TAKES_GAMMA)) acts[n_acts++] = a;
  }
  double x[NPTS], y[NPTS], dy[NPTS], dx[NPTS];
  float xf[NPTS], yf[NPTS], dyf[NPTS], dxf[NPTS];
  points(x);
  for (int i = 0; i < NPTS; i++) {
    dy[i] = 0.5 + 0.01 * i;
    xf[i] = (float)x[i];
    dyf[i] = (float)dy[i];
  }
  for (int a = 0; a < n_acts; a++) {
    int act = acts[a];
    mxlr_options o = options(act, 0.3);
    int32_t s = mxlr_forward_f64(x, y, NPTS, &o, NULL, 0, 0);
    CHECK(s == MXLR_OK, "forward_f64 act %d status %d", act, s);
    s = mxlr_backward_f64(dy, x, dx, NPTS, &o, NULL, 0, 0, NULL, NULL);
    CHECK(s == MXLR_OK, "backward_f64 act %d status %d", act, s);
    for (int i = 0; i < NPTS; i++) {
      double r = ref_forward(act, x[i], 0.3, 0.125, 0.375);
      CHECK(close_to(y[i], r, 1e-12, 1e-15), "f64 act %d x=%g y=%.17g ref=%.17g",
            act, x[i], y[i], r);
      double d = dy[i] * ref_derivative(act, x[i], 0.3, 0.125, 0.375);
      CHECK(close_to(dx[i], d, 1e-12, 1e-15),
            "f64 grad act %d x=%g dx=%.17g ref=%.17g", act, x[i], dx[i], d);
    }

    s = mxlr_forward_f32(xf, yf, NPTS, &o, NULL, 0, 0);
    CHECK(s == MXLR_OK, "forward_f32 act %d status %d", act, s);
    s = mxlr_backward_f32(dyf, xf, dxf, NPTS, &o, NULL, 0, 0, NULL, NULL);
    CHECK(s == MXLR_OK, "backward_f32 act %d status %d", act, s);
    double sl = (float)0.3, lo = (float)0.125, up = (float)0.375;
    for (int i = 0; i < NPTS; i++) {
      double r = ref_forward(act, xf[i], sl, lo, up);
      CHECK(close_to(yf[i], r, 2e-6, 1e-30), "f32 act %d x=%g y=%.9g ref=%.9g",
            act, xf[i], yf[i], r);
      double d = dyf[i] * ref_derivative(act, xf[i], sl, lo, up);
      CHECK(close_to(dxf[i], d, 2e-6, 1e-30),
            "f32 grad act %d x=%g dx=%.9g ref=%.9g", act, xf[i], dxf[i], d);
    }
  }

  /* Leaky in float is exactly x * (float)slope. */
  mxlr_options o = options(MXLR_LEAKY, 0.1);
  mxlr_forward_f32(xf, yf, NPTS, &o, NULL, 0, 0);
  int exact = 1;
  for (int i = 0; i < NPTS; i++) {
    float r = xf[i] > 0 ? xf[i] : xf[i] * (float)0.1;
    if (memcmp(&r, &yf[i], sizeof r) != 0) exact = 0;
  }
  CHECK(exact, "leaky f32 is not bit-identical to a float multiply");
}

static void test_specials(void) {
  double na = r_na();
  double x[6] = {na, INFINITY, -INFINITY, 0.0, -0.0, 1e-310};
  double y[6], dx[6], dy[6] = {1, 1, 1, 1, 1, 1};
  double gamma = 0.25, dgamma = 0;
  for (int a = 0; a < MXLR_ACT_TYPE_COUNT; a++) { /* the whole registry */
    mxlr_options o = options(a, 0.5);
    int32_t s = mxlr_forward_f64(x, y, 6, &o, &gamma, 1, 1);
    CHECK(s == MXLR_OK, "special forward status %d", s);
    CHECK(bits64(y[0]) == bits64(na), "act %d: NA payload lost forward (%016llx)",
          a, (unsigned long long)bits64(y[0]));
    CHECK(y[1] == INFINITY, "act %d: f(+Inf) = %g", a, y[1]);
    CHECK(!isnan(y[2]), "act %d: f(-Inf) is NaN", a);
    s = mxlr_backward_f64(dy, x, dx, 6, &o, &gamma, 1, 1, &dgamma, NULL);
    CHECK(s == MXLR_OK, "special backward status %d", s);
    CHECK(bits64(dx[0]) == bits64(na), "act %d: NA payload lost backward",
          a);
    CHECK(!isnan(dx[1]) && !isnan(dx[2]), "act %d: f'(+-Inf) is NaN", a);
  }
  mxlr_options o = options(MXLR_LEAKY, 0.5);
  mxlr_forward_f64(x, y, 6, &o, NULL, 0, 0);
  CHECK(y[2] == -INFINITY, "leaky(-Inf) = %g", y[2]);
  CHECK(y[4] == 0 && signbit(y[4]), "leaky(-0) is not -0");
  o = options(MXLR_ELU, 0.5);
  mxlr_forward_f64(x, y, 6, &o, NULL, 0, 0);
  CHECK(y[2] == -0.5, "elu(-Inf) = %g", y[2]);
  o = options(MXLR_GELU, 0);
  mxlr_forward_f64(x, y, 6, &o, NULL, 0, 0);
  CHECK(y[2] == 0, "gelu(-Inf) = %g", y[2]);
  o = options(MXLR_GELU_TANH, 0);
  mxlr_forward_f64(x, y, 6, &o, NULL, 0, 0);
  CHECK(y[2] == 0 && y[1] == INFINITY && y[3] == 0, "gelu_tanh(+-Inf, 0)");

  float xf[3] = {NAN, INFINITY, -INFINITY}, yf[3];
  o = options(MXLR_GELU, 0);
  mxlr_forward_f32(xf, yf, 3, &o, NULL, 0, 0);
  CHECK(isnan(yf[0]) && yf[1] == INFINITY && yf[2] == 0, "gelu f32 specials");
}

static void test_prelu(void) {
  enum { C = 3, I = 4, O = 5, N = C * I * O };
  double x[N], y[N], dy[N], dx[N], dg[C], gamma[C] = {0.1, -0.2, 0.3};
  float xf[N], yf[N], dyf[N], dxf[N], dgf[C], gammaf[C] = {0.1f, -0.2f, 0.3f};
  for (int i = 0; i < N; i++) {
    x[i] = sin(i * 1.7) * 3;
    dy[i] = cos(i * 0.3);
    xf[i] = (float)x[i];
    dyf[i] = (float)dy[i];
  }
  mxlr_options o = options(MXLR_PRELU, 0);
  CHECK(mxlr_forward_f64(x, y, N, &o, gamma, C, I) == MXLR_OK, "prelu f64");
  CHECK(mxlr_backward_f64(dy, x, dx, N, &o, gamma, C, I, dg, NULL) == MXLR_OK,
        "prelu backward f64");
  CHECK(mxlr_forward_f32(xf, yf, N, &o, gammaf, C, I) == MXLR_OK, "prelu f32");
  CHECK(mxlr_backward_f32(dyf, xf, dxf, N, &o, gammaf, C, I, dgf, NULL) ==
            MXLR_OK,
        "prelu backward f32");
  double sum[C] = {0, 0, 0}, sumf[C] = {0, 0, 0};
  for (int i = 0; i < N; i++) {
    int c = (i / I) % C;
    double r = x[i] > 0 ? x[i] : gamma[c] * x[i];
    CHECK(y[i] == r, "prelu f64 i=%d", i);
    CHECK(dx[i] == dy[i] * (x[i] > 0 ? 1 : gamma[c]), "prelu grad f64 i=%d", i);
    sum[c] += dy[i] * (x[i] > 0 ? 0 : x[i]);
    float rf = xf[i] > 0 ? xf[i] : gammaf[c] * xf[i];
    CHECK(yf[i] == rf, "prelu f32 i=%d", i);
    sumf[c] += (double)dyf[i] * (xf[i] > 0 ? 0 : xf[i]);
  }
  for (int c = 0; c < C; c++) {
    CHECK(close_to(dg[c], sum[c], 1e-12, 1e-15), "dgamma f64 c=%d", c);
    CHECK(close_to(dgf[c], sumf[c], 1e-6, 1e-30), "dgamma f32 c=%d", c);
  }
}

static void test_rrelu_train(void) {
  enum { N = 1000 };
  double x[N], y[N], mask[N], mask2[N], y2[N];
  float xf[N], yf[N], maskf[N];
  for (int i = 0; i < N; i++) {
    x[i] = (i % 2 ? -1.0 : 1.0) * (i + 1);
    xf[i] = (float)x[i];
  }
  mxlr_options o = options(MXLR_LEAKY, 0); /* act_type is ignored */
  CHECK(mxlr_rrelu_train_f64(x, y, mask, N, &o, 42) == MXLR_OK, "rrelu f64");
  CHECK(mxlr_rrelu_train_f64(x, y2, mask2, N, &o, 42) == MXLR_OK, "rrelu f64");
  CHECK(mxlr_rrelu_train_f32(xf, yf, maskf, N, &o, 42) == MXLR_OK, "rrelu f32");
  double mean = 0;
  int same = 1;
  for (int i = 0; i < N; i++) {
    CHECK(mask[i] >= 0.125 && mask[i] < 0.375, "mask f64 %g", mask[i]);
    CHECK(maskf[i] >= 0.125f && maskf[i] < 0.375f, "mask f32 %g", maskf[i]);
    CHECK(y[i] == (x[i] > 0 ? x[i] : mask[i] * x[i]), "rrelu y f64 i=%d", i);
    CHECK(yf[i] == (xf[i] > 0 ? xf[i] : maskf[i] * xf[i]), "rrelu y f32 i=%d",
          i);
    if (mask[i] != mask2[i] || y[i] != y2[i]) same = 0;
    mean += mask[i];
  }
  mean /= N;
  CHECK(same, "rrelu draws differ for the same seed");
  CHECK(fabs(mean - 0.25) < 0.02, "rrelu mean slope %g", mean);

  /* Backward with the mask. */
  double dy[N], dx[N];
  float dyf[N], dxf[N];
  for (int i = 0; i < N; i++) dy[i] = dyf[i] = 2;
  o = options(MXLR_RRELU, 0);
  CHECK(mxlr_backward_f64(dy, x, dx, N, &o, NULL, 0, 0, NULL, mask) == MXLR_OK,
        "rrelu backward mask f64");
  CHECK(mxlr_backward_f32(dyf, xf, dxf, N, &o, NULL, 0, 0, NULL, maskf) ==
            MXLR_OK,
        "rrelu backward mask f32");
  for (int i = 0; i < N; i++) {
    CHECK(dx[i] == 2 * (x[i] > 0 ? 1 : mask[i]), "rrelu mask grad f64 i=%d", i);
    CHECK(dxf[i] == 2 * (xf[i] > 0 ? 1 : maskf[i]), "rrelu mask grad f32");
  }

  o.lower_bound = o.upper_bound = 0.2;
  mxlr_rrelu_train_f64(x, y, mask, N, &o, 7);
  int all = 1;
  for (int i = 0; i < N; i++) all &= mask[i] == 0.2;
  CHECK(all, "rrelu with lower == upper");
}

static void test_errors(void) {
  double x[4] = {1, -1, 2, -2}, y[4], g[2] = {0.1, 0.2}, dg[2];
  float xf[4] = {1, -1, 2, -2}, yf[4], gf[2] = {0.1f, 0.2f}, dgf[2];
  mxlr_options o = options(MXLR_LEAKY, 0.1);
  int32_t s;

  s = mxlr_forward_f64(x, y, -1, &o, NULL, 0, 0);
  CHECK(s == MXLR_ERR_LENGTH, "negative n: %d", s);
  s = mxlr_forward_f32(xf, yf, -1, &o, NULL, 0, 0);
  CHECK(s == MXLR_ERR_LENGTH, "negative n f32: %d", s);
  s = mxlr_backward_f64(x, x, y, -5, &o, NULL, 0, 0, NULL, NULL);
  CHECK(s == MXLR_ERR_LENGTH, "negative n backward: %d", s);
  s = mxlr_rrelu_train_f64(x, y, y, -1, &o, 1);
  CHECK(s == MXLR_ERR_LENGTH, "negative n rrelu: %d", s);

  s = mxlr_forward_f64(NULL, y, 4, &o, NULL, 0, 0);
  CHECK(s == MXLR_ERR_NULL, "NULL x: %d", s);
  s = mxlr_forward_f64(x, NULL, 4, &o, NULL, 0, 0);
  CHECK(s == MXLR_ERR_NULL, "NULL y: %d", s);
  s = mxlr_forward_f64(x, y, 4, NULL, NULL, 0, 0);
  CHECK(s == MXLR_ERR_NULL, "NULL opt: %d", s);
  s = mxlr_forward_f32(NULL, yf, 4, &o, NULL, 0, 0);
  CHECK(s == MXLR_ERR_NULL, "NULL x f32: %d", s);
  s = mxlr_backward_f64(NULL, x, y, 4, &o, NULL, 0, 0, NULL, NULL);
  CHECK(s == MXLR_ERR_NULL, "NULL dy: %d", s);
  s = mxlr_backward_f32(xf, xf, NULL, 4, &o, NULL, 0, 0, NULL, NULL);
  CHECK(s == MXLR_ERR_NULL, "NULL dx f32: %d", s);
  s = mxlr_rrelu_train_f64(x, y, NULL, 4, &o, 1);
  CHECK(s == MXLR_ERR_NULL, "NULL mask: %d", s);
  s = mxlr_rrelu_train_f32(xf, yf, NULL, 4, &o, 1);
  CHECK(s == MXLR_ERR_NULL, "NULL mask f32: %d", s);

  s = mxlr_forward_f64(NULL, NULL, 0, &o, NULL, 0, 0);
  CHECK(s == MXLR_OK, "n == 0 with NULL pointers: %d", s);
  s = mxlr_backward_f32(NULL, NULL, NULL, 0, &o, NULL, 0, 0, NULL, NULL);
  CHECK(s == MXLR_OK, "n == 0 backward with NULL pointers: %d", s);

  o.act_type = 7;
  s = mxlr_forward_f64(x, y, 4, &o, NULL, 0, 0);
  CHECK(s == MXLR_ERR_ACT_TYPE, "act_type 7: %d", s);
  o.act_type = -1;
  s = mxlr_backward_f32(xf, xf, yf, 4, &o, NULL, 0, 0, NULL, NULL);
  CHECK(s == MXLR_ERR_ACT_TYPE, "act_type -1: %d", s);

  o = options(MXLR_LEAKY, NAN);
  s = mxlr_forward_f64(x, y, 4, &o, NULL, 0, 0);
  CHECK(s == MXLR_ERR_PARAM, "NaN slope: %d", s);
  o = options(MXLR_ELU, INFINITY);
  s = mxlr_backward_f64(x, x, y, 4, &o, NULL, 0, 0, NULL, NULL);
  CHECK(s == MXLR_ERR_PARAM, "Inf slope: %d", s);
  o = options(MXLR_LEAKY, 1e300);
  s = mxlr_forward_f32(xf, yf, 4, &o, NULL, 0, 0);
  CHECK(s == MXLR_ERR_PARAM, "slope overflowing float: %d", s);
  o = options(MXLR_GELU, NAN);
  s = mxlr_forward_f64(x, y, 4, &o, NULL, 0, 0);
  CHECK(s == MXLR_OK, "gelu ignores slope: %d", s);
  o = options(MXLR_RRELU, 0);
  o.lower_bound = 0.5;
  o.upper_bound = 0.25;
  s = mxlr_forward_f64(x, y, 4, &o, NULL, 0, 0);
  CHECK(s == MXLR_ERR_PARAM, "lower > upper: %d", s);
  s = mxlr_rrelu_train_f32(xf, yf, yf, 4, &o, 1);
  CHECK(s == MXLR_ERR_PARAM, "lower > upper train: %d", s);
  o.upper_bound = INFINITY;
  s = mxlr_rrelu_train_f64(x, y, y, 4, &o, 1);
  CHECK(s == MXLR_ERR_PARAM, "infinite upper: %d", s);

  o = options(MXLR_PRELU, 0);
  s = mxlr_forward_f64(x, y, 4, &o, NULL, 1, 1);
  CHECK(s == MXLR_ERR_NULL, "prelu without gamma: %d", s);
  s = mxlr_backward_f64(x, x, y, 4, &o, g, 2, 2, NULL, NULL);
  CHECK(s == MXLR_ERR_NULL, "prelu backward without dgamma: %d", s);
  s = mxlr_forward_f64(x, y, 4, &o, g, 0, 1);
  CHECK(s == MXLR_ERR_LENGTH, "prelu channels 0: %d", s);
  s = mxlr_forward_f32(xf, yf, 4, &o, gf, 2, 0);
  CHECK(s == MXLR_ERR_LENGTH, "prelu inner 0: %d", s);
  s = mxlr_forward_f64(x, y, 4, &o, g, 2, 3);
  CHECK(s == MXLR_ERR_LENGTH, "prelu n not a multiple: %d", s);
  s = mxlr_backward_f32(xf, xf, yf, 4, &o, gf, 3, 1, dgf, NULL);
  CHECK(s == MXLR_ERR_LENGTH, "prelu backward n not a multiple: %d", s);
  s = mxlr_forward_f64(x, y, 4, &o, g, INT64_MAX, INT64_MAX);
  CHECK(s == MXLR_ERR_LENGTH, "prelu overflowing layout: %d", s);
  s = mxlr_backward_f64(x, x, y, 4, &o, g, 2, 2, dg, NULL);
  CHECK(s == MXLR_OK, "prelu valid: %d", s);
  s = mxlr_forward_f64(x, y, 4, &o, g, 1, -7);
  CHECK(s == MXLR_OK, "prelu channels 1 ignores inner: %d", s);
}

static int calls = 0;
static int stop_now(void *data) {
  calls++;
  return *(int *)data;
}

static void test_interrupt(void) {
  const int64_t n = 8 << 20;
  double *x = malloc(n * sizeof *x), *y = malloc(n * sizeof *y);
  float *xf = malloc(n * sizeof *xf);
  if (!x || !y || !xf) {
    CHECK(0, "out of memory");
    return;
  }
  for (int64_t i = 0; i < n; i++) x[i] = xf[i] = (float)(i % 7) - 3;
  int flag = 1;
  mxlr_options o = options(MXLR_ELU, 1);
  o.interrupt = stop_now;
  o.interrupt_data = &flag;
  for (int threads = 1; threads <= 4; threads *= 2) {
    o.threads = threads;
    calls = 0;
    int32_t s = mxlr_forward_f64(x, y, n, &o, NULL, 0, 0);
    CHECK(s == MXLR_ERR_INTERRUPTED && calls >= 1,
          "interrupt forward (threads %d): status %d calls %d", threads, s,
          calls);
    s = mxlr_backward_f32(xf, xf, (float *)y, n, &o, NULL, 0, 0, NULL, NULL);
    CHECK(s == MXLR_ERR_INTERRUPTED, "interrupt backward: %d", s);
    s = mxlr_rrelu_train_f64(x, y, y, n, &o, 3);
    CHECK(s == MXLR_ERR_INTERRUPTED, "interrupt rrelu: %d", s);
  }
  flag = 0;
  calls = 0;
  o.threads = 2;
  int32_t s = mxlr_forward_f64(x, y, n, &o, NULL, 0, 0);
  CHECK(s == MXLR_OK && calls >= 1, "polled run: status %d calls %d", s, calls);
  o.act_type = MXLR_PRELU;
  double g = 0.5, dg = 0;
  flag = 1;
  s = mxlr_backward_f64(x, x, y, n, &o, &g, 1, 1, &dg, NULL);
  CHECK(s == MXLR_ERR_INTERRUPTED, "interrupt prelu backward: %d", s);
  free(x);
  free(y);
  free(xf);
}

static void test_misc(void) {
  for (int s = 0; s <= 6; s++) {
    const char *m = mxlr_status_message(s);
    CHECK(m != NULL && strlen(m) > 0, "status message %d", s);
  }
  CHECK(strcmp(mxlr_status_message(MXLR_OK), "success") == 0, "ok message");
  int32_t cores = mxlr_available_cores();
  CHECK(cores >= 1, "available cores %d", cores);
}

/* Act type names and the thread cap. */
static void test_names_and_cap(void) {
  static const char *names[] = {"leaky", "elu",   "selu",     "prelu",
                                "rrelu", "gelu", "gelu_tanh"};
  CHECK(MXLR_ACT_TYPE_COUNT == 7, "MXLR_ACT_TYPE_COUNT %d", MXLR_ACT_TYPE_COUNT);
  for (int i = 0; i < MXLR_ACT_TYPE_COUNT; i++) {
    const char *n = mxlr_act_type_name(i);
    CHECK(n != NULL && strcmp(n, names[i]) == 0, "name of %d: %s", i,
          n ? n : "NULL");
    CHECK(mxlr_act_type_from_name(names[i]) == i, "number of %s", names[i]);
  }
  CHECK(mxlr_act_type_name(-1) == NULL && mxlr_act_type_name(7) == NULL,
        "names out of range");
  CHECK(mxlr_act_type_from_name("gelu_erf") == MXLR_GELU, "gelu_erf");
  CHECK(mxlr_act_type_alias(0) != NULL &&
            strcmp(mxlr_act_type_alias(0), "gelu_erf") == 0 &&
            mxlr_act_type_alias(1) == NULL && mxlr_act_type_alias(-1) == NULL,
        "aliases");
  CHECK(mxlr_act_type_from_name("GELU") == -1 &&
            mxlr_act_type_from_name("gel") == -1 &&
            mxlr_act_type_from_name("gelu_") == -1 &&
            mxlr_act_type_from_name("") == -1 &&
            mxlr_act_type_from_name(NULL) == -1,
        "unknown names");
  CHECK(MXLR_MIN_PER_THREAD == 65536, "MXLR_MIN_PER_THREAD");
  unsetenv("MXLEAKYRELU_TEST_THREAD_CAP");
  CHECK(mxlr_thread_cap() == mxlr_available_cores(), "cap %d, cores %d",
        (int)mxlr_thread_cap(), (int)mxlr_available_cores());
  setenv("MXLEAKYRELU_TEST_THREAD_CAP", "9", 1);
  CHECK(mxlr_thread_cap() == 9, "cap with the hook: %d", (int)mxlr_thread_cap());
  const char *bad[] = {"0", "1025", "x", "-2", "3 "};
  for (int i = 0; i < 5; i++) {
    setenv("MXLEAKYRELU_TEST_THREAD_CAP", bad[i], 1);
    CHECK(mxlr_thread_cap() == mxlr_available_cores(), "bad hook %s", bad[i]);
  }
  /* with the hook, results on 9 threads equal those on 1 */
  setenv("MXLEAKYRELU_TEST_THREAD_CAP", "9", 1);
  enum { N = 9 * 65536 + 123 };
  double *x = malloc(N * sizeof(double)), *y1 = malloc(N * sizeof(double)),
         *y9 = malloc(N * sizeof(double));
  for (int i = 0; i < N; i++) x[i] = sin(i * 0.37) * 5;
  mxlr_options o = options(MXLR_GELU, 0.25);
  CHECK(mxlr_forward_f64(x, y1, N, &o, NULL, 1, 1) == MXLR_OK, "gelu 1 thread");
  o.threads = 9;
  CHECK(mxlr_forward_f64(x, y9, N, &o, NULL, 1, 1) == MXLR_OK, "gelu 9 threads");
  CHECK(memcmp(y1, y9, N * sizeof(double)) == 0, "9 threads differ from 1");
  free(x);
  free(y1);
  free(y9);
  unsetenv("MXLEAKYRELU_TEST_THREAD_CAP");
}

/* Every instruction set this machine supports gives the same bits as the
 * baseline, for every act type, both precisions, forward, backward and
 * rrelu training, at lengths that leave scalar tails; except gelu and the
 * float gelu_tanh, whose AVX2 kernels use fused multiply-adds: their values
 * within 2 units in the last place of the baseline's, dy times the
 * derivative within 4 units (of the larger of the result and |dy|·Q(|x|)
 * for gelu). */
static double units(double a, double b, double scale, int f32) {
  if (memcmp(&a, &b, sizeof a) == 0) return 0;
  if (!isfinite(a) || !isfinite(b) || a == 0 || b == 0 || (a < 0) != (b < 0))
    return INFINITY;
  double s = fmax(scale, fmax(fabs(a), fabs(b)));
  double ulp = ldexp(1, ilogb(s) - (f32 ? 23 : 52));
  return fabs(a - b) / fmax(ulp, f32 ? 0x1p-149 : 0x1p-1074);
}

static int gelu_close(const double *x, const double *dy, const double *a,
                      const double *b, int64_t n, int backward, int f32) {
  for (int64_t i = 0; i < n; i++) {
    double q = backward ? fabs(dy[i]) * erfc(fabs(x[i]) / sqrt(2.0)) / 2 : 0;
    if (units(a[i], b[i], q, f32) > (backward ? 4 : 2)) return 0;
  }
  return 1;
}

static int gelu_close_f32(const float *x, const float *dy, const float *a,
                          const float *b, int64_t n, int backward) {
  for (int64_t i = 0; i < n; i++) {
    double xd = x[i], dyd = dy[i], ad = a[i], bd = b[i];
    if (!gelu_close(&xd, &dyd, &ad, &bd, 1, backward, 1)) return 0;
  }
  return 1;
}

static int close_f32(const float *a, const float *b, int64_t n,
                     double bound) {
  for (int64_t i = 0; i < n; i++)
    if (units(a[i], b[i], 0, 1) > bound) return 0;
  return 1;
}

static void test_isa(void) {
  CHECK(mxlr_select_isa("no-such-isa") == NULL, "unknown ISA accepted");
  CHECK(mxlr_select_isa(NULL) == NULL, "NULL ISA accepted");
  enum { N = 4099 };
  static double x[N], dy[N], y0[N], d0[N], y1[N], d1[N], m0[N], m1[N],
      t0[N], t1[N];
  static float xf[N], dyf[N], yf0[N], df0[N], yf1[N], df1[N];
  double g[3] = {0.1, -0.2, 0.3}, dg[3];
  float gf[3] = {0.1f, -0.2f, 0.3f}, dgf[3];
  for (int i = 0; i < N; i++) {
    x[i] = sin(i * 0.37) * (i % 5 == 0 ? 45 : 7) + (i % 11 == 0 ? 1e-310 : 0);
    dy[i] = cos(i * 0.11);
    xf[i] = (float)x[i];
    dyf[i] = (float)dy[i];
  }
  x[7] = r_na();
  x[8] = INFINITY;
  x[9] = -INFINITY;
  x[10] = -0.0;
  const char *isas[] = {"avx2"};
  for (int act = MXLR_LEAKY; act <= MXLR_GELU_TANH; act++) {
    mxlr_options o = options(act, 0.3);
    int64_t ch = act == MXLR_PRELU ? 3 : 0, in = act == MXLR_PRELU ? 1 : 0;
    int64_t n = act == MXLR_PRELU ? N - 1 : N; /* a multiple of 3 */
    CHECK(strcmp(mxlr_select_isa("baseline"), "baseline") == 0, "baseline");
    CHECK(strcmp(mxlr_isa_name(), "baseline") == 0, "baseline name");
    mxlr_forward_f64(x, y0, n, &o, g, ch, in);
    mxlr_backward_f64(dy, x, d0, n, &o, g, ch, in, dg, NULL);
    mxlr_forward_f32(xf, yf0, n, &o, gf, ch, in);
    mxlr_backward_f32(dyf, xf, df0, n, &o, gf, ch, in, dgf, NULL);
    if (act == MXLR_RRELU) mxlr_rrelu_train_f64(x, t0, m0, n, &o, 42);
    for (size_t k = 0; k < sizeof isas / sizeof isas[0]; k++) {
      const char *got = mxlr_select_isa(isas[k]);
      CHECK(got != NULL && strcmp(got, mxlr_isa_name()) == 0,
            "selected ISA name");
      mxlr_forward_f64(x, y1, n, &o, g, ch, in);
      mxlr_backward_f64(dy, x, d1, n, &o, g, ch, in, dg, NULL);
      mxlr_forward_f32(xf, yf1, n, &o, gf, ch, in);
      mxlr_backward_f32(dyf, xf, df1, n, &o, gf, ch, in, dgf, NULL);
      if (act == MXLR_GELU) {
        CHECK(gelu_close(x, dy, y0, y1, n, 0, 0), "%s f64 forward gelu", got);
        CHECK(gelu_close(x, dy, d0, d1, n, 1, 0), "%s f64 backward gelu", got);
        CHECK(gelu_close_f32(xf, dyf, yf0, yf1, n, 0), "%s f32 forward gelu",
              got);
        CHECK(gelu_close_f32(xf, dyf, df0, df1, n, 1), "%s f32 backward gelu",
              got);
        continue;
      }
      CHECK(memcmp(y0, y1, n * sizeof *x) == 0, "%s f64 forward act %d", got, act);
      CHECK(memcmp(d0, d1, n * sizeof *x) == 0, "%s f64 backward act %d", got, act);
      if (act == MXLR_GELU_TANH) {
        CHECK(close_f32(yf0, yf1, n, 2), "%s f32 forward gelu_tanh", got);
        CHECK(close_f32(df0, df1, n, 4), "%s f32 backward gelu_tanh", got);
        continue;
      }
      CHECK(memcmp(yf0, yf1, n * sizeof *xf) == 0, "%s f32 forward act %d", got, act);
      CHECK(memcmp(df0, df1, n * sizeof *xf) == 0, "%s f32 backward act %d", got, act);
      if (act == MXLR_RRELU) {
        mxlr_rrelu_train_f64(x, t1, m1, n, &o, 42);
        CHECK(memcmp(t0, t1, n * sizeof *x) == 0, "%s rrelu train", got);
        CHECK(memcmp(m0, m1, n * sizeof *x) == 0, "%s rrelu mask", got);
      }
    }
  }
  mxlr_select_isa("avx2"); /* back to the best supported */
  printf("abi_test: ISA in use %s\n", mxlr_isa_name());
}

int main(void) {
  /* MXLEAKYRELU_ISA is read at first use: run.sh runs this test under each
   * instruction set. */
  const char *env = getenv("MXLEAKYRELU_ISA");
  if (env != NULL && strcmp(env, "baseline") == 0)
    CHECK(strcmp(mxlr_isa_name(), "baseline") == 0, "MXLEAKYRELU_ISA ignored");
  printf("abi_test: ISA at start %s\n", mxlr_isa_name());
  test_elementwise();
  test_specials();
  test_prelu();
  test_rrelu_train();
  test_errors();
  test_interrupt();
  test_misc();
  test_names_and_cap();
  test_isa();
  printf("abi_test: %d checks, %d failures (available cores: %d)\n", checks,
         failures, (int)mxlr_available_cores());
  return failures == 0 ? 0 : 1;
}
