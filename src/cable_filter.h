/* The cable's first-order low-pass as a digital filter. */
#ifndef BALUN_CABLE_FILTER_H
#define BALUN_CABLE_FILTER_H

#include "lanes.h"

typedef struct {
  float b0, b1, b2, a1; /* y = b0·x + b1·x[-1] + b2·x[-2] + a1·y[-1] */
} cable_filter;

/* 1/(1 + s/ω_c) at `rate`: the pole by impulse invariance, two zeros
 * chosen so that the magnitude is exact at DC, at 0.3·rate and at Nyquist
 * (M. Vicanek, "Matched Second Order Digital Filters", 2016, applied to a
 * first-order prototype). Below 20 kHz, at 44.1 kHz and up, it stays
 * within 0.03 of the analogue magnitude (0.13 dB to 5 kHz wherever the
 * response is above -20 dB), instead of the bilinear transform's
 * warping. Stable for any corner > 0. */
cable_filter cable_filter_lowpass(double corner_hz, double rate);

typedef struct {
  float x1, x2, y1;
} filter_state;

static inline float cable_filter_step(const cable_filter *c, filter_state *st,
                                      float x)
{
  const float y = c->b0 * x + c->b1 * st->x1 + c->b2 * st->x2 + c->a1 * st->y1;
  st->x2 = st->x1;
  st->x1 = x;
  st->y1 = y;
  return y;
}

/* Four filters in lanes (lanes.h), each exactly cable_filter_step. */
typedef struct {
  lanes4 b0, b1, b2, a1;
} cable_filter4;

typedef struct {
  lanes4 x1, x2, y1;
} filter_state4;

/* Path A's filter in lanes 0 and 1, B's in 2 and 3. */
static inline cable_filter4 cable_filter4_per_path(const cable_filter *a,
                                                   const cable_filter *b)
{
  const cable_filter4 c = {
      lanes_per_path(a->b0, b->b0), lanes_per_path(a->b1, b->b1),
      lanes_per_path(a->b2, b->b2), lanes_per_path(a->a1, b->a1)};
  return c;
}

static inline lanes4 cable_filter4_step(const cable_filter4 *c,
                                        filter_state4 *st, lanes4 x)
{
  const lanes4 y = c->b0 * x + c->b1 * st->x1 + c->b2 * st->x2 + c->a1 * st->y1;
  st->x2 = st->x1;
  st->x1 = x;
  st->y1 = y;
  return y;
}

#endif
