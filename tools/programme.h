/* Deterministic signals for the renderer, the benchmark and the tests.
 * Every function is a pure function of its arguments (and of the noise
 * state), allocates nothing and needs only libm. */
#ifndef BALUN_PROGRAMME_H
#define BALUN_PROGRAMME_H

#include <stdint.h>

/* Length of one cycle of the demo: music, then digital silence. */
#define PROGRAMME_MUSIC_S 4.0
#define PROGRAMME_GAP_S   1.0
/* The demo's peak level, about -12 dBFS. */
#define PROGRAMME_PEAK 0.25

/* A stereo piano-like chord progression (one chord a second) with a gap
 * of exact zeros after every PROGRAMME_MUSIC_S, so hum and noise are heard
 * alone. Frames [0, n) of the programme. */
void programme_demo(float *l, float *r, uint32_t n, double rate);
/* Frames [start, start + n): a long programme rendered block by block is
 * identical to one rendered at once. */
void programme_demo_at(float *l, float *r, uint64_t start, uint32_t n,
                       double rate);
/* True if frame `index` of the demo falls in a silent gap. */
int programme_demo_is_gap(uint64_t index, double rate);

/* amplitude · sin(2π·freq·i/rate), i = 0 .. n-1 (peak amplitude). */
void programme_sine(float *out, uint32_t n, double rate, double freq,
                    double amplitude);

/* White noise, uniform in [-amplitude, amplitude), from a xorshift32
 * generator: the same seed gives the same noise on every machine. `state`
 * carries on between calls and must not start at 0. */
void programme_noise(float *out, uint32_t n, double amplitude, uint32_t *state);

#endif
