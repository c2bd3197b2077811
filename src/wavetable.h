/* One period of a band-limited periodic waveform, read with a 32-bit phase
 * accumulator and linear interpolation. */
#ifndef BALUN_WAVETABLE_H
#define BALUN_WAVETABLE_H

#include <complex.h>
#include <stdint.h>

#define WAVETABLE_BITS      12
#define WAVETABLE_SIZE      (1u << WAVETABLE_BITS)
#define WAVETABLE_FRAC_BITS (32 - WAVETABLE_BITS)

typedef struct {
  float v[WAVETABLE_SIZE + 1]; /* the last point repeats the first */
} wavetable;

/* Scratch for the synthesis below (too big for a stack): the unit circle
 * e^{j2π·i/SIZE}, i = 0..SIZE-1, and room for one inverse DFT. */
typedef struct {
  double complex circle[WAVETABLE_SIZE];
  double complex work[WAVETABLE_SIZE];
} wavetable_scratch;

/* Fills the circle; once, before the synthesis. */
void wavetable_scratch_init(wavetable_scratch *s);

/* v(θ) = Σ_k Re{ c[k-1] · e^{jkθ} } for k = 1..n < SIZE/2, θ = 2π·i/SIZE:
 * by direct summation for a few harmonics, by an FFT for many. */
void wavetable_from_harmonics(wavetable *t, const double complex *c, int n,
                              wavetable_scratch *s);

/* Phase increment per sample for a frequency; exact to 2^-32 of a turn. */
uint32_t wavetable_increment(double hz, double rate);

static inline float wavetable_read(const wavetable *t, uint32_t phase)
{
  const uint32_t i = phase >> WAVETABLE_FRAC_BITS;
  const float frac = (float)(phase & ((1u << WAVETABLE_FRAC_BITS) - 1u)) *
                     (1.0f / (float)(1u << WAVETABLE_FRAC_BITS));
  return t->v[i] + frac * (t->v[i + 1] - t->v[i]);
}

#endif
