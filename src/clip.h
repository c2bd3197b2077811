/* Where a stage runs out of rails (physics.md §11): the transfer of an
 * op-amp stage near its supply, shared by the DSP (which calls it on every
 * sample) and the model (which works out what it does to a sine). */
#ifndef BALUN_CLIP_H
#define BALUN_CLIP_H

#include <math.h>

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

/* THD (harmonics over fundamental, amplitude ratio) of a sine whose peak
 * is 1/fraction times the clip level: hard clipping in closed form, and
 * the stage above, computed over one period. */
double clipped_sine_thd_hard(double fraction);
double clipped_sine_thd(double fraction);

#endif
