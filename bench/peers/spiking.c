/*
 * Plain C peer for `rnnkit bench --suite spiking`: the same mixed LIF/QIF network and the same
 * forward-Euler step as rnnkit's kernel (assembly/kernels/spiking.ts, Brian2's operation order),
 * event-driven propagation over a presynaptic CSR, f64 state and weights.
 * Build: gcc -O3 -o spiking bench/peers/spiking.c -lm      (optionally -march=native)
 * Run:   ./spiking N P JC SECONDS SEED   → one JSON line: CPU seconds per simulated second, rate.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static uint64_t s[4];
static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
static uint64_t next(void) {
  uint64_t r = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;
  s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3]; s[2] ^= t; s[3] = rotl(s[3], 45);
  return r;
}
static double uniform(void) { return (double)(next() >> 11) * 0x1.0p-53; }
static double normal(void) {
  double u, v, q;
  do { u = 2 * uniform() - 1; v = 2 * uniform() - 1; q = u * u + v * v; } while (q >= 1 || q == 0);
  return u * sqrt(-2 * log(q) / q);
}

int main(int argc, char **argv) {
  int n = argc > 1 ? atoi(argv[1]) : 1000;
  double p = argc > 2 ? atof(argv[2]) : 0.1, jc = argc > 3 ? atof(argv[3]) : 10, seconds = argc > 4 ? atof(argv[4]) : 1;
  s[0] = argc > 5 ? strtoull(argv[5], 0, 10) : 1; s[1] = 0x9e3779b97f4a7c15ull; s[2] = 7; s[3] = 11;
  const double dt = 0.1, tau_m = 10, tau_s = 5, VT = 20, DeltaV = 20, v_reset = 10;
  double *v = malloc(n * sizeof *v), *I = calloc(n, sizeof *I), *mu = malloc(n * sizeof *mu);
  double *a = malloc(n * sizeof *a), *b = malloc(n * sizeof *b), *theta = malloc(n * sizeof *theta);
  for (int i = 0; i < n; i++) {
    int qif = uniform() < 0.5;
    a[i] = qif; b[i] = !qif; mu[i] = qif ? 7.8 : 20.2; theta[i] = qif ? 100 : 20; v[i] = 20 * uniform();
  }
  /* Erdős–Rényi presynaptic rows by geometric skipping, w = ξ·J_c/√(pN), no autapses. */
  size_t cap = (size_t)(p * n * (double)n * 1.1) + 1024, nnz = 0;
  int *row = malloc((n + 1) * sizeof *row), *post = malloc(cap * sizeof *post);
  double *w = malloc(cap * sizeof *w), scale = jc / sqrt(p * n), logq = log(1 - p);
  for (int j = 0; j < n; j++) {
    row[j] = (int)nnz;
    for (long t = -1;;) {
      t += 1 + (long)floor(log(1 - uniform()) / logq);
      if (t >= n - 1) break;
      if (nnz == cap) { cap *= 2; post = realloc(post, cap * sizeof *post); w = realloc(w, cap * sizeof *w); }
      post[nnz] = (int)(t < j ? t : t + 1); w[nnz++] = normal() * scale;
    }
  }
  row[n] = (int)nnz;
  int *spikes = malloc(n * sizeof *spikes);
  const double c_s = dt / tau_s, c_m = dt / tau_m, inv_dv = 1.0 / DeltaV, neg_vt = -VT;
  long steps = lround(seconds * 1000 / dt), total = 0;
  clock_t start = clock();
  for (long step = 0; step < steps; step++) {
    int count = 0;
    for (int i = 0; i < n; i++) {
      double vi = v[i], ii = I[i];
      I[i] = (c_s * (-ii)) + ii;
      double vn = (c_m * (((ii + mu[i]) + (inv_dv * ((a[i] * vi) * (neg_vt + vi)))) - (b[i] * vi))) + vi;
      if (vn > theta[i]) { spikes[count++] = i; vn = v_reset; }
      v[i] = vn;
    }
    for (int k = 0; k < count; k++) {
      int j = spikes[k];
      for (int q = row[j]; q < row[j + 1]; q++) I[post[q]] += w[q];
    }
    total += count;
  }
  double cpu = (double)(clock() - start) / CLOCKS_PER_SEC;
  printf("{\"n\":%d,\"nnz\":%zu,\"seconds\":%g,\"cpuSecondsPerSimulatedSecond\":%.6f,\"rateHz\":%.3f}\n",
         n, nnz, seconds, cpu / seconds, total / (double)n / seconds);
  return 0;
}
