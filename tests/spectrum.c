#include "spectrum.h"

#include <fftw3.h>
#include <math.h>
#include <stdlib.h>

spectrum spectrum_of(const float *x, size_t n, double rate)
{
  double *in = fftw_malloc(sizeof(double) * n);
  fftw_complex *out = fftw_malloc(sizeof(fftw_complex) * (n / 2 + 1));
  for (size_t i = 0; i < n; ++i)
    in[i] = x[i];
  fftw_plan plan = fftw_plan_dft_r2c_1d((int)n, in, out, FFTW_ESTIMATE);
  fftw_execute(plan);
  spectrum s = {rate, n, malloc(sizeof(double) * (n / 2 + 1))};
  const double scale = 1.0 / ((double)n * (double)n);
  for (size_t k = 0; k <= n / 2; ++k) {
    const double p = (out[k][0] * out[k][0] + out[k][1] * out[k][1]) * scale;
    s.power[k] = (k == 0 || 2 * k == n) ? p : 2.0 * p; /* one-sided */
  }
  fftw_destroy_plan(plan);
  fftw_free(in);
  fftw_free(out);
  return s;
}

void spectrum_free(spectrum *s)
{
  free(s->power);
  s->power = NULL;
}

static size_t bin_of(const spectrum *s, double f)
{
  return (size_t)llround(f * (double)s->n / s->rate);
}

double spectrum_band_rms(const spectrum *s, double lo, double hi)
{
  double sum = 0.0;
  for (size_t k = bin_of(s, lo); k <= bin_of(s, hi) && k <= s->n / 2; ++k)
    sum += s->power[k];
  return sqrt(sum);
}

double spectrum_line_rms(const spectrum *s, double f)
{
  return sqrt(s->power[bin_of(s, f)]);
}

double spectrum_peak_hz(const spectrum *s, double lo, double hi)
{
  size_t best = bin_of(s, lo);
  for (size_t k = best; k <= bin_of(s, hi) && k <= s->n / 2; ++k)
    if (s->power[k] > s->power[best]) best = k;
  return best * s->rate / (double)s->n;
}

double rms_to_dbfs(double rms)
{
  return 20.0 * log10(rms * sqrt(2.0));
}

double signal_rms(const float *x, size_t n)
{
  double sum = 0.0;
  for (size_t i = 0; i < n; ++i)
    sum += (double)x[i] * x[i];
  return sqrt(sum / (double)n);
}
