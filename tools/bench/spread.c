/*
 * spread.c: gelu and gelu_tanh through the C ABI, one thread, on n values
 * (default 1e6) of N(0, sd^2) for sd 0.5, 1, 3 and 10, forward and
 * backward, double and float; prints ms per call (the fastest of the
 * repeats, the least disturbed by other work on the machine) and, per act
 * type, direction and precision, PASS/FAIL for the target: the slowest sd
 * within 1.3x of the fastest. Exits with status 1 on a FAIL.
 *
 * Usage: spread [n] [repeats]     (make bench-spread builds and runs it)
 * MXLEAKYRELU_ISA selects the kernels as in the core.
 */
#include <math.h>
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

/* Standard normal values (Box-Muller on a 64-bit LCG). */
static void normals(double *z, int64_t n) {
  uint64_t s = 1;
  for (int64_t i = 0; i < n; i += 2) {
    s = s * 6364136223846793005ULL + 1442695040888963407ULL;
    double u = ((s >> 11) + 1) * 0x1p-53;
    s = s * 6364136223846793005ULL + 1442695040888963407ULL;
    double v = (s >> 11) * 0x1p-53;
    double r = sqrt(-2 * log(u));
    z[i] = r * cos(6.283185307179586 * v);
    if (i + 1 < n) z[i + 1] = r * sin(6.283185307179586 * v);
  }
}

int main(int argc, char **argv) {
  int64_t n = argc > 1 ? (int64_t)atof(argv[1]) : 1000000;
  int rep = argc > 2 ? atoi(argv[2]) : 15;
  const double sds[] = {0.5, 1, 3, 10};
  const double limit = 1.3;
  double *z = malloc(n * sizeof *z), *x = malloc(n * sizeof *x),
         *y = malloc(n * sizeof *y), *dy = malloc(n * sizeof *dy);
  float *xf = malloc(n * sizeof *xf), *yf = malloc(n * sizeof *yf),
        *dyf = malloc(n * sizeof *dyf);
  normals(z, n);
  for (int64_t i = 0; i < n; i++) dy[i] = dyf[i] = 1;
  const int32_t acts[] = {MXLR_GELU, MXLR_GELU_TANH};
  const char *kind[] = {"double forward", "double backward", "float forward",
                        "float backward"};
  int failed = 0;
  printf("isa %s, n = %lld, one thread, ms per call (fastest of %d)\n\n",
         mxlr_isa_name(), (long long)n, rep);
  printf("| act | precision, direction | sd 0.5 | sd 1 | sd 3 | sd 10 "
         "| slowest / fastest |\n|---|---|---|---|---|---|---|\n");
  char lines[8][160];
  int nl = 0;
  for (int a = 0; a < 2; a++) {
    mxlr_options o;
    memset(&o, 0, sizeof o);
    o.act_type = acts[a];
    o.threads = 1;
    for (int k = 0; k < 4; k++) {
      double ms[4];
      for (int j = 0; j < 4; j++) {
        for (int64_t i = 0; i < n; i++) {
          x[i] = z[i] * sds[j];
          xf[i] = (float)x[i];
        }
        double best = INFINITY;
        for (int r = 0; r < rep; r++) {
          double t0 = now();
          switch (k) {
          case 0: mxlr_forward_f64(x, y, n, &o, NULL, 0, 1); break;
          case 1:
            mxlr_backward_f64(dy, x, y, n, &o, NULL, 0, 1, NULL, NULL);
            break;
          case 2: mxlr_forward_f32(xf, yf, n, &o, NULL, 0, 1); break;
          case 3:
            mxlr_backward_f32(dyf, xf, yf, n, &o, NULL, 0, 1, NULL, NULL);
            break;
          }
          double t = now() - t0;
          if (t < best) best = t;
        }
        ms[j] = 1e3 * best;
      }
      double lo = ms[0], hi = ms[0];
      for (int j = 1; j < 4; j++) {
        if (ms[j] < lo) lo = ms[j];
        if (ms[j] > hi) hi = ms[j];
      }
      printf("| %s | %s | %.2f | %.2f | %.2f | %.2f | %.2f |\n",
             mxlr_act_type_name(acts[a]), kind[k], ms[0], ms[1], ms[2],
             ms[3], hi / lo);
      int ok = hi / lo <= limit;
      failed |= !ok;
      snprintf(lines[nl++], sizeof lines[0],
               "%s: %s %s, slowest sd / fastest %.2fx (limit %.2fx)",
               ok ? "PASS" : "FAIL", mxlr_act_type_name(acts[a]), kind[k],
               hi / lo, limit);
    }
  }
  printf("\n");
  for (int i = 0; i < nl; i++) printf("%s\n", lines[i]);
  return failed;
}
