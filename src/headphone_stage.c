#include "headphone_stage.h"

#include <math.h>

headphone_params headphone_target(balun_headphone_kind kind,
                                  const balun_setup *s, bool level_match,
                                  double white, double rate)
{
  const balun_headphone on = headphone_of(kind, s);
  const balun_headphone se = headphone_of(HEADPHONE_SE, s);
  const balun_headphone *h = kind == HEADPHONE_NONE ? &se : &on;
  const double self_1k = cabs(headphone_self(h, s, 1000.0));
  const double se_1k = cabs(headphone_self(&se, s, 1000.0));
  /* amplifier volts per unit here: drive · √2 · swing · volume (at volume
   * 0 dB a full-scale peak puts a leg at its swing) */
  const double unit_v = h->drive * sqrt(2.0) * s->amp_vrms * s->volume;
  double n[3], d[3];
  headphone_params p = {
      .mix = kind == HEADPHONE_NONE ? 0.0f : 1.0f,
      .rails = clip_stage_at(1.0 / s->volume),
      .noise = (float)(sqrt((double)h->noise_legs) * s->amp_noise_vrms * white /
                       unit_v),
  };
  /* the drivers' voltage back to output samples */
  const double level = level_match ? 1.0 / self_1k : h->drive / se_1k;
  for (int mode = 0; mode < 2; ++mode) {
    headphone_mode_rational(h, s, mode == 0, n, d);
    for (int k = 0; k < 3; ++k)
      n[k] *= level;
    *(mode == 0 ? &p.mid : &p.side) = biquad_from_analogue(n, d, rate);
  }
  return p;
}
