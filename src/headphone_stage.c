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
  /* driver volts per unit here: drive · √2 · swing (a full-scale peak at
   * volume 1 puts a leg at its swing) */
  const double unit_v = h->drive * sqrt(2.0) * s->amp_vrms;
  double n[3], d[3];
  headphone_params p = {
      .mix = kind == HEADPHONE_NONE ? 0.0f : 1.0f,
      .volume = (float)s->volume,
      .noise = (float)(sqrt((double)h->noise_legs) * s->amp_noise_vrms * white /
                       unit_v),
      .out_gain = (float)(level_match ? 1.0 / (s->volume * self_1k)
                                      : h->drive / (s->volume * se_1k)),
  };
  headphone_mode_rational(h, s, true, n, d);
  p.mid = biquad_from_analogue(n, d, rate);
  headphone_mode_rational(h, s, false, n, d);
  p.side = biquad_from_analogue(n, d, rate);
  return p;
}
