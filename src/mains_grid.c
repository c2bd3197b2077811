#include "mains_grid.h"

#include <math.h>

#include "model.h"

void mains_grid_fill(mains_tables grid[MAINS_GRID_N], double rate,
                     double complex *c, wavetable_scratch *s)
{
  const double nyquist = 0.5 * rate;
  for (int g = 0; g < MAINS_GRID_N; ++g) {
    const double f0 = MAINS_GRID_LO_HZ + g;
    const double reach = f0 + 1.0; /* the highest f0 this set plays at */
    const double fd = rf_repetition_hz(RF_DIMMER, f0);
    const double fd_reach = rf_repetition_hz(RF_DIMMER, reach);
    int k_max = 0;
    for (int k = 1; k * fd_reach < nyquist && k * fd <= BALUN_BAND_HI_HZ; ++k)
      c[k_max++] = sqrt(2.0) * rf_harmonic(RF_DIMMER, f0, k);
    wavetable_from_harmonics(&grid[g].dimmer, c, k_max, s);
  }
}

mains_blend mains_grid_blend(float f0)
{
  const float x = f0 - (float)MAINS_GRID_LO_HZ;
  if (!(x > 0.0f)) return (mains_blend){0, 0.0f};
  if (x >= (float)(MAINS_GRID_N - 1))
    return (mains_blend){MAINS_GRID_N - 2, 1.0f};
  const int lo = (int)x;
  return (mains_blend){lo, x - (float)lo};
}
