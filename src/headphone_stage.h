/* The headphone output stage in the DSP (physics.md §12): the receiver's
 * output, at the volume, into an amplifier that clips at its swing, plus
 * the amplifier's own noise, then the output network into the drivers as
 * two modes: both channels alike (mid, through Z_out + 2 R_ret) and in
 * antiphase (side, through Z_out), which is how the shared return couples
 * left and right. A 2 × 2 stereo process, per path. */
#ifndef BALUN_HEADPHONE_STAGE_H
#define BALUN_HEADPHONE_STAGE_H

#include <stdbool.h>
#include <string.h>

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

/* Where the networks' numerators (which hold the output's level) come
 * from: they move sample by sample, on the straight line from `from` to
 * the stage's own over a step of `step` samples, `pos` of them gone
 * (engine.c: the glide's steps). */
typedef struct {
  const biquad *from[4]; /* A mid, A side, B mid, B side */
  uint32_t pos, step;
} headphone_ramp;

/* Both paths' stages over `len` samples of the line
 * output `x` (lanes A left, A right, B left, B right) into `y`, in the
 * same lanes; `noise` holds the amplifier noise of each channel, unit
 * variance. The networks' state `st` has lanes A mid, A side, B mid,
 * B side. The caller mixes `y` in by each stage's mix. */
static inline void headphone_run(const headphone_params p[2],
                                 const headphone_ramp *ramp, biquad_state4 *st,
                                 const lanes4 *x, const lanes4 *noise,
                                 lanes4 *y, uint32_t len)
{
  memcpy(y, x, len * sizeof *x);
  clip_lanes(p[0].rails, p[1].rails, y, len);
  const lanes4 sigma = lanes_per_path(p[0].noise, p[1].noise);
  const biquad4 to = biquad4_of(&p[0].mid, &p[0].side, &p[1].mid, &p[1].side);
  const biquad4 from =
      biquad4_of(ramp->from[0], ramp->from[1], ramp->from[2], ramp->from[3]);
  const float step = (float)ramp->step;
  const lanes4 d0 = (to.b0 - from.b0) / step, d1 = (to.b1 - from.b1) / step,
               d2 = (to.b2 - from.b2) / step;
  biquad_state4 s = *st;
  biquad4 q = to;
  for (uint32_t i = 0; i < len; ++i) {
    const float t = (float)(ramp->pos + i + 1);
    q.b0 = from.b0 + t * d0, q.b1 = from.b1 + t * d1, q.b2 = from.b2 + t * d2;
    /* the networks' numerators hold the 1/2 of (l ± r)/2 */
    y[i] = lanes_sum_difference(
        biquad4_step(&q, &s, lanes_sum_difference(y[i] + sigma * noise[i])));
  }
  *st = s;
}

#endif
