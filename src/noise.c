/* Thermal noise (physics.md §2). */
#include "model.h"

#include <math.h>

double dbu_to_vrms(double dbu)
{
  return BALUN_DBU_REF * pow(10.0, dbu / 20.0);
}

double vrms_to_dbu(double v)
{
  return 20.0 * log10(v / BALUN_DBU_REF);
}

/* v_n = sqrt(4 k T R B) (§2). */
double johnson_noise_vrms(double ohm, double bandwidth_hz)
{
  return sqrt(4.0 * BALUN_K_BOLTZMANN * BALUN_T_KELVIN * ohm * bandwidth_hz);
}

/* Source legs and receiver are uncorrelated: they add in power (§2). The
 * cable's low-pass is not applied to the noise: its corner is far above
 * the audio band for any sensible cable. */
double path_thermal_noise_vrms(const balun_interface *ifc, const balun_setup *s)
{
  const double band = BALUN_BAND_HI_HZ - BALUN_BAND_LO_HZ;
  const double buffer = dbu_to_vrms(BALUN_SOURCE_NOISE_DBU);
  double power = 0.0;
  const double legs[2] = {ifc->zs_hot, ifc->zs_cold};
  for (int leg = 0; leg < ifc->noisy_legs; ++leg) {
    const double r = johnson_noise_vrms(legs[leg], band);
    power += buffer * buffer + r * r;
  }
  const double rx =
      dbu_to_vrms(ifc->balanced_receiver ? receiver_data(s->receiver).noise_dbu
                                         : BALUN_UNBALANCED_INPUT_NOISE_DBU);
  return sqrt(power + rx * rx);
}
