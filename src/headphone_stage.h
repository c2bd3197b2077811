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

/* All floats: the engine glides them with its other parameters. */
typedef struct {
  float mix;      /* 0 the line output, 1 the headphone output */
  float volume;   /* into the amplifier; 1 full scale reaches its swing */
  float noise;    /* σ of its white noise per sample, in the same units */
  float out_gain; /* the drivers' voltage back to output samples */
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

/* The amplifier's rails: a leg clips at its swing, 1 in these units. */
static inline clip_stage headphone_amp_rails(void)
{
  return clip_stage_at(1.0);
}

/* One stereo sample of the line output `x` (in place) through the stage;
 * `n` is the amplifier noise of each channel, unit variance. */
static inline void headphone_process(const headphone_params *p,
                                     headphone_state *st, float x[2],
                                     const float n[2])
{
  const clip_stage rails = headphone_amp_rails();
  const float l = clip_apply(rails, p->volume * x[0]) + p->noise * n[0];
  const float r = clip_apply(rails, p->volume * x[1]) + p->noise * n[1];
  const float mid = biquad_step(&p->mid, &st->mid, 0.5f * (l + r));
  const float side = biquad_step(&p->side, &st->side, 0.5f * (l - r));
  x[0] += p->mix * (p->out_gain * (mid + side) - x[0]);
  x[1] += p->mix * (p->out_gain * (mid - side) - x[1]);
}

#endif
