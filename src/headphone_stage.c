#include "headphone_stage.h"

#include <math.h>

/* The amplifier's rails and noise in the line's units: volts per unit
 * here are drive · √2 · swing · volume (at volume 0 dB a full-scale peak
 * puts a leg at its swing). */
static void amplifier(headphone_params *p, const balun_headphone *h,
                      const balun_setup *s, double white)
{
  const double unit_v = h->drive * sqrt(2.0) * s->amp_vrms * h->leg_volume;
  p->rails = clip_stage_at(1.0 / h->leg_volume);
  p->noise =
      (float)(sqrt((double)h->noise_legs) * s->amp_noise_vrms * white / unit_v);
}

/* The stage that plays: HEADPHONE_NONE keeps the SE network. */
static balun_headphone stage_of(balun_headphone_kind kind, const balun_setup *s)
{
  return headphone_of(kind == HEADPHONE_NONE ? HEADPHONE_SE : kind, s);
}

headphone_params headphone_target(balun_headphone_kind kind,
                                  const balun_setup *s, bool level_match,
                                  double white, double rate)
{
  const balun_headphone h = stage_of(kind, s);
  const balun_headphone se = headphone_of(HEADPHONE_SE, s);
  const double self_1k = h.self_1k, se_1k = se.self_1k;
  headphone_params p = {.mix = kind == HEADPHONE_NONE ? 0.0f : 1.0f};
  amplifier(&p, &h, s, white);
  /* the drivers' voltage back to output samples, and the 1/2 of the
   * modes (l ± r)/2 */
  const double level = 0.5 * (level_match ? 1.0 / self_1k : h.drive / se_1k);
  double n[3], d[3];
  for (int mode = 0; mode < 2; ++mode) {
    headphone_mode_rational(&h, s, mode == 0, n, d);
    for (int k = 0; k < 3; ++k)
      n[k] *= level;
    *(mode == 0 ? &p.mid : &p.side) = biquad_from_analogue(n, d, rate);
  }
  return p;
}

headphone_params headphone_retarget(const headphone_params *last,
                                    balun_headphone_kind kind,
                                    const balun_setup *s, double white)
{
  headphone_params p = *last;
  const balun_headphone h = stage_of(kind, s);
  amplifier(&p, &h, s, white);
  return p;
}

bool headphone_network_depends_on(int port)
{
  switch (port) {
  case PORT_HEADPHONE_VOLUME:
  case PORT_HEADPHONE_SENSITIVITY:
  case PORT_AMP_MAX_VOLTAGE:
  case PORT_AMP_NOISE:
    return false;
  default:
    return true;
  }
}
