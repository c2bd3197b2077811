/* The cable's low-pass as a digital filter: a second-order section whose
 * magnitude is fitted to the analogue response (physics.md §13: within
 * 0.1 dB to 20 kHz at 44.1 and 48 kHz, 0.05 dB at 96 kHz and up). */
#ifndef BALUN_CABLE_FILTER_H
#define BALUN_CABLE_FILTER_H

#include <complex.h>

#include "biquad.h"

/* An analogue response H(f), f in Hz, normalised to 1 at DC. */
typedef double complex (*analogue_response)(double f_hz, const void *context);

/* The minimum-phase biquad whose |H|² is the rational function of
 * sin²(πf/rate) of degree (2, 2) nearest to |h|², in relative error, at 32
 * frequencies from 1 Hz to 0.4535·rate (20 kHz at 44.1 kHz), by
 * Sanathanan-Koerner iteration; exactly 1 at DC, poles inside the unit
 * circle at every rate (first order, or flat, where a second order would
 * not be a magnitude). For the first-order 1/(1 + jf/f_c), any f_c from
 * 10 Hz to 10 GHz, it is within 0.02 dB of it to 20 kHz at 44.1 kHz and
 * up (tests/test_cable_filter.c). Its phase is that of the magnitude:
 * the group delay at f_c/10 is the analogue one within 2 % for f_c up to
 * 300 Hz and 5 % to 1 kHz, shorter above (the analogue delay comes partly
 * from its roll-off above Nyquist, which no digital filter has), as it
 * was with the first-order design of Vicanek 2016 before. About 3 µs, no
 * allocation (the engine makes its fits at instantiation, below). */
biquad cable_filter_fit(analogue_response h, const void *context, double rate);

/* A fitted section before rounding: b0 + b1 z⁻¹ + b2 z⁻² over 1 + a1 z⁻¹ +
 * a2 z⁻². */
typedef struct {
  double b[3], a[2];
} cable_section;

/* The fits of the lumped cable, 1/(1 + jf/f_c) (§3), at one rate, for f_c
 * from 2^-20 to 2^6 times the rate, 8 an octave: made once, at
 * instantiation (0.7 ms), so that a control change only interpolates. */
#define CABLE_TABLE_LOWEST     (-20)
#define CABLE_TABLE_PER_OCTAVE 8
#define CABLE_TABLE_SIZE       (26 * CABLE_TABLE_PER_OCTAVE + 1)

typedef struct {
  double rate;
  cable_section fit[CABLE_TABLE_SIZE];
} cable_filter_table;

void cable_filter_table_init(cable_filter_table *t, double rate);

/* The filter for a corner: the table's neighbours interpolated linearly
 * in log f_c (coefficient by coefficient: stable and 1 at DC like both),
 * within 0.021 dB of 1/(1 + jf/f_c) to 20 kHz at 44.1 kHz and up; below
 * and above the table, its ends (10 GHz takes 2^6·rate: 0.0002 dB off). */
biquad cable_filter_lowpass(const cable_filter_table *t, double corner_hz);

#endif
