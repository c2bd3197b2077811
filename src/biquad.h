/* A second-order section, designed from an analogue prototype by the
 * bilinear transform, for the headphone output network (whose poles and
 * zeros lie well inside the audio band, where the transform's warping is
 * negligible: under 0.03 dB to 10 kHz at 44.1 kHz for the §12 loads). */
#ifndef BALUN_BIQUAD_H
#define BALUN_BIQUAD_H

typedef struct {
  float b0, b1, b2, a1, a2; /* y = b0 x + b1 x1 + b2 x2 - a1 y1 - a2 y2 */
} biquad;

typedef struct {
  float x1, x2, y1, y2;
} biquad_state;

/* H(s) = (n0 + n1 s + n2 s²) / (d0 + d1 s + d2 s²) at `rate`. */
biquad biquad_from_analogue(const double n[3], const double d[3], double rate);

static inline float biquad_step(const biquad *q, biquad_state *st, float x)
{
  const float y = q->b0 * x + q->b1 * st->x1 + q->b2 * st->x2 - q->a1 * st->y1 -
                  q->a2 * st->y2;
  st->x2 = st->x1;
  st->x1 = x;
  st->y2 = st->y1;
  st->y1 = y;
  return y;
}

#endif
