/* The cable's first-order low-pass as a digital filter. */
#ifndef BALUN_ONE_POLE_H
#define BALUN_ONE_POLE_H

typedef struct {
  float b0, b1, a1; /* y[n] = b0·x[n] + b1·x[n-1] + a1·y[n-1] */
} one_pole;

/* 1/(1 + s/ω_c) at `rate`: the pole by impulse invariance, the zero chosen
 * so that the gain is exact at DC and at Nyquist (M. Vicanek, "Matched
 * One-Pole Digital Shelving Filters", 2019), which keeps the response
 * within a small fraction of a dB of the analogue one below 20 kHz at
 * every rate from 44.1 kHz up. Stable for any corner > 0. */
one_pole one_pole_lowpass(double corner_hz, double rate);

#endif
