/* The hum's slow wander (physics.md §13: the grid frequency wanders, in
 * practice ±0.05 Hz, and the ground current follows the loads by a few
 * percent over seconds): two smooth pseudo-random curves in [-1, 1], one
 * for the frequency, one for the amplitude. Each takes a new random value
 * every HUM_DRIFT_STEP_S and joins it to the last by smoothstep (value
 * noise): smooth, and never outside the range of the two values it joins,
 * so never outside [-1, 1]. The curves are read once every
 * HUM_DRIFT_TICK samples, counted from the seed, so any block size gives
 * the same curves; no transcendental function runs at all. */
#ifndef BALUN_HUM_DRIFT_H
#define BALUN_HUM_DRIFT_H

#include <stdint.h>

#include "noise_source.h"

/* Seconds between the curves' random values, and samples between the
 * readings of the curves (0.7 ms at 48 kHz: the hum's gain then moves
 * by at most 4e-5 of itself a reading, far below hearing). */
#define HUM_DRIFT_STEP_S 2.0
#define HUM_DRIFT_TICK   32
/* What 100 % drift means (ports.md, hum_drift). */
#define HUM_DRIFT_HZ        0.05
#define HUM_DRIFT_AMPLITUDE 0.05f

enum { DRIFT_FREQUENCY = 0, DRIFT_AMPLITUDE, DRIFT_CURVES };

typedef struct {
  noise_source rng;
  uint32_t step, left; /* readings per step; left in this one */
  float per_reading;   /* 1 / step */
  float from[DRIFT_CURVES], to[DRIFT_CURVES];
} hum_drift;

/* At the start of the curves, which begin at 0 (the mean). */
void hum_drift_init(hum_drift *d, double rate, uint64_t seed);

/* A uniform value in [-1, 1) from the curve's generator. */
static inline float hum_drift_draw(hum_drift *d)
{
  const uint32_t top = (uint32_t)(noise_source_bits(&d->rng) >> 40);
  return (float)top * (1.0f / 8388608.0f) - 1.0f; /* 24 bits: exact */
}

/* Both curves at this reading, then one reading (HUM_DRIFT_TICK
 * samples) on. */
static inline void hum_drift_next(hum_drift *d, float out[DRIFT_CURVES])
{
  if (d->left == 0) {
    for (int k = 0; k < DRIFT_CURVES; ++k) {
      d->from[k] = d->to[k];
      d->to[k] = hum_drift_draw(d);
    }
    d->left = d->step;
  }
  const float t = (float)(d->step - d->left) * d->per_reading;
  const float s = t * t * (3.0f - 2.0f * t); /* 0..1, flat at both ends */
  for (int k = 0; k < DRIFT_CURVES; ++k)
    out[k] = d->from[k] + s * (d->to[k] - d->from[k]);
  --d->left;
}

#endif
