/* The cable as a lumped RC (physics.md §3: exact enough at audio). */
#include "model.h"

#include <math.h>

/* One 24 AWG (0.205 mm²) copper signal conductor: R = ρ·L/A (§3). */
#define CONDUCTOR_AREA_M2 0.205e-6

double conductor_ohm(const balun_setup *s)
{
  return BALUN_RHO_COPPER * s->length_m / CONDUCTOR_AREA_M2;
}

double shield_ohm(const balun_setup *s)
{
  return s->shield_ohm_per_m * s->length_m;
}

double cable_capacitance_farad(const balun_setup *s)
{
  return s->capacitance_per_m * s->length_m;
}

/* Series resistance of the signal loop: an unbalanced interface returns
 * through the shield; a balanced one drives both conductors (§3). */
static double loop_ohm(const balun_interface *ifc, const balun_setup *s)
{
  if (ifc->balanced_receiver) return ifc->drive_ohm + 2.0 * conductor_ohm(s);
  return ifc->drive_ohm + conductor_ohm(s) + shield_ohm(s);
}

/* H = Z / (R_s + R_c + Z), Z = R_in ∥ 1/(jωC) (§3). */
double complex cable_response(const balun_interface *ifc, const balun_setup *s,
                              double f)
{
  const double complex y =
      1.0 / ifc->load_ohm + I * 2.0 * BALUN_PI * f * cable_capacitance_farad(s);
  const double complex z = 1.0 / y;
  return z / (loop_ohm(ifc, s) + z);
}

/* R_in / (R_s + R_c + R_in) (§3). */
double cable_passband_gain(const balun_interface *ifc, const balun_setup *s)
{
  return ifc->load_ohm / (loop_ohm(ifc, s) + ifc->load_ohm);
}

/* f_c = 1 / (2π (R_s ∥ R_in) C) (§3); exact for this first-order network. */
double cable_corner_hz(const balun_interface *ifc, const balun_setup *s)
{
  const double r = loop_ohm(ifc, s);
  const double parallel = r * ifc->load_ohm / (r + ifc->load_ohm);
  return 1.0 / (2.0 * BALUN_PI * parallel * cable_capacitance_farad(s));
}
