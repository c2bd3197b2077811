/* The wavetable synthesis (src/wavetable.c): the FFT that builds the
 * tables of many harmonics gives the Fourier sum itself, computed here
 * point by point with cos and sin. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>

#include <cmocka.h>

#include "model.h"
#include "wavetable.h"

/* v(θ_i) = Σ_k Re{c_k e^{jkθ_i}} = Σ_k (Re c_k cos kθ_i - Im c_k sin kθ_i) */
static double fourier_sum(const double complex *c, int n, uint32_t i)
{
  double v = 0.0;
  for (int k = 1; k <= n; ++k) {
    const double theta = 2.0 * BALUN_PI * (double)k * i / WAVETABLE_SIZE;
    v += creal(c[k - 1]) * cos(theta) - cimag(c[k - 1]) * sin(theta);
  }
  return v;
}

static void tables_are_the_fourier_sum(void **state)
{
  (void)state;
  wavetable_scratch *s = malloc(sizeof(*s));
  wavetable *t = malloc(sizeof(*t));
  double complex *c = malloc(sizeof(double complex) * WAVETABLE_SIZE);
  assert_true(s && t && c);
  wavetable_scratch_init(s);
  /* a few harmonics (summed directly) and many (by the FFT), up to the
   * most a table can hold below its own Nyquist */
  static const int counts[] = {1, 5, 13, 400, WAVETABLE_SIZE / 2 - 1};
  uint32_t seed = 12345;
  for (int m = 0; m < 5; ++m) {
    const int n = counts[m];
    double total = 0.0;
    for (int k = 0; k < n; ++k) {
      seed = seed * 1664525u + 1013904223u; /* Numerical Recipes' LCG */
      const double re = (double)(seed >> 8) / (1 << 24) - 0.5;
      seed = seed * 1664525u + 1013904223u;
      const double im = (double)(seed >> 8) / (1 << 24) - 0.5;
      c[k] = CMPLX(re, im);
      total += cabs(c[k]);
    }
    wavetable_from_harmonics(t, c, n, s);
    /* float tables: a relative 2^-24 of the largest possible value */
    for (uint32_t i = 0; i < WAVETABLE_SIZE; i += 7)
      if (!(fabs(t->v[i] - fourier_sum(c, n, i)) <= 1e-7 * total))
        fail_msg("%d harmonics, point %u: %.9g, sum %.9g", n, i, t->v[i],
                 fourier_sum(c, n, i));
    assert_true(t->v[WAVETABLE_SIZE] == t->v[0]);
  }
  free(s), free(t), free(c);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(tables_are_the_fourier_sum),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
