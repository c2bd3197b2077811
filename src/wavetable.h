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

/* The unit circle e^{j2π·i/SIZE}, i = 0..SIZE-1: scratch for the synthesis
 * below, filled once by the caller (one table serves every harmonic). */
void wavetable_circle(double complex circle[WAVETABLE_SIZE]);

/* v(θ) = Σ_k Re{ c[k-1] · e^{jkθ} } for k = 1..n, θ = 2π·i/SIZE. */
void wavetable_from_harmonics(wavetable *t, const double complex *c, int n,
                              const double complex *circle);

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
