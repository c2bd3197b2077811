/* One period of a band-limited periodic waveform, read with a 32-bit phase
 * accumulator and linear interpolation, or, for a spectrum as rich as the
 * hum's, cubic. */
#ifndef BALUN_WAVETABLE_H
#define BALUN_WAVETABLE_H

#include <complex.h>
#include <stdint.h>

#define WAVETABLE_BITS      12
#define WAVETABLE_SIZE      (1u << WAVETABLE_BITS)
#define WAVETABLE_FRAC_BITS (32 - WAVETABLE_BITS)

/* v[i + 1] is the point at i·2π/SIZE, for i = -1 .. SIZE + 1: the period
 * with one point of the one before and two of the one after. */
typedef struct {
  float v[WAVETABLE_SIZE + 3];
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
/* The same for a 64-bit phase, whose upper 32 bits are read: exact to a
 * part in 1e16 of the frequency (a 32-bit one is 2e-7 off for 60 Hz at
 * 192 kHz: a rectangular window of 0.5 s then sees a strong harmonic
 * leak 100 dB under it onto its neighbours, as much as a weak line of a
 * buzz). */
uint64_t wavetable_increment64(double hz, double rate);

static inline float wavetable_frac(uint32_t phase)
{
  return (float)(phase & ((1u << WAVETABLE_FRAC_BITS) - 1u)) *
         (1.0f / (float)(1u << WAVETABLE_FRAC_BITS));
}

/* Linear: its images of harmonic k lie some (πk/SIZE)²/8 under it, which
 * is nothing for a sine and a few harmonics. */
static inline float wavetable_read(const wavetable *t, uint32_t phase)
{
  const float *v = t->v + 1 + (phase >> WAVETABLE_FRAC_BITS);
  const float frac = wavetable_frac(phase);
  return v[0] + frac * (v[1] - v[0]);
}

/* Cubic, the Lagrange polynomial through the four points around the
 * phase: its images lie of the order of the square of the linear ones
 * (tests/test_wavetable.c: -106 dB against -67 dB for harmonic 85 of a
 * 960-sample period). The hum's loud harmonics near 4 kHz would otherwise
 * put theirs 60-70 dB under them onto the weak ones (a mains period of
 * whole samples lands every image on a harmonic). */
static inline float wavetable_read_cubic(const wavetable *t, uint32_t phase)
{
  const float *v = t->v + (phase >> WAVETABLE_FRAC_BITS);
  const float x = wavetable_frac(phase);
  const float c1 =
      v[2] - v[0] * (1.0f / 3.0f) - 0.5f * v[1] - v[3] * (1.0f / 6.0f);
  const float c2 = 0.5f * (v[0] + v[2]) - v[1];
  const float c3 = (v[3] - v[0]) * (1.0f / 6.0f) + 0.5f * (v[1] - v[2]);
  return ((c3 * x + c2) * x + c1) * x + v[1];
}

#endif
