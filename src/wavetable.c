#include "wavetable.h"

#include <math.h>

#include "model.h"

/* Below this many harmonics a direct sum (n·SIZE products) is cheaper
 * than the FFT (about SIZE·log2(SIZE) butterflies). */
#define DIRECT_MAX_HARMONICS WAVETABLE_BITS

void wavetable_scratch_init(wavetable_scratch *s)
{
  for (uint32_t i = 0; i < WAVETABLE_SIZE; ++i)
    s->circle[i] = cexp(I * 2.0 * BALUN_PI * i / WAVETABLE_SIZE);
}

/* x[i] <- Σ_k x[k] e^{j2πki/SIZE}, in place: radix-2 decimation in time
 * (Cooley-Tukey), the twiddles read from the circle. Products written out
 * so that no Annex G complex multiplication is called. */
static void inverse_dft(double complex *x, const double complex *circle)
{
  for (uint32_t i = 1, j = 0; i < WAVETABLE_SIZE; ++i) {
    uint32_t bit = WAVETABLE_SIZE >> 1;
    for (; j & bit; bit >>= 1)
      j ^= bit;
    j ^= bit;
    if (i < j) {
      const double complex t = x[i];
      x[i] = x[j];
      x[j] = t;
    }
  }
  for (uint32_t half = 1; half < WAVETABLE_SIZE; half <<= 1) {
    const uint32_t stride = WAVETABLE_SIZE / (2 * half);
    for (uint32_t s = 0; s < WAVETABLE_SIZE; s += 2 * half)
      for (uint32_t k = 0; k < half; ++k) {
        const double complex w = circle[k * stride], b = x[s + k + half];
        const double re = creal(b) * creal(w) - cimag(b) * cimag(w);
        const double im = creal(b) * cimag(w) + cimag(b) * creal(w);
        const double complex a = x[s + k];
        /* componentwise, exactly (CMPLX is missing from clang 14) */
        x[s + k] = a + (re + im * I);
        x[s + k + half] = a - (re + im * I);
      }
  }
}

void wavetable_from_harmonics(wavetable *t, const double complex *c, int n,
                              wavetable_scratch *s)
{
  double complex *x = s->work;
  if (n <= DIRECT_MAX_HARMONICS) { /* e^{jkθ_i} = circle[(k·i) mod SIZE] */
    for (uint32_t i = 0; i < WAVETABLE_SIZE; ++i) {
      double sum = 0.0;
      for (int k = 1; k <= n; ++k)
        if (c[k - 1] != 0.0)
          sum +=
              creal(c[k - 1] * s->circle[((uint64_t)k * i) % WAVETABLE_SIZE]);
      x[i] = sum;
    }
  } else {
    for (uint32_t k = 0; k < WAVETABLE_SIZE; ++k)
      x[k] = k >= 1 && k <= (uint32_t)n ? c[k - 1] : 0.0;
    inverse_dft(x, s->circle);
  }
  for (uint32_t i = 0; i < WAVETABLE_SIZE; ++i) {
    const double v = creal(x[i]);
    /* no denormals in a table: they would slow every sample read */
    t->v[i + 1] = fabs(v) < 1e-30 ? 0.0f : (float)v;
  }
  t->v[0] = t->v[WAVETABLE_SIZE];
  t->v[WAVETABLE_SIZE + 1] = t->v[1];
  t->v[WAVETABLE_SIZE + 2] = t->v[2];
}

uint64_t wavetable_increment64(double hz, double rate)
{
  double turns = hz / rate;
  turns -= floor(turns);
  const double inc = turns * 18446744073709551616.0; /* 2^64 */
  return inc < 18446744073709551616.0 ? (uint64_t)inc : 0;
}

uint32_t wavetable_increment(double hz, double rate)
{
  double turns = hz / rate;
  turns -= floor(turns);
  return (uint32_t)llround(turns * 4294967296.0);
}
