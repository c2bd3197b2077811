/* A light dimmer's demodulated bursts, which follow the mains frequency,
 * on a grid of frequencies (45-65 Hz every 1 Hz; 50 and 60 are on it), so
 * that the generator plays any frequency in the range: it reads the two
 * neighbouring grid points at one phase accumulator running at the true
 * f0 and weights them linearly. Both tables put harmonic n at n·f0, so
 * the blend is again a harmonic series whose amplitudes are interpolated
 * linearly between the grid points, off by at most h²·|a''|/(8a) (h the
 * grid step): for the dimmer's a = f/(1+jbf) (rf.c, h = 2 Hz at 2 ×
 * mains) 6e-5. (The hum is built for each mains frequency as it is set:
 * hum_tables.h.) */
#ifndef BALUN_MAINS_GRID_H
#define BALUN_MAINS_GRID_H

#include "wavetable.h"

#define MAINS_GRID_LO_HZ 45
#define MAINS_GRID_HI_HZ 65
#define MAINS_GRID_N     (MAINS_GRID_HI_HZ - MAINS_GRID_LO_HZ + 1)

typedef struct {
  wavetable dimmer; /* a light dimmer's demodulated bursts, at 2 × mains */
} mains_tables;

/* Where f0 falls: tables `lo` and `lo + 1`, the second weighted `upper`
 * (0 exactly on a grid point, where only `lo` is read). */
typedef struct {
  int lo;
  float upper;
} mains_blend;

/* Every grid point at this rate. Table set g is read for f0 up to the next
 * grid point, so it holds only harmonics below Nyquist there. */
void mains_grid_fill(mains_tables grid[MAINS_GRID_N], double rate,
                     double complex *c, wavetable_scratch *s);

/* f0 is clamped to the grid's range. */
mains_blend mains_grid_blend(float f0);

/* The blend of one table of the two neighbouring sets at this phase. */
static inline float mains_grid_read(const wavetable *lo, const wavetable *hi,
                                    float upper, uint32_t phase)
{
  const float a = wavetable_read(lo, phase);
  return upper == 0.0f ? a : a + upper * (wavetable_read(hi, phase) - a);
}

#endif
