/*
 * abi_hash: an FNV-1a hash of the C ABI's outputs for every act type, both
 * directions and both precisions, over a fixed input set (a spread of
 * magnitudes, special values, NaN payloads), under the instruction set
 * MXLEAKYRELU_ISA selects, one hash for the double results and one for the
 * float ones. Two builds that print the same lines compute the same bits. Usage: abi_hash [elements, default 4000000]
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mxleakyrelu.h"

static uint64_t fnv(uint64_t h, const void *p, size_t bytes) {
  const unsigned char *c = p;
  for (size_t i = 0; i < bytes; i++) h = (h ^ c[i]) * 1099511628211ULL;
  return h;
}

/* xorshift64*: reproducible inputs */
static uint64_t state = 88172645463325252ULL;
static uint64_t next(void) {
  state ^= state >> 12; state ^= state << 25; state ^= state >> 27;
  return state * 2685821657736338717ULL;
}

static double input(int64_t i) {
  static const double special[] = {0.0, -0.0, INFINITY, -INFINITY, NAN,
    5e-324, -5e-324, 2.2250738585072014e-308, -1e-300, 1e300, -1e300,
    -38.5, -37.6, -40.0, -8.5, 8.5, 1e-10, -1e-10, 3.4e38, -3.4e38};
  int64_t k = sizeof special / sizeof special[0];
  if (i < k) return special[i];
  uint64_t r = next();
  double u = (double) (r >> 11) / 9007199254740992.0; /* [0, 1) */
  double scale[] = {0.5, 1, 3, 10, 40, 1e-3};
  double s = scale[r % 6];
  double v = (u * 2 - 1) * s * 4;
  if ((r & 0xff) == 7) { /* a NaN with a payload */
    uint64_t bits = 0x7ff8000000000000ULL | (r >> 40);
    memcpy(&v, &bits, sizeof v);
  }
  return v;
}

int main(int argc, char **argv) {
  int64_t n = argc > 1 ? (int64_t) atof(argv[1]) : 4000000;
  double *x = malloc(n * sizeof *x), *dy = malloc(n * sizeof *dy),
         *y = malloc(n * sizeof *y), *mask = malloc(n * sizeof *mask);
  float *xf = malloc(n * sizeof *xf), *dyf = malloc(n * sizeof *dyf),
        *yf = malloc(n * sizeof *yf), *maskf = malloc(n * sizeof *maskf);
  if (!x || !dy || !y || !mask || !xf || !dyf || !yf || !maskf) return 2;
  for (int64_t i = 0; i < n; i++) {
    x[i] = input(i);
    dy[i] = (double) (next() >> 11) / 4503599627370496.0 - 1.0;
    xf[i] = (float) x[i];
    dyf[i] = (float) dy[i];
  }
  double gamma[3] = {0.25, -0.5, 2.0}, dgamma[3];
  float gammaf[3] = {0.25f, -0.5f, 2.0f}, dgammaf[3];
  printf("isa %s\n", mxlr_isa_name());
  for (int32_t act = 0; act < MXLR_ACT_TYPE_COUNT; act++) {
    mxlr_options opt = {act, 1, 0.3, 0.125, 0.333, NULL, NULL};
    int64_t ch = act == MXLR_PRELU ? 3 : 1, inner = 5;
    int64_t m = act == MXLR_PRELU ? n / 15 * 15 : n;
    uint64_t h = 14695981039346656037ULL, hf = h;
    int s = 0;
    s |= mxlr_forward_f64(x, y, m, &opt, gamma, ch, inner);
    h = fnv(h, y, m * sizeof *y);
    s |= mxlr_backward_f64(dy, x, y, m, &opt, gamma, ch, inner, dgamma, NULL);
    h = fnv(h, y, m * sizeof *y);
    if (act == MXLR_PRELU) h = fnv(h, dgamma, sizeof dgamma);
    s |= mxlr_forward_f32(xf, yf, m, &opt, gammaf, ch, inner);
    hf = fnv(hf, yf, m * sizeof *yf);
    s |= mxlr_backward_f32(dyf, xf, yf, m, &opt, gammaf, ch, inner, dgammaf,
                           NULL);
    hf = fnv(hf, yf, m * sizeof *yf);
    if (act == MXLR_PRELU) hf = fnv(hf, dgammaf, sizeof dgammaf);
    if (act == MXLR_RRELU) {
      s |= mxlr_rrelu_train_f64(x, y, mask, n, &opt, 42);
      h = fnv(fnv(h, y, n * sizeof *y), mask, n * sizeof *mask);
      s |= mxlr_backward_f64(dy, x, y, n, &opt, NULL, 1, 1, NULL, mask);
      h = fnv(h, y, n * sizeof *y);
      s |= mxlr_rrelu_train_f32(xf, yf, maskf, n, &opt, 42);
      hf = fnv(fnv(hf, yf, n * sizeof *yf), maskf, n * sizeof *maskf);
      s |= mxlr_backward_f32(dyf, xf, yf, n, &opt, NULL, 1, 1, NULL, maskf);
      hf = fnv(hf, yf, n * sizeof *yf);
    }
    printf("%-10s double %016llx  float %016llx%s\n", mxlr_act_type_name(act),
           (unsigned long long) h, (unsigned long long) hf,
           s ? " (a call failed)" : "");
  }
  return 0;
}
