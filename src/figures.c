/* The numbers on the output ports, from the closed-form model. */
#include "model.h"

#include <math.h>

/* dBFS below which a path is reported as silent. */
#define FLOOR_DBFS -200.0
/* Harmonics of the ground current weaker than this (relative to the
 * fundamental) are left out of the sum: no coupling rises faster than n²
 * (n <= 400), so together they stay 100 dB under the fundamental's line.
 * The buzz pulses' harmonics fall below it above ~6 kHz (mains.c). */
#define NEGLIGIBLE_HARMONIC 1e-12

static double db(double ratio)
{
  const double floor = pow(10.0, FLOOR_DBFS / 20.0);
  return 20.0 * log10(ratio > floor ? ratio : floor);
}

/* The series part through the cable plus the direct part, V rms phasor. */
static double complex hum_line(const balun_interface *ifc, const balun_setup *s,
                               const balun_cmrr_parts *cmrr, int n)
{
  const balun_hum h = hum_phasor_of(ifc, s, cmrr, n);
  return h.series * cable_response(ifc, s, n * s->mains_hz) + h.direct;
}

double hum_line_vrms(const balun_interface *ifc, const balun_setup *s, int n)
{
  const balun_cmrr_parts cmrr = cmrr_parts(ifc, s);
  return cabs(hum_line(ifc, s, &cmrr, n));
}

balun_figures path_figures(balun_path path, const balun_setup *s)
{
  const balun_interface ifc = interface_of(path, s);
  balun_figures f = {0};
  f.corner_hz = cable_corner_hz(&ifc, s);
  f.signal_vrms = ifc.full_scale_vrms * cabs(cable_response(&ifc, s, 1000.0));

  double hum = 0.0;
  const balun_cmrr_parts cmrr = cmrr_parts(&ifc, s);
  const int harmonics =
      mains_harmonic_last(s->buzz, s->mains_hz, NEGLIGIBLE_HARMONIC);
  for (int n = 1; n <= harmonics; ++n) {
    const double fn = n * s->mains_hz;
    if (fn < BALUN_BAND_LO_HZ) continue;
    const double complex v = hum_line(&ifc, s, &cmrr, n);
    hum += creal(v) * creal(v) + cimag(v) * cimag(v);
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

void figures_from_ports(const float v[PORT_COUNT], balun_figures f[2])
{
  const balun_setup s = setup_from_ports(v);
  f[0] = path_figures((balun_path)v[PORT_PATH_A], &s);
  f[1] = path_figures((balun_path)v[PORT_PATH_B], &s);
}
