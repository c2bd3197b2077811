/* The cable's low-pass as a digital filter: two second-order sections
 * whose magnitude is fitted to the analogue response (physics.md §13: within
 * 0.1 dB to 20 kHz at 44.1 and 48 kHz, 0.05 dB at 96 kHz and up). */
#ifndef BALUN_CABLE_FILTER_H
#define BALUN_CABLE_FILTER_H

#include <complex.h>

#include "biquad.h"

/* An analogue response H(f), f in Hz, normalised to 1 at DC. */
typedef double complex (*analogue_response)(double f_hz, const void *context);

/* Sections in cascade: a fourth-order magnitude, where a solved ladder
 * (a long cable, an adapter on pair cable) falls off more steeply than one
 * pole (§13). */
#define CABLE_SECTIONS 2

typedef struct {
  biquad section[CABLE_SECTIONS];
} cable_filter;

/* The minimum-phase filter whose |H|² is the rational function of
 * sin²(πf/rate) of degree (4, 4) nearest to |h|², in relative error, at 48
 * frequencies from 1 Hz to 0.4535·rate (20 kHz at 44.1 kHz), by
 * Sanathanan-Koerner iteration; exactly 1 at DC, poles inside the unit
 * circle at every rate (second order, first order, or flat, where a
 * higher order would not be a magnitude or not stable in float). For the
 * first-order 1/(1 + jf/f_c), any f_c from 10 Hz to 10 GHz, it is within
 * 0.02 dB of it to 20 kHz at 44.1 kHz and up (tests/test_cable_filter.c),
 * and within 0.1 dB of every solved circuit the controls reach
 * (tests/test_circuit_spectrum.c). Its phase is that of the magnitude:
 * the group delay at f_c/10 is the analogue one within 2 % for f_c up to
 * 300 Hz and 5 % to 1 kHz, shorter above (the analogue delay comes partly
 * from its roll-off above Nyquist, which no digital filter has). No
 * allocation: the hum's builder fits each path's solved response
 * (path_hum.h) when the circuit changes, off the audio thread. */
cable_filter cable_filter_fit(analogue_response h, const void *context,
                              double rate);

/* The sections' response at f, b(z)/a(z) at z = e^{j2πf/rate} each. */
double complex cable_filter_response(const cable_filter *c, double f,
                                     double rate);

#endif
