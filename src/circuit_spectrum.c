/* The hum at every mains harmonic from a few solves (physics.md §9, §13).
 *
 * Every transfer of the circuit is a ratio of polynomials in jω whose
 * poles and zeros lie far from one another on the scale of a grid step:
 * in u = ln f, its real and imaginary parts are smooth, so a Lagrange
 * polynomial through the SPECTRUM_ORDER nearest of SPECTRUM_POINTS
 * solved points (a step of ln(1200)/63 = 0.11) recovers it to about 1e-6
 * of its size (tests/test_circuit_spectrum.c measures it against the
 * solve at every harmonic). Real and imaginary parts, not magnitude and
 * phase: they stay smooth through a transfer's zero. */
#include "circuit_spectrum.h"

#include <math.h>
#include <string.h>

/* points in each interpolating polynomial: even, centred on the gap */
#define SPECTRUM_ORDER 6
#define SIGNAL_HZ      1000.0
/* the bracket's steps above the solved points, and where it gives up:
 * circuit_corner_hz()'s */
#define CORNER_STEP   4.0
#define CORNER_MAX_HZ 1e10

static double step_u(void)
{
  return log(SPECTRUM_HI_HZ / SPECTRUM_LO_HZ) / (SPECTRUM_POINTS - 1);
}

double circuit_spectrum_hz(int k)
{
  return SPECTRUM_LO_HZ * exp(k * step_u());
}

/* Each excitation's transfer at f, from the solved points: the Lagrange
 * polynomial in u through SPECTRUM_ORDER of them around f. */
static void interpolate(const circuit_spectrum *s, const balun_circuit *c,
                        double f, double complex out[EXCITATION_COUNT])
{
  const double x = log(f / SPECTRUM_LO_HZ) / step_u();
  int first = (int)floor(x) - SPECTRUM_ORDER / 2 + 1;
  if (first < 0) first = 0;
  if (first > SPECTRUM_POINTS - SPECTRUM_ORDER)
    first = SPECTRUM_POINTS - SPECTRUM_ORDER;
  double weight[SPECTRUM_ORDER];
  for (int i = 0; i < SPECTRUM_ORDER; ++i) {
    double l = 1.0;
    for (int j = 0; j < SPECTRUM_ORDER; ++j)
      if (j != i) l *= (x - (first + j)) / (double)(i - j);
    weight[i] = l;
  }
  for (int e = 0; e < EXCITATION_COUNT; ++e) {
    out[e] = 0.0;
    if (!c->excited[e]) continue;
    for (int i = 0; i < SPECTRUM_ORDER; ++i)
      out[e] += weight[i] * s->transfer[e][first + i];
  }
}

/* Superposition at harmonic n, as circuit_hum_harmonic(): the ground
 * current's harmonics (§9) at their amplitudes, the EMFs and the leakage
 * current rising with n, a quarter cycle ahead (§4, §7). */
static double complex hum_of(const balun_circuit *c, const double complex *out,
                             double buzz, int n)
{
  double complex hum = 0.0;
  for (int e = EXCITATION_GROUND; e < EXCITATION_COUNT; ++e) {
    const double complex rise = c->rises_with_harmonic[e] ? I * n : 1.0;
    hum += c->scale[e] * rise * out[e];
  }
  return mains_harmonic(buzz, c->mains_hz, n) * hum;
}

/* The corner from the solved programme transfer: between two solved
 * points where it falls through |H(20 Hz)|/√2; above them, bracketed on
 * the lattice circuit_corner_hz() steps along, 20 Hz·4^k, so that a
 * resonance above the band (a loop's inductance against a transformer's
 * capacitance rises again after the first fall) finds the same first
 * crossing; then closed in by circuit_corner_in(). */
static double corner_of(const circuit_spectrum *s, const balun_circuit *c,
                        nodal_work *w)
{
  const double complex *h = s->transfer[EXCITATION_PROGRAMME];
  const double target = cabs(h[0]) / sqrt(2.0); /* solved at 20 Hz */
  for (int k = 1; k < SPECTRUM_POINTS; ++k)
    if (!(cabs(h[k]) > target))
      return circuit_corner_in(c, target, circuit_spectrum_hz(k - 1),
                               circuit_spectrum_hz(k), w);
  double lo = circuit_spectrum_hz(SPECTRUM_POINTS - 1), hi = SPECTRUM_LO_HZ;
  while (hi <= lo)
    hi *= CORNER_STEP;
  while (cabs(circuit_signal(c, hi, w)) > target) {
    if (hi >= CORNER_MAX_HZ) return CORNER_MAX_HZ; /* as circuit_corner_hz */
    lo = hi;
    hi *= CORNER_STEP;
  }
  return circuit_corner_in(c, target, lo, hi, w);
}

double complex circuit_spectrum_transfer(const circuit_spectrum *s,
                                         const balun_circuit *c,
                                         circuit_excitation e, double f,
                                         nodal_work *w)
{
  if (f >= SPECTRUM_LO_HZ && f <= circuit_spectrum_hz(SPECTRUM_POINTS - 1)) {
    double complex out[EXCITATION_COUNT];
    interpolate(s, c, f, out);
    return out[e];
  }
  return nodal_solve(c, f, w).out[e];
}

void circuit_spectrum_of(const balun_circuit *c, double buzz, int harmonics,
                         nodal_work *w, circuit_spectrum *s)
{
  memset(s, 0, sizeof *s);
  if (harmonics > SPECTRUM_MAX_HARMONICS) harmonics = SPECTRUM_MAX_HARMONICS;
  if (harmonics < 0) harmonics = 0;
  s->harmonics = harmonics;
  for (int k = 0; k < SPECTRUM_POINTS; ++k) {
    const nodal_solution r = nodal_solve(c, circuit_spectrum_hz(k), w);
    for (int e = 0; e < EXCITATION_COUNT; ++e)
      s->transfer[e][k] = r.out[e];
    s->cmrr_db_at[k] = circuit_cmrr_of(c, &r, w);
  }
  const double f0 = c->mains_hz;
  const double grid_top = circuit_spectrum_hz(SPECTRUM_POINTS - 1);
  /* what path_figures() sums: in band, not negligible */
  const int last = mains_harmonic_last(buzz, f0, BALUN_NEGLIGIBLE_HARMONIC);
  double power = 0.0;
  for (int n = harmonics; n >= 1; --n) { /* the fundamental last: its work */
    const double f = n * f0;
    double complex out[EXCITATION_COUNT];
    if (n > 1 && f >= SPECTRUM_LO_HZ && f <= grid_top) {
      interpolate(s, c, f, out);
    } else {
      const nodal_solution r = nodal_solve(c, f, w);
      memcpy(out, r.out, sizeof out);
      if (n == 1) s->cmrr_db = circuit_cmrr_of(c, &r, w);
    }
    s->hum[n - 1] = hum_of(c, out, buzz, n);
    if (f >= BALUN_BAND_LO_HZ && f <= BALUN_BAND_HI_HZ && n <= last)
      power += creal(s->hum[n - 1]) * creal(s->hum[n - 1]) +
               cimag(s->hum[n - 1]) * cimag(s->hum[n - 1]);
  }
  if (harmonics < 1) s->cmrr_db = circuit_cmrr_db(c, f0, w);
  s->hum_vrms = sqrt(power);
  s->signal_1k = circuit_signal(c, SIGNAL_HZ, w);
  s->corner_hz = corner_of(s, c, w);
}
