#include "biquad.h"

/* s = K (1 − z⁻¹)/(1 + z⁻¹), K = 2·rate, multiplied through by
 * (1 + z⁻¹)^m, m the prototype's order: a lower-order prototype stays
 * lower-order (a constant through (1 + z⁻¹)² would put a double pole on
 * z = −1, cancelled by a double zero only on paper). */
biquad biquad_from_analogue(const double n[3], const double d[3], double rate)
{
  const double k = 2.0 * rate, k2 = k * k;
  const int order = (n[2] != 0.0 || d[2] != 0.0)   ? 2
                    : (n[1] != 0.0 || d[1] != 0.0) ? 1
                                                   : 0;
  double a[3] = {d[0], 0.0, 0.0}, b[3] = {n[0], 0.0, 0.0};
  if (order == 1) {
    a[0] = d[0] + d[1] * k, a[1] = d[0] - d[1] * k;
    b[0] = n[0] + n[1] * k, b[1] = n[0] - n[1] * k;
  } else if (order == 2) {
    a[0] = d[0] + d[1] * k + d[2] * k2;
    a[1] = 2.0 * (d[0] - d[2] * k2);
    a[2] = d[0] - d[1] * k + d[2] * k2;
    b[0] = n[0] + n[1] * k + n[2] * k2;
    b[1] = 2.0 * (n[0] - n[2] * k2);
    b[2] = n[0] - n[1] * k + n[2] * k2;
  }
  biquad q = {(float)(b[0] / a[0]), (float)(b[1] / a[0]), (float)(b[2] / a[0]),
              (float)(a[1] / a[0]), (float)(a[2] / a[0])};
  return q;
}
