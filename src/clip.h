/* Where a stage runs out of rails (physics.md §11): the transfer of an
 * op-amp stage near its supply, shared by the DSP (which calls it on every
 * sample) and the model (which works out what it does to a sine). */
#ifndef BALUN_CLIP_H
#define BALUN_CLIP_H

#include <math.h>
#include <stdint.h>

#include "lanes.h"

/* A stage is exact up to 1 dB under its clip level, then bends into the
 * rail over that last dB (a tanh segment with slope 1 at the knee), as an
 * op-amp does: no distortion 10 dB under the clip level (§11). */
#define CLIP_KNEE 0.89125093813374556 /* 10^(-1/20) */

typedef struct {
  float knee; /* |x| up to here passes untouched */
  float span; /* rail - knee */
} clip_stage;

/* A stage whose rail is at `peak` (the peak of the largest clean sine,
 * in the signal's own units). */
static inline clip_stage clip_stage_at(double peak)
{
  clip_stage c = {(float)(CLIP_KNEE * peak), (float)((1.0 - CLIP_KNEE) * peak)};
  return c;
}

static inline float clip_apply(clip_stage c, float x)
{
  const float a = fabsf(x);
  if (a <= c.knee) return x;
  return copysignf(c.knee + c.span * tanhf((a - c.knee) / c.span), x);
}

/* Path A's stage on lanes 0 and 1 of a run, B's on 2 and 3, in place. A
 * lane whose run stays under its knee (a test that vectorises) passes as
 * it is. */
static inline void clip_lanes(clip_stage a, clip_stage b, lanes4 *x,
                              uint32_t len)
{
  typedef int32_t mask4 __attribute__((vector_size(16)));
  const lanes4 knee = lanes_per_path(a.knee, b.knee);
  const mask4 magnitude = {0x7fffffff, 0x7fffffff, 0x7fffffff, 0x7fffffff};
  mask4 over = {0, 0, 0, 0};
  for (uint32_t i = 0; i < len; ++i)
    over |= (lanes4)((mask4)x[i] & magnitude) > knee;
  for (int lane = 0; lane < 4; ++lane) {
    if (!over[lane]) continue;
    const clip_stage c = lane < 2 ? a : b;
    for (uint32_t i = 0; i < len; ++i)
      x[i][lane] = clip_apply(c, x[i][lane]);
  }
}

/* THD (harmonics over fundamental, amplitude ratio) of a sine whose peak
 * is 1/fraction times the clip level: hard clipping in closed form, and
 * the stage above, computed over one period. */
double clipped_sine_thd_hard(double fraction);
double clipped_sine_thd(double fraction);

#endif
