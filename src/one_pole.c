#include "one_pole.h"

#include <math.h>

#include "model.h"

one_pole one_pole_lowpass(double corner_hz, double rate)
{
  const double pole = exp(-2.0 * BALUN_PI * corner_hz / rate);
  const double nyquist_ratio = 0.5 * rate / corner_hz;
  const double gain_nyquist = 1.0 / sqrt(1.0 + nyquist_ratio * nyquist_ratio);
  /* H(1) = 1: b0 + b1 = 1 - p;  |H(-1)| = G_N: b0 - b1 = (1 + p)·G_N. */
  const double sum = 1.0 - pole, diff = (1.0 + pole) * gain_nyquist;
  one_pole f = {(float)(0.5 * (sum + diff)), (float)(0.5 * (sum - diff)),
                (float)pole};
  return f;
}
