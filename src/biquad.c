#include "biquad.h"

/* s = K (1 − z⁻¹)/(1 + z⁻¹), K = 2·rate: multiply through by (1 + z⁻¹)². */
biquad biquad_from_analogue(const double n[3], const double d[3], double rate)
{
  const double k = 2.0 * rate, k2 = k * k;
  const double a0 = d[0] + d[1] * k + d[2] * k2;
  const double a1 = 2.0 * (d[0] - d[2] * k2);
  const double a2 = d[0] - d[1] * k + d[2] * k2;
  const double b0 = n[0] + n[1] * k + n[2] * k2;
  const double b1 = 2.0 * (n[0] - n[2] * k2);
  const double b2 = n[0] - n[1] * k + n[2] * k2;
  biquad q = {(float)(b0 / a0), (float)(b1 / a0), (float)(b2 / a0),
              (float)(a1 / a0), (float)(a2 / a0)};
  return q;
}
