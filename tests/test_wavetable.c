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
      c[k] = re + im * I; /* no CMPLX in clang 14 */
      total += cabs(c[k]);
    }
    wavetable_from_harmonics(t, c, n, s);
    /* float tables: a relative 2^-24 of the largest possible value */
    for (uint32_t i = 0; i < WAVETABLE_SIZE; i += 7)
      if (!(fabs(t->v[i + 1] - fourier_sum(c, n, i)) <= 1e-7 * total))
        fail_msg("%d harmonics, point %u: %.9g, sum %.9g", n, i, t->v[i + 1],
                 fourier_sum(c, n, i));
    /* the period's neighbours, for the interpolations */
    assert_true(t->v[0] == t->v[WAVETABLE_SIZE]);
    assert_true(t->v[WAVETABLE_SIZE + 1] == t->v[1]);
    assert_true(t->v[WAVETABLE_SIZE + 2] == t->v[2]);
  }
  free(s), free(t), free(c);
}

/* The largest line a table of harmonic k alone puts anywhere but on k,
 * read with `read` over a period of 960 samples (50 Hz at 48 kHz: a whole
 * number of samples, so every image lands on a harmonic, as the hum's
 * does), in dB re line k. */
static double worst_image_db(const wavetable *t, int k,
                             float (*read)(const wavetable *, uint32_t))
{
  enum { PERIOD = 960 };
  static float y[PERIOD];
  const uint32_t inc = wavetable_increment(1.0, PERIOD);
  for (uint32_t i = 0; i < PERIOD; ++i)
    y[i] = read(t, i * inc);
  double line = 0.0, worst = 0.0;
  for (int m = 1; m < PERIOD / 2; ++m) {
    double complex sum = 0.0;
    for (int i = 0; i < PERIOD; ++i)
      sum += y[i] * cexp(-I * 2.0 * BALUN_PI * m * i / PERIOD);
    if (m == k)
      line = cabs(sum);
    else
      worst = fmax(worst, cabs(sum));
  }
  return 20.0 * log10(worst / line);
}

static float read_linear(const wavetable *t, uint32_t phase)
{
  return wavetable_read(t, phase);
}

static float read_cubic(const wavetable *t, uint32_t phase)
{
  return wavetable_read_cubic(t, phase);
}

/* Harmonic 85 of a 960-sample period (4.25 kHz at 48 kHz, where the hum's
 * loud harmonics are): linear interpolation's images lie of the order of
 * (πk/SIZE)²/8 under it, -67 dB; the cubic's of the order of its square,
 * under -100 dB (-106 dB measured). */
static void cubic_reading_keeps_images_down(void **state)
{
  (void)state;
  wavetable_scratch *s = malloc(sizeof(*s));
  wavetable *t = malloc(sizeof(*t));
  double complex *c = calloc(WAVETABLE_SIZE / 2, sizeof(double complex));
  assert_non_null(s), assert_non_null(t), assert_non_null(c);
  wavetable_scratch_init(s);
  const int k = 85;
  c[k - 1] = 1.0;
  wavetable_from_harmonics(t, c, k, s);
  const double linear = worst_image_db(t, k, read_linear);
  const double cubic = worst_image_db(t, k, read_cubic);
  print_message("harmonic %d: images at %.1f dB (linear), %.1f dB (cubic)\n", k,
                linear, cubic);
  assert_true(linear > -80.0 && linear < -60.0);
  assert_true(cubic < -100.0);
  free(s), free(t), free(c);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(tables_are_the_fourier_sum),
      cmocka_unit_test(cubic_reading_keeps_images_down),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
