/* What real hum is made of (physics.md §9). */
#include "model.h"

#include <math.h>

/* Rectifier charging pulses in the ground current, modelled as Gaussian
 * pulses of σ = 0.2 ms, one per half cycle: odd harmonics with a flat
 * spectrum to about 1 kHz, falling to -40 dB near 3 kHz at 50 Hz (§9:
 * "a buzz rich in odd harmonics up to several kHz"). Such a pulse train
 * dwarfs the supply-voltage harmonics that EN 50160 allows (H3 5 %...). */
#define PULSE_SIGMA_S  2e-4
#define PULSE_HEIGHT   0.8 /* odd harmonic relative to the fundamental */
#define EVEN_HARMONICS 0.1 /* half-wave asymmetry of real rectifiers */

int mains_harmonic_count(double f0)
{
  return (int)floor(BALUN_BAND_HI_HZ / f0 + 1e-9);
}

double mains_harmonic(double buzz, double f0, int n)
{
  if (n == 1) return 1.0;
  if (n < 1 || n > mains_harmonic_count(f0)) return 0.0;
  const double x = 2.0 * BALUN_PI * n * f0 * PULSE_SIGMA_S;
  const double odd = PULSE_HEIGHT * exp(-0.5 * x * x);
  return buzz * (n % 2 ? odd : EVEN_HARMONICS * odd);
}

/* The Gaussian envelope falls with n, so once two neighbours (one odd,
 * one even) are below `floor`, every later harmonic is too. */
int mains_harmonic_last(double buzz, double f0, double floor)
{
  const int count = mains_harmonic_count(f0);
  for (int n = 2; n < count; ++n)
    if (mains_harmonic(buzz, f0, n) < floor &&
        mains_harmonic(buzz, f0, n + 1) < floor)
      return n - 1;
  return count;
}
