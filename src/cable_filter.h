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
 * sin²(πf/rate) of degree (2, 2) nearest to |h|², in relative error, from
 * 1 Hz to 0.4535·rate (20 kHz at 44.1 kHz), by Sanathanan-Koerner
 * iteration; exactly 1 at DC, poles inside the unit circle at every
 * rate. h is sampled at 32 frequencies. For the first-order 1/(1 + jf/f_c)
 * of any f_c from 10 Hz to 10 GHz it stays within 0.03 dB of it below 20
 * kHz at 44.1 kHz and up; its group delay at low frequencies is that of
 * the analogue response within 1 % for f_c < 300 Hz, less above (as
 * before: the analogue delay comes partly from its roll-off above
 * Nyquist, which no digital filter has). Allocates nothing: cheap enough
 * for every control change. */
biquad cable_filter_fit(analogue_response h, const void *context, double rate);

#endif
