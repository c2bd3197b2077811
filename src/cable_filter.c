#include "cable_filter.h"

#include <math.h>

#include "model.h"

/* The fit's band, as a fraction of the rate: 20 kHz at 44.1 kHz. Above
 * 44.1 kHz it reaches past the audio band, so that the ultrasonic part
 * follows the analogue response too (no peak where nothing was fitted). */
#define FIT_TOP      (20000.0 / 44100.0)
#define FIT_LOWEST   1.0 /* Hz */
#define LOG_POINTS   24  /* from FIT_LOWEST to the top, log-spaced */
#define TOP_POINTS   8   /* and more in its upper octave, where it is hardest */
#define FIT_POINTS   (LOG_POINTS + TOP_POINTS)
#define FIT_PASSES   6 /* it settles in four */
#define MAX_UNKNOWNS 4

/* The design works in t = sin²(πf/rate): the magnitude squared of a
 * filter with real coefficients is a rational function of t, here
 * N(t)/D(t) with N = 1 + n1 t + n2 t², D = 1 + d1 t + d2 t² (both 1 at DC,
 * so the DC gain is exactly 1). */
typedef struct {
  double n[2], d[2];
} magnitude_fit;

static double poly(const double c[2], double t)
{
  return 1.0 + t * (c[0] + t * c[1]);
}

/* The symmetric positive definite system a x = r, of size k, scaled to a
 * unit diagonal first; a little ridge keeps it solvable when the target is
 * flat and a pole and a zero cancel (only their difference is fitted). */
static void solve(int k, double a[MAX_UNKNOWNS][MAX_UNKNOWNS], double r[],
                  double x[])
{
  double scale[MAX_UNKNOWNS];
  for (int i = 0; i < k; ++i)
    scale[i] = a[i][i] > 0.0 ? 1.0 / sqrt(a[i][i]) : 0.0;
  for (int i = 0; i < k; ++i) {
    for (int j = 0; j < k; ++j)
      a[i][j] *= scale[i] * scale[j];
    r[i] *= scale[i];
    a[i][i] += 1e-10;
  }
  for (int p = 0; p < k; ++p)
    for (int i = p + 1; i < k; ++i) {
      const double m = a[i][p] / a[p][p];
      for (int j = p; j < k; ++j)
        a[i][j] -= m * a[p][j];
      r[i] -= m * r[p];
    }
  for (int i = k - 1; i >= 0; --i) {
    double s = r[i];
    for (int j = i + 1; j < k; ++j)
      s -= a[i][j] * x[j];
    x[i] = s / a[i][i];
  }
  for (int i = 0; i < k; ++i)
    x[i] *= scale[i];
}

/* Sanathanan-Koerner (IEEE Trans. Automatic Control 8, 1963): minimise
 * Σ ((N - T D) / (T D_prev))², linear in the coefficients, so that at
 * convergence it is the relative error of N/D against the target T. */
static magnitude_fit fit_of_order(int order, const double t[],
                                  const double target[])
{
  magnitude_fit m = {{0.0, 0.0}, {0.0, 0.0}};
  const int k = 2 * order;
  for (int pass = 0; pass < FIT_PASSES; ++pass) {
    double a[MAX_UNKNOWNS][MAX_UNKNOWNS] = {{0.0}}, r[MAX_UNKNOWNS] = {0.0};
    for (int i = 0; i < FIT_POINTS; ++i) {
      const double w = 1.0 / (target[i] * fmax(fabs(poly(m.d, t[i])), 1e-30));
      double row[MAX_UNKNOWNS];
      for (int j = 0; j < order; ++j) {
        const double power = j ? t[i] * t[i] : t[i];
        row[j] = w * power;
        row[order + j] = -w * target[i] * power;
      }
      const double rhs = w * (target[i] - 1.0);
      for (int p = 0; p < k; ++p) {
        for (int q = 0; q < k; ++q)
          a[p][q] += row[p] * row[q];
        r[p] += row[p] * rhs;
      }
    }
    double x[MAX_UNKNOWNS];
    solve(k, a, r, x);
    for (int j = 0; j < order; ++j) {
      m.n[j] = x[j];
      m.d[j] = x[order + j];
    }
  }
  return m;
}

/* 1 + c1 t + c2 t² > 0 for t in [0, 1) and >= 0 at 1: a magnitude
 * squared, with its zeros, if any, at Nyquist. */
static int positive(const double c[2])
{
  if (poly(c, 1.0) < 0.0) return 0;
  if (c[1] <= 0.0) return 1;
  const double vertex = -c[0] / (2.0 * c[1]);
  return vertex <= 0.0 || vertex >= 1.0 || poly(c, vertex) > 0.0;
}

/* The monic 1 + e1 z⁻¹ + e2 z⁻² with its roots in the unit circle whose
 * |.|² on the circle is proportional to 1 + c1 t + c2 t² (Fejér-Riesz):
 * each root of the polynomial in t, as 1/t = r, gives the root z of
 * z + 1/z = 2 - 4/r inside the circle, z = r / (r - 2 ∓ 2√(1 - r)). */
static void minimum_phase(const double c[2], double e[2])
{
  const double complex root = csqrt((double complex)(c[0] * c[0] - 4.0 * c[1]));
  const double complex q =
      -0.5 * (c[0] * creal(root) >= 0.0 ? c[0] + root : c[0] - root);
  const double complex r[2] = {q, q != 0.0 ? c[1] / q : 0.0};
  double complex z[2];
  for (int k = 0; k < 2; ++k) {
    const double complex s = 2.0 * csqrt(1.0 - r[k]);
    const double complex below = r[k] - 2.0 - s, above = r[k] - 2.0 + s;
    z[k] = r[k] / (cabs(below) >= cabs(above) ? below : above);
  }
  e[0] = -creal(z[0] + z[1]);
  e[1] = creal(z[0] * z[1]);
}

/* Coefficients below this are zero: no denormal ever reaches the DSP. */
static float flushed(double c)
{
  return fabs(c) < 1e-30 ? 0.0f : (float)c;
}

/* A section rounded to float with H(1) = 1 as rounded: b1 takes up the
 * rest. */
static biquad rounded(const cable_section *c)
{
  biquad q = {flushed(c->b[0]), 0.0f, flushed(c->b[2]), flushed(c->a[0]),
              flushed(c->a[1])};
  const double dc = 1.0 + (double)q.a1 + (double)q.a2;
  const double b = c->b[0] + c->b[1] + c->b[2];
  q.b0 = flushed(c->b[0] * dc / b);
  q.b2 = flushed(c->b[2] * dc / b);
  q.b1 = flushed(dc - (double)q.b0 - (double)q.b2);
  return q;
}

/* Jury's conditions on the rounded coefficients. */
static int stable(const biquad *q)
{
  return fabsf(q->a2) < 1.0f && fabsf(q->a1) < 1.0f + q->a2;
}

static cable_section section_fit(analogue_response h, const void *context,
                                 double rate)
{
  double t[FIT_POINTS], target[FIT_POINTS];
  const double top = FIT_TOP * rate;
  const double ratio = pow(top / FIT_LOWEST, 1.0 / (LOG_POINTS - 1));
  double f = FIT_LOWEST;
  for (int i = 0; i < FIT_POINTS; ++i) {
    if (i >= LOG_POINTS) /* the upper octave, evenly */
      f = top * (1.0 - 0.5 * (i - LOG_POINTS + 1) / (TOP_POINTS + 1));
    const double s = sin(BALUN_PI * f / rate);
    const double magnitude = cabs(h(f, context));
    t[i] = s * s;
    target[i] = fmax(magnitude * magnitude, 1e-24); /* -240 dB */
    f *= ratio;
  }
  /* Second order; where that is not a magnitude (a target far from a
   * cable's), first order; where neither is, flat. The roots of D inside
   * the circle, of N inside or on it, 1 at DC. */
  for (int order = 2; order > 0; --order) {
    magnitude_fit m = fit_of_order(order, t, target);
    if (order == 1) m.n[0] = fmax(m.n[0], -1.0); /* a zero at Nyquist */
    if (!positive(m.n) || !positive(m.d)) continue;
    double num[2];
    cable_section c = {{1.0, 0.0, 0.0}, {0.0, 0.0}};
    minimum_phase(m.n, num);
    minimum_phase(m.d, c.a);
    const double gain = (1.0 + c.a[0] + c.a[1]) / (1.0 + num[0] + num[1]);
    c.b[0] = gain, c.b[1] = gain * num[0], c.b[2] = gain * num[1];
    const biquad q = rounded(&c);
    if (stable(&q)) return c;
  }
  const cable_section flat = {{1.0, 0.0, 0.0}, {0.0, 0.0}};
  return flat;
}

biquad cable_filter_fit(analogue_response h, const void *context, double rate)
{
  const cable_section c = section_fit(h, context, rate);
  return rounded(&c);
}

/* §3: the lumped cable over its passband gain, 1/(1 + jf/f_c). */
static double complex first_order(double f, const void *context)
{
  const double corner = *(const double *)context;
  return 1.0 / (1.0 + I * f / corner);
}

void cable_filter_table_init(cable_filter_table *t, double rate)
{
  for (int i = 0; i < CABLE_TABLE_SIZE; ++i) {
    const double corner =
        rate * exp2(CABLE_TABLE_LOWEST + (double)i / CABLE_TABLE_PER_OCTAVE);
    t->fit[i] = section_fit(first_order, &corner, rate);
  }
  t->rate = rate;
}

biquad cable_filter_lowpass(const cable_filter_table *t, double corner_hz)
{
  const double x =
      (log2(corner_hz / t->rate) - CABLE_TABLE_LOWEST) * CABLE_TABLE_PER_OCTAVE;
  const double at = fmin(fmax(x, 0.0), CABLE_TABLE_SIZE - 1.0);
  const int i = (int)fmin(at, CABLE_TABLE_SIZE - 2.0);
  const double w = at - i;
  const cable_section *a = &t->fit[i], *b = &t->fit[i + 1];
  cable_section c;
  for (int k = 0; k < 3; ++k)
    c.b[k] = a->b[k] + w * (b->b[k] - a->b[k]);
  for (int k = 0; k < 2; ++k)
    c.a[k] = a->a[k] + w * (b->a[k] - a->a[k]);
  return rounded(&c);
}
