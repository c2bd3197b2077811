/* The numbers on the output ports: from the solved circuit's hum (what
 * the ports show), or from the closed form (what the tests check in its
 * limits). */
#include "model.h"
#include "path_hum.h"

#include <math.h>

/* dBFS below which a path is reported as silent. */
#define FLOOR_DBFS -200.0

static double db(double ratio)
{
  const double floor = pow(10.0, FLOOR_DBFS / 20.0);
  return 20.0 * log10(ratio > floor ? ratio : floor);
}

/* The series part through the cable plus the direct part, V rms phasor. */
double complex hum_line_phasor(const balun_interface *ifc, const balun_setup *s,
                               const balun_cmrr_parts *cmrr, int n)
{
  const balun_hum h = hum_phasor_of(ifc, s, cmrr, n);
  return h.series * cable_response(ifc, s, n * s->mains_hz) + h.direct;
}

double hum_line_vrms(const balun_interface *ifc, const balun_setup *s, int n)
{
  const balun_cmrr_parts cmrr = cmrr_parts(ifc, s);
  return cabs(hum_line_phasor(ifc, s, &cmrr, n));
}

/* A 0 dBFS programme's peak against each stage's rail (§11): the receiver
 * gets the full-scale sine at the cable's passband gain; the amplifier
 * gets it at the volume (0 dB drives a leg exactly to its swing). */
static double chain_headroom_db(const balun_interface *ifc,
                                const balun_headphone *h, const balun_setup *s,
                                const path_hum *lines)
{
  const double passband = lines->passband;
  double margin =
      20.0 * log10(s->clip_vrms / (ifc->full_scale_vrms * passband));
  if (h->kind != HEADPHONE_NONE) {
    const double amp = -20.0 * log10(h->leg_volume * passband / lines->at_1k);
    margin = amp < margin ? amp : margin;
  }
  return margin;
}

balun_figures path_figures_with(balun_path path, balun_headphone_kind headphone,
                                const balun_setup *s, const path_hum *lines)
{
  const balun_interface ifc = interface_of(path, s);
  const balun_headphone hp = headphone_of(headphone, s);
  const bool stage = hp.kind != HEADPHONE_NONE;
  balun_figures f = {0};
  f.corner_hz = lines->corner_hz;
  f.signal_vrms = ifc.full_scale_vrms * lines->at_1k;

  /* Through a headphone stage every line is weighted by the output
   * network against the programme's 1 kHz, hum and RF in both channels
   * alike (the environment is shared), noise in each on its own. */
  double hum = 0.0;
  for (int n = 1; n <= lines->harmonics; ++n) {
    const double fn = n * s->mains_hz;
    if (fn < BALUN_BAND_LO_HZ) continue;
    double complex v = lines->line[n - 1];
    v *= headphone_common_gain(&hp, s, fn);
    hum += creal(v) * creal(v) + cimag(v) * cimag(v);
  }
  f.hum_vrms = sqrt(hum);
  f.rf_vrms =
      rf_demodulated_v(&ifc, s) * rf_audio_rms(s->rf_source, s->mains_hz);
  f.noise_vrms = path_thermal_noise_vrms(&ifc, s);
  f.headroom_db = chain_headroom_db(&ifc, &hp, s, lines);
  f.crosstalk_db = headphone_crosstalk_db(&hp, s);
  f.spl_db = headphone_spl_db(&hp, s);
  if (stage) {
    /* RF as white-ish; the amplifier's own noise at the driver, against
     * the driver's full-scale voltage (§12: legs · e_n² in power). */
    const double network = sqrt(headphone_noise_gain(&hp, s));
    const double gain = network / hp.self_1k;
    f.rf_vrms *= gain;
    const double full_drive =
        hp.drive * s->amp_vrms * hp.leg_volume * hp.self_1k;
    const double amp =
        sqrt((double)hp.noise_legs) * s->amp_noise_vrms * network / full_drive;
    f.noise_vrms =
        f.signal_vrms * hypot(f.noise_vrms * gain / f.signal_vrms, amp);
  }

  const double interference = hypot(f.hum_vrms, f.rf_vrms);
  f.interference_dbfs = db(interference / f.signal_vrms);
  f.snr_db = -db(hypot(interference, f.noise_vrms) / f.signal_vrms);
  f.cmrr_db = lines->cmrr_db;
  return f;
}

balun_figures path_figures(balun_path path, balun_headphone_kind headphone,
                           const balun_setup *s)
{
  path_hum lines;
  path_hum_closed(path, s, &lines);
  return path_figures_with(path, headphone, s, &lines);
}

double figures_readout(const balun_figures f[2], balun_port port)
{
  switch (port) {
  case PORT_SNR_A:
  case PORT_SNR_B:
    return f[port - PORT_SNR_A].snr_db;
  case PORT_INTERFERENCE_A:
  case PORT_INTERFERENCE_B:
    return f[port - PORT_INTERFERENCE_A].interference_dbfs;
  case PORT_CMRR_A:
  case PORT_CMRR_B:
    return f[port - PORT_CMRR_A].cmrr_db;
  case PORT_CORNER_A:
  case PORT_CORNER_B:
    return f[port - PORT_CORNER_A].corner_hz;
  case PORT_HEADROOM_A:
  case PORT_HEADROOM_B:
    return f[port - PORT_HEADROOM_A].headroom_db;
  case PORT_SPL_A:
  case PORT_SPL_B:
    return f[port - PORT_SPL_A].spl_db;
  case PORT_CROSSTALK_A:
  case PORT_CROSSTALK_B:
    return f[port - PORT_CROSSTALK_A].crosstalk_db;
  default:
    return 0.0;
  }
}

void figures_from_hum(const float v[PORT_COUNT], const path_hum hum[2],
                      balun_figures f[2])
{
  const balun_setup s = setup_from_ports(v);
  for (int p = 0; p < 2; ++p)
    f[p] = path_figures_with((balun_path)v[PORT_PATH_A + p],
                             (balun_headphone_kind)v[PORT_HEADPHONE_A + p], &s,
                             &hum[p]);
}

void figures_from_ports(const float v[PORT_COUNT], balun_figures f[2],
                        circuit_solver *w)
{
  const balun_setup s = setup_from_ports(v);
  path_hum *hum = circuit_solver_lines(w);
  for (int p = 0; p < 2; ++p)
    path_hum_solved((balun_path)v[PORT_PATH_A + p], &s, p, w, &hum[p]);
  figures_from_hum(v, hum, f);
}
