/*
 * kernels.c: times the core's kernels through the C ABI, one thread, on
 * n elements (default 1e6), every act type forward and backward, double
 * and float; prints ns per element (median of repeats) and the ratio of
 * each to a plain copy-and-scale loop (`y = x * 1`) timed in the same run.
 *
 * Usage: kernels [n] [repeats]     (make bench-kernels builds and runs it)
 * MXLEAKYRELU_ISA selects the kernels as in the core.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mxleakyrelu.h"

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + 1e-9 * t.tv_nsec;
}

static int cmp(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

#define MAXREP 101
static double median(double *v, int k) {
  qsort(v, k, sizeof *v, cmp);
  return v[k / 2];
}

int main(int argc, char **argv) {
  int64_t n = argc > 1 ? (int64_t)atof(argv[1]) : 1000000;
  int rep = argc > 2 ? atoi(argv[2]) : 21;
  if (rep > MAXREP) rep = MAXREP;
  double *x = malloc(n * sizeof *x), *y = malloc(n * sizeof *y),
         *dy = malloc(n * sizeof *dy);
  float *xf = malloc(n * sizeof *xf), *yf = malloc(n * sizeof *yf),
        *dyf = malloc(n * sizeof *dyf);
  uint64_t s = 1;
  for (int64_t i = 0; i < n; i++) {
    s = s * 6364136223846793005ULL + 1442695040888963407ULL;
    x[i] = ((double)(s >> 11) * 0x1p-53 * 2 - 1) * 4;
    dy[i] = 1 + x[i] / 8;
    xf[i] = (float)x[i];
    dyf[i] = (float)dy[i];
  }
  double t[MAXREP];
  for (int r = 0; r < rep; r++) {
    double t0 = now();
    for (int64_t i = 0; i < n; i++) y[i] = x[i] * 1.0;
    __asm__ volatile("" ::"r"(y) : "memory");
    t[r] = now() - t0;
  }
  double base = median(t, rep);
  for (int r = 0; r < rep; r++) {
    double t0 = now();
    for (int64_t i = 0; i < n; i++) yf[i] = xf[i] * 1.0f;
    __asm__ volatile("" ::"r"(yf) : "memory");
    t[r] = now() - t0;
  }
  double basef = median(t, rep);
  printf("isa %s, n = %lld, one thread; ratios to y = x * 1 "
         "(%.3f ns/element double, %.3f float)\n",
         mxlr_isa_name(), (long long)n, 1e9 * base / n, 1e9 * basef / n);
  printf("%-10s %10s %10s %10s %10s   (ns per element, ratio)\n", "act",
         "f64 fwd", "f64 bwd", "f32 fwd", "f32 bwd");
  double gamma = 0.25, dgamma;
  float gammaf = 0.25f, dgammaf;
  for (int a = 0; a < MXLR_ACT_TYPE_COUNT; a++) {
    mxlr_options o;
    memset(&o, 0, sizeof o);
    o.act_type = a;
    o.threads = 1;
    o.slope = 0.25;
    o.lower_bound = 0.125;
    o.upper_bound = 0.375;
    double res[4];
    for (int k = 0; k < 4; k++) {
      for (int r = 0; r < rep; r++) {
        double t0 = now();
        switch (k) {
        case 0: mxlr_forward_f64(x, y, n, &o, &gamma, 1, 1); break;
        case 1:
          mxlr_backward_f64(dy, x, y, n, &o, &gamma, 1, 1, &dgamma, NULL);
          break;
        case 2: mxlr_forward_f32(xf, yf, n, &o, &gammaf, 1, 1); break;
        case 3:
          mxlr_backward_f32(dyf, xf, yf, n, &o, &gammaf, 1, 1, &dgammaf,
                            NULL);
          break;
        }
        t[r] = now() - t0;
      }
      res[k] = median(t, rep);
    }
    printf("%-10s", mxlr_act_type_name(a));
    for (int k = 0; k < 4; k++) {
      double b = k < 2 ? base : basef;
      printf(" %5.2f %4.2f", 1e9 * res[k] / n, res[k] / b);
    }
    printf("\n");
  }
  return 0;
}
