#include "cable_filter.h"

#include <math.h>
#include <stdbool.h>

#include "model.h"

/* The fit's band, as a fraction of the rate: 20 kHz at 44.1 kHz. Above
 * 44.1 kHz it reaches past the audio band, so that the ultrasonic part
 * follows the analogue response too (no peak where nothing was fitted). */
#define FIT_TOP      (20000.0 / 44100.0)
#define FIT_LOWEST   1.0 /* Hz */
#define LOG_POINTS   40  /* from FIT_LOWEST to the top, log-spaced */
#define TOP_POINTS   8   /* and more in its upper octave, where it is hardest */
#define FIT_POINTS   (LOG_POINTS + TOP_POINTS)
#define FIT_PASSES   8 /* it settles in four to six */
#define MAX_ORDER    (2 * CABLE_SECTIONS)
#define MAX_UNKNOWNS (2 * MAX_ORDER)
/* A term of the fit's polynomials this much smaller than the largest is
 * zero, and so is a root of the polynomial in 1/t this small. */
#define NEGLIGIBLE_TERM 1e-13
#define TINY_ROOT       1e-100
#define ROOT_PRECISION  1e-13
#define ROOT_PASSES     200
/* Above the audio band (rates of 88.2 kHz and up) the fit follows the
 * response too, so that nothing peaks there, but its error counts this
 * much of the audio band's. */
#define ULTRASONIC_WEIGHT 0.1
/* where a fit's squared magnitude is checked to be one (positive) */
#define CHECK_POINTS 256

/* The design works in t = sin²(πf/rate): the magnitude squared of a
 * filter with real coefficients is a rational function of t, here
 * N(t)/D(t) with N = 1 + n1 t + ... + n_k t^k, D likewise (both 1 at DC,
 * so the DC gain is exactly 1). */
typedef struct {
  int order;
  double n[MAX_ORDER], d[MAX_ORDER];
} magnitude_fit;

static double poly(const double c[], int order, double t)
{
  double v = 0.0;
  for (int j = order - 1; j >= 0; --j)
    v = t * (c[j] + v);
  return 1.0 + v;
}

/* The least-squares solution x of a x ≈ r (FIT_POINTS rows, k columns),
 * by Householder QR on the columns scaled to unit length (the normal
 * equations would square a condition number that the powers of t make
 * large); a little ridge keeps it solvable when the target is flat and a
 * pole and a zero cancel (only their difference is fitted). */
static void least_squares(int k,
                          double a[FIT_POINTS + MAX_UNKNOWNS][MAX_UNKNOWNS],
                          double r[], double x[])
{
  const int rows = FIT_POINTS + k;
  double scale[MAX_UNKNOWNS];
  for (int j = 0; j < k; ++j) {
    double norm = 0.0;
    for (int i = 0; i < FIT_POINTS; ++i)
      norm += a[i][j] * a[i][j];
    scale[j] = norm > 0.0 ? 1.0 / sqrt(norm) : 0.0;
    for (int i = 0; i < FIT_POINTS; ++i)
      a[i][j] *= scale[j];
    for (int i = FIT_POINTS; i < rows; ++i) /* the ridge */
      a[i][j] = i - FIT_POINTS == j ? 1e-5 : 0.0;
  }
  for (int i = FIT_POINTS; i < rows; ++i)
    r[i] = 0.0;
  for (int p = 0; p < k; ++p) {
    double norm = 0.0;
    for (int i = p; i < rows; ++i)
      norm += a[i][p] * a[i][p];
    norm = sqrt(norm);
    if (norm == 0.0) continue;
    const double alpha = a[p][p] > 0.0 ? -norm : norm;
    double v[FIT_POINTS + MAX_UNKNOWNS];
    for (int i = p; i < rows; ++i)
      v[i] = a[i][p];
    v[p] -= alpha;
    double vv = 0.0;
    for (int i = p; i < rows; ++i)
      vv += v[i] * v[i];
    if (vv == 0.0) continue;
    for (int j = p; j < k; ++j) {
      double d = 0.0;
      for (int i = p; i < rows; ++i)
        d += v[i] * a[i][j];
      d *= 2.0 / vv;
      for (int i = p; i < rows; ++i)
        a[i][j] -= d * v[i];
    }
    double d = 0.0;
    for (int i = p; i < rows; ++i)
      d += v[i] * r[i];
    d *= 2.0 / vv;
    for (int i = p; i < rows; ++i)
      r[i] -= d * v[i];
  }
  for (int i = k - 1; i >= 0; --i) {
    double s = r[i];
    for (int j = i + 1; j < k; ++j)
      s -= a[i][j] * x[j];
    x[i] = a[i][i] != 0.0 ? s / a[i][i] : 0.0;
  }
  for (int j = 0; j < k; ++j)
    x[j] *= scale[j];
}

/* Sanathanan-Koerner (IEEE Trans. Automatic Control 8, 1963): minimise
 * Σ ((N - T D) / (T D_prev))², linear in the coefficients, so that at
 * convergence it is the relative error of N/D against the target T. */
static magnitude_fit fit_of_order(int order, const double t[],
                                  const double target[], const double weight[])
{
  magnitude_fit m = {order, {0.0}, {0.0}};
  const int k = 2 * order;
  for (int pass = 0; pass < FIT_PASSES; ++pass) {
    double a[FIT_POINTS + MAX_UNKNOWNS][MAX_UNKNOWNS];
    double r[FIT_POINTS + MAX_UNKNOWNS];
    for (int i = 0; i < FIT_POINTS; ++i) {
      const double w =
          weight[i] / (target[i] * fmax(fabs(poly(m.d, order, t[i])), 1e-30));
      double power = 1.0;
      for (int j = 0; j < order; ++j) {
        power *= t[i];
        a[i][j] = w * power;
        a[i][order + j] = -w * target[i] * power;
      }
      r[i] = w * (target[i] - 1.0);
    }
    double x[MAX_UNKNOWNS];
    least_squares(k, a, r, x);
    for (int j = 0; j < order; ++j) {
      m.n[j] = x[j];
      m.d[j] = x[order + j];
    }
  }
  return m;
}

/* 1 + c1 t + ... > 0 for t in [0, 1) and >= 0 at 1: a magnitude squared,
 * with its zeros, if any, at Nyquist. */
static int positive(const double c[], int order)
{
  if (poly(c, order, 1.0) < 0.0) return 0;
  for (int i = 0; i < CHECK_POINTS; ++i)
    if (!(poly(c, order, (double)i / CHECK_POINTS) > 0.0)) return 0;
  return 1;
}

/* The roots x of x^k + c1 x^(k-1) + ... + c_k: with x = 1/t, those of
 * 1 + c1 t + ... + c_k t^k. Durand-Kerner (Weierstrass) iteration from
 * the usual spiral of starting points, then Newton's polish. */
static void roots_of(const double c[], int k, double complex x[])
{
  double bound = 1.0; /* Cauchy's: every root within it */
  for (int j = 0; j < k; ++j)
    bound = fmax(bound, 1.0 + fabs(c[j]));
  for (int i = 0; i < k; ++i)
    x[i] = bound * cpow(0.4 + 0.9 * I, i);
  for (int pass = 0; pass < ROOT_PASSES; ++pass) {
    double moved = 0.0;
    for (int i = 0; i < k; ++i) {
      double complex num = 1.0, den = 1.0;
      for (int j = 0; j < k; ++j)
        num = num * x[i] + c[j];
      for (int j = 0; j < k; ++j)
        if (j != i) den *= x[i] - x[j];
      if (den == 0.0) den = 1e-300;
      const double complex step = num / den;
      x[i] -= step;
      /* parts converging on zero (a real root's imaginary part) are
       * zero before they reach the denormals */
      if (fabs(cimag(x[i])) < TINY_ROOT) x[i] = creal(x[i]);
      if (fabs(creal(x[i])) < TINY_ROOT) x[i] = cimag(x[i]) * I;
      moved = fmax(moved, cabs(step) / fmax(cabs(x[i]), 1e-300));
    }
    if (moved < ROOT_PRECISION) break; /* a few ulp: rounding from here */
  }
}

/* The roots ζ, inside the unit circle, of the monic Π(1 - ζ z⁻¹) whose
 * |.|² on the circle is proportional to 1 + c1 t + ... (Fejér-Riesz):
 * each root of the polynomial in t, as 1/t = r, gives the root z of
 * z + 1/z = 2 - 4/r inside the circle, z = r / (r - 2 ∓ 2√(1 - r)). */
static void minimum_phase(const double c[], int k, double complex z[])
{
  double complex r[MAX_ORDER];
  /* a highest coefficient that no t in [0, 1] can tell from zero is
   * zero: its root is at t = ∞, z = 0 (and its powers no denormals) */
  double largest = 1.0;
  for (int j = 0; j < k; ++j)
    largest = fmax(largest, fabs(c[j]));
  int degree = k;
  while (degree > 0 && fabs(c[degree - 1]) < NEGLIGIBLE_TERM * largest)
    --degree;
  roots_of(c, degree, r);
  for (int i = degree; i < k; ++i)
    r[i] = 0.0;
  for (int i = 0; i < k; ++i) {
    const double complex s = 2.0 * csqrt(1.0 - r[i]);
    const double complex below = r[i] - 2.0 - s, above = r[i] - 2.0 + s;
    z[i] = r[i] / (cabs(below) >= cabs(above) ? below : above);
  }
}

/* Roots in pairs, each pair a real quadratic 1 + e1 z⁻¹ + e2 z⁻²: a
 * complex root with its conjugate, real roots two by two (the last one
 * alone, as 1 - ζ z⁻¹), the largest first. Returns the pairs. */
static int pairs_of(double complex z[], int k, double e[][2])
{
  for (int i = 0; i < k; ++i) /* the largest first */
    for (int j = i + 1; j < k; ++j)
      if (cabs(z[j]) > cabs(z[i])) {
        const double complex t = z[i];
        z[i] = z[j], z[j] = t;
      }
  bool used[MAX_ORDER] = {false};
  int n = 0;
  for (int i = 0; i < k; ++i) {
    if (used[i]) continue;
    used[i] = true;
    int mate = -1;
    double nearest = INFINITY;
    for (int j = 0; j < k; ++j) /* its conjugate, or the next real root */
      if (!used[j]) {
        const double d = cabs(z[j] - conj(z[i]));
        if (d < nearest) nearest = d, mate = j;
      }
    if (mate >= 0 && fabs(cimag(z[i])) > 1e-9 * fmax(cabs(z[i]), 1e-300)) {
      used[mate] = true;
      e[n][0] = -2.0 * creal(z[i]);
      e[n][1] = creal(z[i] * conj(z[i]));
    } else {
      int real = -1;
      for (int j = 0; j < k && real < 0; ++j)
        if (!used[j] && fabs(cimag(z[j])) <= 1e-9 * fmax(cabs(z[j]), 1e-300))
          real = j;
      if (real >= 0) {
        used[real] = true;
        e[n][0] = -creal(z[i] + z[real]);
        e[n][1] = creal(z[i]) * creal(z[real]);
      } else {
        e[n][0] = -creal(z[i]);
        e[n][1] = 0.0;
      }
    }
    ++n;
  }
  return n;
}

/* A fitted section before rounding: b0 + b1 z⁻¹ + b2 z⁻² over 1 + a1 z⁻¹ +
 * a2 z⁻². */
typedef struct {
  double b[3], a[2];
} cable_section;

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

static const biquad flat = {1.0f, 0.0f, 0.0f, 0.0f, 0.0f};

/* The fit as sections of unity gain at DC: pole pairs, largest first,
 * each with the zero pair in the same place of the zeros' order. False if
 * a section is not stable once rounded. */
static bool sections_of(const magnitude_fit *m, cable_filter *out)
{
  double complex zn[MAX_ORDER], zd[MAX_ORDER];
  double en[MAX_ORDER][2] = {{0.0}}, ed[MAX_ORDER][2] = {{0.0}};
  minimum_phase(m->n, m->order, zn);
  minimum_phase(m->d, m->order, zd);
  for (int i = 0; i < m->order; ++i)
    if (!(cabs(zd[i]) < 1.0) || !(cabs(zn[i]) <= 1.0 + 1e-9)) return false;
  const int pn = pairs_of(zn, m->order, en), pd = pairs_of(zd, m->order, ed);
  for (int k = 0; k < CABLE_SECTIONS; ++k) {
    if (k >= pn && k >= pd) {
      out->section[k] = flat;
      continue;
    }
    cable_section c = {{1.0, 0.0, 0.0}, {ed[k][0], ed[k][1]}};
    const double *num = en[k];
    const double gain = (1.0 + c.a[0] + c.a[1]) / (1.0 + num[0] + num[1]);
    c.b[0] = gain, c.b[1] = gain * num[0], c.b[2] = gain * num[1];
    out->section[k] = rounded(&c);
    if (!stable(&out->section[k])) return false;
  }
  return true;
}

double complex cable_filter_response(const cable_filter *c, double f,
                                     double rate)
{
  const double complex z1 = cexp(-I * 2.0 * BALUN_PI * f / rate);
  double complex h = 1.0;
  for (int k = 0; k < CABLE_SECTIONS; ++k) {
    const biquad *q = &c->section[k];
    h *=
        (q->b0 + z1 * (q->b1 + z1 * q->b2)) / (1.0 + z1 * (q->a1 + z1 * q->a2));
  }
  return h;
}

/* The largest error of the filter's |H|², in dB, at the fit's points,
 * each weighted. */
static double worst_error_db(const cable_filter *c, const double f[],
                             const double target[], const double weight[],
                             double rate)
{
  double worst = 0.0;
  for (int i = 0; i < FIT_POINTS; ++i) {
    const double complex h = cable_filter_response(c, f[i], rate);
    const double power = creal(h) * creal(h) + cimag(h) * cimag(h);
    const double e =
        weight[i] * fabs(10.0 * log10(fmax(power, 1e-300) / target[i]));
    if (!(e <= worst)) worst = e;
  }
  return worst;
}

cable_filter cable_filter_fit(analogue_response h, const void *context,
                              double rate)
{
  double t[FIT_POINTS], hz[FIT_POINTS], target[FIT_POINTS], weight[FIT_POINTS];
  const double top = FIT_TOP * rate;
  const double ratio = pow(top / FIT_LOWEST, 1.0 / (LOG_POINTS - 1));
  double f = FIT_LOWEST;
  for (int i = 0; i < FIT_POINTS; ++i) {
    if (i >= LOG_POINTS) /* the upper octave, evenly */
      f = top * (1.0 - 0.5 * (i - LOG_POINTS + 1) / (TOP_POINTS + 1));
    const double s = sin(BALUN_PI * f / rate);
    const double magnitude = cabs(h(f, context));
    t[i] = s * s;
    hz[i] = f;
    target[i] = fmax(magnitude * magnitude, 1e-24); /* -240 dB */
    weight[i] = f <= BALUN_BAND_HI_HZ * (1.0 + 1e-9) ? 1.0 : ULTRASONIC_WEIGHT;
    f *= ratio;
  }
  /* Of the fits of order 4 down to 1 that are a magnitude and stable
   * once rounded, and flat, the one nearest to the target at its points (a fit
   * of too high an order for its target can go astray between them). The roots
   * of D inside the circle, of N inside or on it, 1 at DC. */
  cable_filter best, candidate;
  for (int k = 0; k < CABLE_SECTIONS; ++k)
    best.section[k] = flat;
  double best_error = worst_error_db(&best, hz, target, weight, rate);
  for (int order = MAX_ORDER; order > 0; --order) {
    magnitude_fit m = fit_of_order(order, t, target, weight);
    if (order == 1) m.n[0] = fmax(m.n[0], -1.0); /* a zero at Nyquist */
    if (!positive(m.n, order) || !positive(m.d, order)) continue;
    if (!sections_of(&m, &candidate)) continue;
    const double e = worst_error_db(&candidate, hz, target, weight, rate);
    if (e < best_error) best = candidate, best_error = e;
  }
  return best;
}
