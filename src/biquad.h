/* A second-order section: the cable's (cable_filter.h, fitted to its
 * analogue magnitude) and the headphone output network's, designed here
 * from an analogue prototype by the bilinear transform (its poles and
 * zeros lie well inside the audio band, where the transform's warping is
 * negligible: under 0.03 dB to 10 kHz at 44.1 kHz for the §12 loads). */
#ifndef BALUN_BIQUAD_H
#define BALUN_BIQUAD_H

#include "lanes.h"

typedef struct {
  float b0, b1, b2, a1, a2; /* y = b0 x + b1 x1 + b2 x2 - a1 y1 - a2 y2 */
} biquad;

/* H(s) = (n0 + n1 s + n2 s²) / (d0 + d1 s + d2 s²) at `rate`. */
biquad biquad_from_analogue(const double n[3], const double d[3], double rate);

/* Four sections in lanes (lanes.h), each y = b0 x + b1 x1 + b2 x2 - a2 y2
 * - a1 y1 in that order: the last sample's output enters last, so one
 * multiply and one subtraction are all a sample waits for. */
typedef struct {
  lanes4 b0, b1, b2, a1, a2;
} biquad4;

typedef struct {
  lanes4 x1, x2, y1, y2;
} biquad_state4;

static inline biquad4 biquad4_of(const biquad *q0, const biquad *q1,
                                 const biquad *q2, const biquad *q3)
{
  const biquad4 q = {{q0->b0, q1->b0, q2->b0, q3->b0},
                     {q0->b1, q1->b1, q2->b1, q3->b1},
                     {q0->b2, q1->b2, q2->b2, q3->b2},
                     {q0->a1, q1->a1, q2->a1, q3->a1},
                     {q0->a2, q1->a2, q2->a2, q3->a2}};
  return q;
}

static inline lanes4 biquad4_step(const biquad4 *q, biquad_state4 *st, lanes4 x)
{
  const lanes4 y = q->b0 * x + q->b1 * st->x1 + q->b2 * st->x2 -
                   q->a2 * st->y2 - q->a1 * st->y1;
  st->x2 = st->x1;
  st->x1 = x;
  st->y2 = st->y1;
  st->y1 = y;
  return y;
}

#endif
