/*
 * The float32 arithmetic and conversion section of mxleakyrelu.h, from C:
 * results against C's own float arithmetic, the canonical NaN, status
 * codes, and the interrupt callback. Exits 0 when every check passes.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mxleakyrelu.h"

static int failures = 0;
#define CHECK(cond)                                                   \
  do {                                                                \
    if (!(cond)) {                                                    \
      fprintf(stderr, "FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond); \
      failures++;                                                     \
    }                                                                 \
  } while (0)

static uint32_t bits(float f) {
  uint32_t u;
  memcpy(&u, &f, 4);
  return u;
}

static int same(float got, float want) {
  return isnan(want) ? bits(got) == 0x7FC00000u : bits(got) == bits(want);
}

static float apply(int op, float a, float b) {
  switch (op) {
  case MXLR_OP_ADD: return a + b;
  case MXLR_OP_SUB: return a - b;
  case MXLR_OP_MUL: return a * b;
  case MXLR_OP_DIV: return a / b;
  case MXLR_OP_EQ: return a == b ? 1.0f : 0.0f;
  case MXLR_OP_NE: return a != b ? 1.0f : 0.0f;
  case MXLR_OP_GT: return a > b ? 1.0f : 0.0f;
  case MXLR_OP_GE: return a >= b ? 1.0f : 0.0f;
  case MXLR_OP_LT: return a < b ? 1.0f : 0.0f;
  default: return a <= b ? 1.0f : 0.0f;
  }
}

static int calls = 0;
static int stop_now(void *data) {
  (void) data;
  calls++;
  return 1;
}

int main(void) {
  const float v[] = {0.0f, -0.0f, 1.0f, -2.5f, 0.1f, 1e30f, -1e-45f,
                     3.4028235e38f, INFINITY, -INFINITY, NAN, 16777216.0f};
  enum { K = sizeof v / sizeof v[0], N = K * K };
  float a[N], b[N], y[N];
  for (int i = 0; i < K; i++)
    for (int j = 0; j < K; j++) {
      a[i * K + j] = v[i];
      b[i * K + j] = v[j];
    }
  mxlr_options opt;
  memset(&opt, 0, sizeof opt);
  opt.threads = 2;
  for (int op = MXLR_OP_ADD; op <= MXLR_OP_LE; op++) {
    CHECK(mxlr_binary_f32(a, b, y, N, op, &opt) == MXLR_OK);
    for (int i = 0; i < N; i++) CHECK(same(y[i], apply(op, a[i], b[i])));
    for (int j = 0; j < K; j++) {
      CHECK(mxlr_scalar_f32(v, v[j], 0, y, K, op, NULL) == MXLR_OK);
      for (int i = 0; i < K; i++) CHECK(same(y[i], apply(op, v[i], v[j])));
      CHECK(mxlr_scalar_f32(v, v[j], 1, y, K, op, NULL) == MXLR_OK);
      for (int i = 0; i < K; i++) CHECK(same(y[i], apply(op, v[j], v[i])));
    }
  }
  /* in place */
  float c[3] = {1.0f, 2.0f, 3.0f};
  CHECK(mxlr_binary_f32(c, c, c, 3, MXLR_OP_MUL, NULL) == MXLR_OK);
  CHECK(c[0] == 1.0f && c[1] == 4.0f && c[2] == 9.0f);

  /* conversions */
  const double d[] = {0.1, -0.0, 1e39, 1e-50, NAN, 1.0 / 3.0};
  float f[6];
  double back[6];
  CHECK(mxlr_f64_to_f32(d, f, 6, NULL) == MXLR_OK);
  for (int i = 0; i < 6; i++) CHECK(same(f[i], (float) d[i]));
  CHECK(mxlr_f32_to_f64(f, back, 6, NULL) == MXLR_OK);
  for (int i = 0; i < 6; i++) CHECK(isnan(d[i]) ? isnan(back[i]) : back[i] == (double) f[i]);

  /* decode: little-endian int32 and float16 */
  const unsigned char i32[] = {0xFF, 0xFF, 0xFF, 0xFF, 0x01, 0x00, 0x00, 0x01};
  CHECK(mxlr_decode_f32(i32, MXLR_DTYPE_INT32, f, 2, NULL) == MXLR_OK);
  CHECK(f[0] == -1.0f && f[1] == 16777216.0f);
  const unsigned char f16[] = {0x00, 0x3C, 0x00, 0xC0};
  CHECK(mxlr_decode_f32(f16, MXLR_DTYPE_FLOAT16, f, 2, NULL) == MXLR_OK);
  CHECK(f[0] == 1.0f && f[1] == -2.0f);

  /* status codes */
  CHECK(mxlr_binary_f32(a, b, y, N, 42, NULL) == MXLR_ERR_PARAM);
  CHECK(mxlr_binary_f32(a, b, y, -3, MXLR_OP_ADD, NULL) == MXLR_ERR_LENGTH);
  CHECK(mxlr_scalar_f32(NULL, 1.0f, 0, y, 2, MXLR_OP_ADD, NULL) == MXLR_ERR_NULL);
  CHECK(mxlr_decode_f32(i32, 7, f, 1, NULL) == MXLR_ERR_PARAM);
  CHECK(mxlr_f32_to_f64(NULL, NULL, 0, NULL) == MXLR_OK);

  /* the interrupt callback stops a large conversion between chunks */
  size_t n = 6000000;
  double *big = calloc(n, sizeof *big);
  float *out = calloc(n, sizeof *out);
  if (big == NULL || out == NULL) return 2;
  opt.threads = 1;
  opt.interrupt = stop_now;
  CHECK(mxlr_f64_to_f32(big, out, (int64_t) n, &opt) == MXLR_ERR_INTERRUPTED);
  CHECK(calls == 1);
  free(big);
  free(out);

  if (failures == 0) printf("ndarray C ABI: all checks passed\n");
  return failures == 0 ? 0 : 1;
}
