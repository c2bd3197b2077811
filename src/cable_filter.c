#include "cable_filter.h"

#include <math.h>

#include "model.h"

/* The analogue |H|² = 1 / (1 + (f/f_c)²). */
static double target(double f, double corner_hz)
{
  const double x = f / corner_hz;
  return 1.0 / (1.0 + x * x);
}

cable_filter cable_filter_lowpass(double corner_hz, double rate)
{
  const double pole = exp(-2.0 * BALUN_PI * corner_hz / rate);
  /* Denominator 1 - p z^-1 at DC (φ0) and Nyquist (φ1), in Vicanek's
   * φ-basis: φ0 = cos²(ω/2), φ1 = sin²(ω/2), φ2 = 4·φ0·φ1. */
  const double a0 = (1.0 - pole) * (1.0 - pole);
  const double a1 = (1.0 + pole) * (1.0 + pole);
  const double b0 = a0;
  const double b1 = a1 * target(0.5 * rate, corner_hz);
  const double f_match = 0.3 * rate;
  const double s = sin(BALUN_PI * f_match / rate);
  const double phi1 = s * s, phi0 = 1.0 - phi1, phi2 = 4.0 * phi0 * phi1;
  const double b2 = (target(f_match, corner_hz) * (a0 * phi0 + a1 * phi1) -
                     b0 * phi0 - b1 * phi1) /
                    phi2;
  /* Back from |N|² = B0·φ0 + B1·φ1 + B2·φ2 to the zeros' coefficients. */
  const double w = 0.5 * (sqrt(b0) + sqrt(b1));
  const double c0 = 0.5 * (w + sqrt(fmax(w * w + b2, 0.0)));
  cable_filter f = {(float)c0, (float)(0.5 * (sqrt(b0) - sqrt(b1))),
                    (float)(-b2 / (4.0 * c0)), (float)pole};
  return f;
}
