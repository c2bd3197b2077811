/* The cable's digital filter (src/cable_filter.c) against the analogue
 * response it is fitted to (physics.md §13: within 0.1 dB to 20 kHz at
 * 44.1 and 48 kHz, 0.05 dB at 96 kHz and up). The target is the lumped
 * cable of §3 normalised to its passband, 1/(1 + jf/f_c), evaluated here
 * directly; the digital response is the rounded (float) sections',
 * Π (b0 + b1 z⁻¹ + b2 z⁻²) / (1 + a1 z⁻¹ + a2 z⁻²) (cable_filter_response();
 * tests/test_audio.c measures the same in the plugin's audio). */
#include <float.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

#include <cmocka.h>

#include "cable_filter.h"
#include "model.h"

static const double rates[] = {44100, 48000, 88200, 96000, 192000};
#define RATE_COUNT (int)(sizeof rates / sizeof rates[0])

/* §3: the first-order RC, 1 at DC. */
static double complex first_order(double f, const void *context)
{
  const double corner = *(const double *)context;
  return 1.0 / (1.0 + I * f / corner);
}

static cable_filter fit_corner(double corner, double rate)
{
  return cable_filter_fit(first_order, &corner, rate);
}

/* Corners from 10 Hz to 10 GHz, 8 a decade, and every kHz from 15 to 40
 * kHz: the corners just above 20 kHz are the hard case at 44.1 and 48 kHz
 * (the analogue response still falls at Nyquist, a digital one is flat
 * there). */
static int corners(double out[])
{
  int n = 0;
  for (int k = 0; k <= 72; ++k)
    out[n++] = 10.0 * pow(10.0, k / 8.0);
  for (int khz = 15; khz <= 40; ++khz)
    out[n++] = 1000.0 * khz;
  return n;
}

/* The largest |dB error| from 1 Hz to 20 kHz, 50 points a decade and 20
 * kHz itself. */
static double worst_db(const cable_filter *q, double corner, double rate,
                       double *at)
{
  double worst = 0.0;
  for (int k = 0; k <= 216; ++k) {
    const double f = k == 216 ? 20000.0 : pow(10.0, k / 50.0);
    const double analogue = 1.0 / sqrt(1.0 + (f / corner) * (f / corner));
    const double e =
        fabs(20.0 * log10(cabs(cable_filter_response(q, f, rate)) / analogue));
    if (!(e <= worst)) worst = e, *at = f;
  }
  return worst;
}

static void magnitude_matches_the_analogue_response(void **state)
{
  (void)state;
  double c[128];
  const int n = corners(c);
  for (int r = 0; r < RATE_COUNT; ++r) {
    const double tolerance = rates[r] >= 88200 ? 0.05 : 0.1;
    double worst = 0.0, worst_corner = 0.0, worst_f = 0.0;
    for (int k = 0; k < n; ++k) {
      const cable_filter q = fit_corner(c[k], rates[r]);
      double at = 0.0;
      const double e = worst_db(&q, c[k], rates[r], &at);
      if (!(e <= tolerance))
        fail_msg("%.0f Hz: corner %.6g Hz, %.3f dB off at %.0f Hz", rates[r],
                 c[k], e, at);
      if (e > worst) worst = e, worst_corner = c[k], worst_f = at;
    }
    print_message("%6.0f Hz: worst %.4f dB (corner %.4g Hz, at %.0f Hz)\n",
                  rates[r], worst, worst_corner, worst_f);
  }
}

/* Poles strictly inside the unit circle (Jury: |a2| < 1, |a1| < 1 + a2),
 * zeros inside or on it (minimum phase: nothing rings before the
 * impulse), H(1) = 1, no gain above DC anywhere up to Nyquist (the target
 * has none), and no denormal coefficient, at every rate the plugin runs at
 * and every corner. */
static void stable_minimum_phase_unity_at_dc(void **state)
{
  (void)state;
  static const double all_rates[] = {8000,  22050,  44100,  48000, 88200,
                                     96000, 192000, 384000, 768000};
  double c[128];
  const int n = corners(c);
  for (int r = 0; r < 9; ++r) {
    const double rate = all_rates[r];
    for (int k = 0; k < n; ++k) {
      const cable_filter fit = fit_corner(c[k], rate);
      char where[80];
      snprintf(where, sizeof where, "%.0f Hz, corner %.6g Hz", rate, c[k]);
      for (int s = 0; s < CABLE_SECTIONS; ++s) {
        const biquad q = fit.section[s];
        if (!(fabs(q.a2) < 1.0 && fabs(q.a1) < 1.0 + q.a2))
          fail_msg("%s: section %d unstable, a1 %g a2 %g", where, s, q.a1,
                   q.a2);
        const double complex root =
            csqrt((double complex)(q.b1 * (double)q.b1 - 4.0 * q.b0 * q.b2));
        const double z =
            fmax(cabs(-q.b1 + root), cabs(-q.b1 - root)) / (2.0 * q.b0);
        if (!(q.b0 > 0.0f && z <= 1.0 + 1e-6))
          fail_msg("%s: not minimum phase, zero at |z| %g", where, z);
        const double dc = ((double)q.b0 + q.b1 + q.b2) / (1.0 + q.a1 + q.a2);
        if (!(fabs(dc - 1.0) < 1e-6)) fail_msg("%s: DC gain %.9g", where, dc);
        const float coefficient[5] = {q.b0, q.b1, q.b2, q.a1, q.a2};
        for (int i = 0; i < 5; ++i)
          if (coefficient[i] != 0.0f && !(fabsf(coefficient[i]) >= FLT_MIN))
            fail_msg("%s: coefficient %d is denormal", where, i);
      }
      for (double f = 10.0; f < 0.5 * rate; f *= 1.05)
        if (!(cabs(cable_filter_response(&fit, f, rate)) <= 1.0 + 1e-6))
          fail_msg("%s: gain %g at %.0f Hz", where,
                   cabs(cable_filter_response(&fit, f, rate)), f);
    }
  }
}

/* The group delay at low frequencies, -dφ/dω at f_c/10, against the
 * analogue 1/(2π f_c (1 + (f/f_c)²)): within 5 % for corners to 1 kHz. */
static void group_delay_follows_the_analogue_response(void **state)
{
  (void)state;
  for (int r = 0; r < RATE_COUNT; ++r) {
    double worst = 0.0;
    for (double corner = 10.0; corner <= 1000.0; corner *= 1.25) {
      const cable_filter q = fit_corner(corner, rates[r]);
      const double f = 0.1 * corner, df = 1e-4 * f;
      const double delay = -carg(cable_filter_response(&q, f + df, rates[r]) /
                                 cable_filter_response(&q, f - df, rates[r])) /
                           (2.0 * BALUN_PI * 2.0 * df);
      const double analogue = 1.0 / (2.0 * BALUN_PI * corner * 1.01);
      const double e = fabs(delay / analogue - 1.0);
      if (!(e <= 0.05))
        fail_msg("%.0f Hz, corner %.4g Hz: delay %.4g s, analogue %.4g s",
                 rates[r], corner, delay, analogue);
      if (e > worst) worst = e;
    }
    print_message("%6.0f Hz: group delay within %.2f %%\n", rates[r],
                  100.0 * worst);
  }
}

/* Targets far from a cable's, notches: whatever the fit makes of them
 * (first order or flat where its second order is no magnitude), the
 * filter is stable, without a peak, with H(1) = 1 (within 1 %: float
 * coefficients of order 1 over a denominator of 4e-5 at DC). */
typedef struct {
  double f0, q;
} notch;

static double complex notched(double f, const void *context)
{
  const notch *n = context;
  const double x = f / n->f0;
  return (1.0 - x * x) / (1.0 - x * x + I * x / n->q);
}

static void stable_for_other_targets(void **state)
{
  (void)state;
  static const double f0[] = {200, 2000, 9000, 19000};
  static const double qs[] = {0.3, 3.0, 30.0};
  for (int r = 0; r < RATE_COUNT; ++r)
    for (int i = 0; i < 4; ++i)
      for (int j = 0; j < 3; ++j) {
        const notch n = {f0[i], qs[j]};
        const cable_filter q = cable_filter_fit(notched, &n, rates[r]);
        for (int k = 0; k < CABLE_SECTIONS; ++k) {
          const biquad *s = &q.section[k];
          if (!(fabs(s->a2) < 1.0 && fabs(s->a1) < 1.0 + s->a2))
            fail_msg("notch at %g Hz, Q %g: unstable", f0[i], qs[j]);
        }
        assert_true(fabs(cabs(cable_filter_response(&q, 0.0, rates[r])) - 1.0) <
                    1e-2);
        for (double f = 10.0; f < 0.5 * rates[r]; f *= 1.05)
          if (!(cabs(cable_filter_response(&q, f, rates[r])) <= 1.12))
            fail_msg("notch at %g Hz, Q %g: gain %g at %.0f Hz", f0[i], qs[j],
                     cabs(cable_filter_response(&q, f, rates[r])), f);
      }
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(magnitude_matches_the_analogue_response),
      cmocka_unit_test(stable_minimum_phase_unity_at_dc),
      cmocka_unit_test(group_delay_follows_the_analogue_response),
      cmocka_unit_test(stable_for_other_targets),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
