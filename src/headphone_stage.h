/* The headphone output stage in the DSP (physics.md §12): the receiver's
 * output, at the volume, into an amplifier that clips at its swing, plus
 * the amplifier's own noise, then the output network into the drivers as
 * two modes: both channels alike (mid, through Z_out + 2 R_ret) and in
 * antiphase (side, through Z_out), which is how the shared return couples
 * left and right. A 2 × 2 stereo process, per path. */
#ifndef BALUN_HEADPHONE_STAGE_H
#define BALUN_HEADPHONE_STAGE_H

#include <stdbool.h>

#include "biquad.h"
#include "clip.h"
#include "model.h"

/* All floats: the engine glides them with its other parameters. The
 * signal stays in the line's units throughout (1 = a full-scale peak), so
 * the volume appears only where it matters, in the amplifier's rails and
 * noise relative to the signal: a volume glide then never swings the
 * output level (a gain and its inverse gliding apart would). */
typedef struct {
  float mix;        /* 0 the line output, 1 the headphone output */
  clip_stage rails; /* the amplifier's swing: at 1/volume */
  float noise;      /* σ of its white noise per sample, in these units */
  /* the network into the drivers, with the output's level in its
   * numerators, so that its gain and its level glide as one */
  biquad mid, side;
} headphone_params;

typedef struct {
  biquad_state mid, side;
} headphone_state;

/* The stage of `kind` for the setup, `level_match` as ports.md says: on,
 * unity at 1 kHz; off, 0 dBFS is the single-ended driver voltage at the
 * same volume. `white` turns an rms over 20 Hz-20 kHz into σ per sample.
 * HEADPHONE_NONE gives mix 0 and the single-ended network, so that
 * switching a stage in glides only its mix. */
headphone_params headphone_target(balun_headphone_kind kind,
                                  const balun_setup *s, bool level_match,
                                  double white, double rate);

/* The same when only the amplifier's volume, swing, noise or the
 * sensitivity changed: the network of `last` stands, only the rails and
 * the noise are worked out (a volume lane moves these every block). */
headphone_params headphone_retarget(const headphone_params *last,
                                    balun_headphone_kind kind,
                                    const balun_setup *s, double white);

/* Whether a change of `port` changes the network into the drivers. */
bool headphone_network_depends_on(int port);

/* One stereo sample of the line output `x` (in place) through the stage;
 * `n` is the amplifier noise of each channel, unit variance. */
static inline void headphone_process(const headphone_params *p,
                                     headphone_state *st, float x[2],
                                     const float n[2])
{
  const float l = clip_apply(p->rails, x[0]) + p->noise * n[0];
  const float r = clip_apply(p->rails, x[1]) + p->noise * n[1];
  /* the networks' numerators hold the 1/2 of (l ± r)/2 */
  const float mid = biquad_step(&p->mid, &st->mid, l + r);
  const float side = biquad_step(&p->side, &st->side, l - r);
  if (p->mix == 1.0f) { /* switched in and settled */
    x[0] = mid + side;
    x[1] = mid - side;
    return;
  }
  x[0] += p->mix * (mid + side - x[0]);
  x[1] += p->mix * (mid - side - x[1]);
}

#endif
