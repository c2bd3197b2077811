/* The numbers on the output ports, from the closed-form model. */
#include "model.h"

#include <math.h>

/* dBFS below which a path is reported as silent. */
#define FLOOR_DBFS -200.0

static double db(double ratio)
{
  const double floor = pow(10.0, FLOOR_DBFS / 20.0);
  return 20.0 * log10(ratio > floor ? ratio : floor);
}

double hum_line_vrms(const balun_interface *ifc, const balun_setup *s, int n)
{
  const balun_hum h = hum_phasor(ifc, s, n);
  return cabs(h.series * cable_response(ifc, s, n * s->mains_hz) + h.direct);
}

balun_figures path_figures(balun_path path, const balun_setup *s)
{
  const balun_interface ifc = interface_of(path, s);
  balun_figures f = {0};
  f.corner_hz = cable_corner_hz(&ifc, s);
  f.signal_vrms = ifc.full_scale_vrms * cabs(cable_response(&ifc, s, 1000.0));

  double hum = 0.0;
  const int harmonics = mains_harmonic_count(s->mains_hz);
  for (int n = 1; n <= harmonics; ++n) {
    const double fn = n * s->mains_hz;
    if (fn < BALUN_BAND_LO_HZ) continue;
    const double v = hum_line_vrms(&ifc, s, n);
    hum += v * v;
  }
  f.hum_vrms = sqrt(hum);
  f.rf_vrms =
      rf_demodulated_v(&ifc, s) * rf_audio_rms(s->rf_source, s->mains_hz);
  f.noise_vrms = path_thermal_noise_vrms(&ifc, s);

  const double interference = hypot(f.hum_vrms, f.rf_vrms);
  f.interference_dbfs = db(interference / f.signal_vrms);
  f.snr_db = -db(hypot(interference, f.noise_vrms) / f.signal_vrms);
  f.cmrr_db = ifc.balanced_receiver ? cmrr_db(&ifc, s, s->mains_hz) : 0.0;
  return f;
}
