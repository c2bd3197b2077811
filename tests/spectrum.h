/* Measurement for the tests: FFTW power spectra of rendered audio, in the
 * conventions of the output ports (rms, AES17 dBFS: a full-scale sine is
 * 0 dBFS). */
#ifndef BALUN_TEST_SPECTRUM_H
#define BALUN_TEST_SPECTRUM_H

#include <stddef.h>

typedef struct {
  double rate;
  size_t n;      /* samples analysed */
  double *power; /* rms² of each bin, 0 .. n/2 */
} spectrum;

/* Rectangular window: a sinusoid on a bin (frequency a multiple of
 * rate/n) lands in that bin alone, and band sums obey Parseval. */
spectrum spectrum_of(const float *x, size_t n, double rate);
void spectrum_free(spectrum *s);
/* rms of everything in [lo, hi] Hz. */
double spectrum_band_rms(const spectrum *s, double lo, double hi);
/* rms of the sinusoid at f (must be on a bin). */
double spectrum_line_rms(const spectrum *s, double f);
/* The frequency of the strongest bin in [lo, hi]. */
double spectrum_peak_hz(const spectrum *s, double lo, double hi);

double rms_to_dbfs(double rms);
double signal_rms(const float *x, size_t n);

#endif
