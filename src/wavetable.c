#include "wavetable.h"

#include <math.h>

#include "model.h"

void wavetable_circle(double complex circle[WAVETABLE_SIZE])
{
  for (uint32_t i = 0; i < WAVETABLE_SIZE; ++i)
    circle[i] = cexp(I * 2.0 * BALUN_PI * i / WAVETABLE_SIZE);
}

/* e^{jkθ_i} = circle[(k·i) mod SIZE]. */
void wavetable_from_harmonics(wavetable *t, const double complex *c, int n,
                              const double complex *circle)
{
  for (uint32_t i = 0; i < WAVETABLE_SIZE; ++i) {
    double sum = 0.0;
    for (int k = 1; k <= n; ++k)
      if (c[k - 1] != 0.0)
        sum += creal(c[k - 1] * circle[((uint64_t)k * i) % WAVETABLE_SIZE]);
    /* no denormals in a table: they would slow every sample read */
    t->v[i] = fabs(sum) < 1e-30 ? 0.0f : (float)sum;
  }
  t->v[WAVETABLE_SIZE] = t->v[0];
}

uint32_t wavetable_increment(double hz, double rate)
{
  double turns = hz / rate;
  turns -= floor(turns);
  return (uint32_t)llround(turns * 4294967296.0);
}
