/*
 * The C side of `node scripts/spmv-dump.mjs`: y = A·x over a CSR matrix with i32 column indices and
 * f64 or f32 values (x, y and the sums f64), two partial sums per row (even/odd entries, added at the
 * end), as assembly/kernels/spmv.ts accumulates. Reads the files the script dumps (rowPtr, colIdx,
 * values: raw little-endian i32/i32/f64, x: f64) and prints one JSON line: CPU milliseconds per
 * product (median of `reps`) for f64 and f32 values, and Σy of each.
 *
 *   gcc -O3 -march=native -ffp-contract=off -o /tmp/spmv_formats bench/peers/spmv_formats.c
 * (-ffp-contract=off: no fused multiply-adds, so the sums are the bits of the WASM kernels.)
 *   /tmp/spmv_formats DIR N REPS
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static void *slurp(const char *dir, const char *name, size_t *bytes) {
  char path[4096];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  FILE *f = fopen(path, "rb");
  if (!f) { perror(path); exit(1); }
  fseek(f, 0, SEEK_END);
  *bytes = (size_t)ftell(f);
  fseek(f, 0, SEEK_SET);
  void *data = malloc(*bytes);
  if (fread(data, 1, *bytes, f) != *bytes) { perror(path); exit(1); }
  fclose(f);
  return data;
}

#define SPMV(NAME, T)                                                                              \
  static void NAME(const int32_t *rowPtr, const int32_t *colIdx, const T *vals, int nRows,          \
                   const double *x, double *y) {                                                    \
    int32_t start = rowPtr[0];                                                                      \
    for (int r = 0; r < nRows; r++) {                                                               \
      const int32_t end = rowPtr[r + 1];                                                            \
      double s0 = 0.0, s1 = 0.0;                                                                    \
      int32_t k = start;                                                                            \
      for (; k + 2 <= end; k += 2) {                                                                \
        s0 += (double)vals[k] * x[colIdx[k]];                                                       \
        s1 += (double)vals[k + 1] * x[colIdx[k + 1]];                                               \
      }                                                                                             \
      if (k < end) s0 += (double)vals[k] * x[colIdx[k]];                                            \
      y[r] = s0 + s1;                                                                               \
      start = end;                                                                                  \
    }                                                                                               \
  }
SPMV(spmv_f64, double)
SPMV(spmv_f32, float)

static double cpu_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return t.tv_sec * 1e3 + t.tv_nsec * 1e-6;
}

static int by_value(const void *a, const void *b) {
  const double d = *(const double *)a - *(const double *)b;
  return (d > 0) - (d < 0);
}

int main(int argc, char **argv) {
  if (argc != 4) { fprintf(stderr, "usage: %s DIR N REPS\n", argv[0]); return 2; }
  const int n = atoi(argv[2]), reps = atoi(argv[3]);
  size_t bytes;
  const int32_t *rowPtr = slurp(argv[1], "rowPtr", &bytes);
  const int32_t *colIdx = slurp(argv[1], "colIdx", &bytes);
  const size_t nnz = bytes / 4;
  const double *vals = slurp(argv[1], "values", &bytes);
  const double *x = slurp(argv[1], "x", &bytes);
  float *vals32 = malloc(nnz * sizeof(float));
  for (size_t k = 0; k < nnz; k++) vals32[k] = (float)vals[k];
  double *y = malloc((size_t)n * sizeof(double));
  double *times = malloc((size_t)reps * sizeof(double));
  double ms[2], sum[2];
  for (int kind = 0; kind < 2; kind++) {
    for (int r = 0; r < reps; r++) {
      const double t0 = cpu_ms();
      if (kind == 0) spmv_f64(rowPtr, colIdx, vals, n, x, y);
      else spmv_f32(rowPtr, colIdx, vals32, n, x, y);
      times[r] = cpu_ms() - t0;
    }
    qsort(times, (size_t)reps, sizeof(double), by_value);
    ms[kind] = times[reps / 2];
    sum[kind] = 0;
    for (int i = 0; i < n; i++) sum[kind] += y[i];
  }
  printf("{\"f64Ms\":%.4f,\"f32Ms\":%.4f,\"f64Sum\":%.17g,\"f32Sum\":%.17g}\n", ms[0], ms[1], sum[0], sum[1]);
  return 0;
}
