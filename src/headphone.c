/* The headphone output stage and its load (physics.md §12). */
#include "model.h"

#include <math.h>

/* Dynamic driver: Z = R_e + R_es / (1 + jQ(f/f_s − f_s/f)), R_e = Z_nom,
 * R_es = 0.6 Z_nom, f_s = 100 Hz, Q = 1.5 (§12, stated choices). */
#define DYNAMIC_RES_RATIO 0.6
#define DYNAMIC_RES_HZ    100.0
#define DYNAMIC_Q         1.5
/* What a shorted amplifier leg delivers before its protection holds it:
 * "hundreds of mA at most" (§12); a typical headphone amplifier IC. */
#define AMP_CURRENT_LIMIT_A 0.2
/* Crosstalk where nothing couples (the range's floor, ports.md). */
#define NO_CROSSTALK_DB -160.0

balun_headphone headphone_of(balun_headphone_kind kind, const balun_setup *s)
{
  balun_headphone h = {.kind = kind, .drive = 1.0, .noise_legs = 1};
  switch (kind) {
  case HEADPHONE_NONE:
    break;
  case HEADPHONE_SE: /* one amplifier per channel, the sleeve shared */
    h.out_ohm = s->amp_out_ohm;
    h.shared_ohm = s->return_ohm;
    break;
  case HEADPHONE_BRIDGED: /* antiphase pair: 2 V across, 2 Z_out, own return */
    h.drive = 2.0;
    h.out_ohm = 2.0 * s->amp_out_ohm;
    h.noise_legs = 2;
    break;
  default:
  case HEADPHONE_ADAPTER: /* hot legs only, over the adapter's shared return */
    h.kind = HEADPHONE_ADAPTER;
    h.out_ohm = s->amp_out_ohm;
    h.shared_ohm = s->return_ohm;
    break;
  }
  h.self_1k = cabs(headphone_self(&h, s, 1000.0));
  h.leg_volume = s->volume;
  if (s->level_match && h.drive != 1.0) {
    const balun_headphone se = headphone_of(HEADPHONE_SE, s);
    h.leg_volume *= se.self_1k / (h.drive * h.self_1k);
  }
  return h;
}

bool headphone_cold_into_short(const balun_headphone *h)
{
  return h->kind == HEADPHONE_ADAPTER;
}

/* Z_hp(s) = (z0 + z1 s + z2 s²) / (p0 + p1 s + p2 s²) for the three loads
 * (§12). The dynamic driver's resonance R_es / (1 + jQ(f/f_s − f_s/f)) is
 * R_es ∥ L ∥ C with L = R_es/(Q ω_s), C = Q/(R_es ω_s). */
void headphone_impedance_rational(const balun_setup *s, double z[3],
                                  double p[3])
{
  const double r = s->hp_ohm;
  z[0] = r, z[1] = z[2] = 0.0;
  p[0] = 1.0, p[1] = p[2] = 0.0;
  switch (s->hp_load) {
  default:
  case LOAD_DYNAMIC: {
    const double res = DYNAMIC_RES_RATIO * r,
                 ws = 2.0 * BALUN_PI * DYNAMIC_RES_HZ;
    const double l = res / (DYNAMIC_Q * ws);
    p[0] = res, p[1] = l, p[2] = res / (ws * ws);
    z[0] = r * p[0], z[1] = r * p[1] + l * res, z[2] = r * p[2];
    break;
  }
  case LOAD_PLANAR:
    break;
  case LOAD_BA: /* R + jωL with R = Z/2 and |Z(1 kHz)| = Z */
    z[0] = 0.5 * r;
    z[1] = sqrt(r * r - z[0] * z[0]) / (2.0 * BALUN_PI * 1000.0);
    break;
  }
}

static double complex polynomial(const double c[3], double complex x)
{
  return c[0] + x * (c[1] + x * c[2]);
}

double complex headphone_impedance(const balun_setup *s, double f)
{
  double z[3], p[3];
  headphone_impedance_rational(s, z, p);
  const double complex jw = I * 2.0 * BALUN_PI * f;
  return polynomial(z, jw) / polynomial(p, jw);
}

/* The series resistance a mode sees: Z_o, plus 2 R_ret in common. */
static double mode_ohm(const balun_headphone *h, bool common)
{
  return h->out_ohm + (common ? 2.0 * h->shared_ohm : 0.0);
}

void headphone_mode_rational(const balun_headphone *h, const balun_setup *s,
                             bool common, double n[3], double d[3])
{
  double p[3];
  headphone_impedance_rational(s, n, p);
  for (int k = 0; k < 3; ++k)
    d[k] = n[k] + mode_ohm(h, common) * p[k];
}

/* With node g the common return: V_g(1/R_ret + 2/(Z_o+Z)) = (V_L+V_R)/(Z_o+Z)
 * and V_driver = (V − V_g)·Z/(Z_o+Z) (§12). Both channels alike (mid)
 * see Z_o + 2 R_ret; in antiphase (side) the return carries nothing. */
double complex headphone_mode_response(const balun_headphone *h,
                                       const balun_setup *s, double f,
                                       bool common)
{
  const double complex z = headphone_impedance(s, f);
  return z / (z + mode_ohm(h, common));
}

/* Driver voltage per volt of its own amplifier (the other channel silent),
 * and what the silent channel's driver gets: (mid ± side) / 2. */
double complex headphone_self(const balun_headphone *h, const balun_setup *s,
                              double f)
{
  return 0.5 * (headphone_mode_response(h, s, f, true) +
                headphone_mode_response(h, s, f, false));
}

static double complex headphone_cross(const balun_headphone *h,
                                      const balun_setup *s, double f)
{
  return 0.5 * (headphone_mode_response(h, s, f, true) -
                headphone_mode_response(h, s, f, false));
}

double headphone_crosstalk_db(const balun_headphone *h, const balun_setup *s)
{
  if (h->kind == HEADPHONE_NONE || h->shared_ohm <= 0.0) return NO_CROSSTALK_DB;
  const double r = cabs(headphone_cross(h, s, 1000.0)) / h->self_1k;
  const double db = 20.0 * log10(r);
  return db > NO_CROSSTALK_DB ? db : NO_CROSSTALK_DB;
}

double headphone_common_gain(const balun_headphone *h, const balun_setup *s,
                             double f)
{
  if (h->kind == HEADPHONE_NONE) return 1.0;
  return cabs(headphone_mode_response(h, s, f, true)) / h->self_1k;
}

/* SPL = S + 10·log10(P / 1 mW), P = |V_d|² / |Z_hp(1 kHz)|, the power
 * into the nominal impedance that sensitivity is quoted for (§12). */
static double spl_of(const balun_setup *s, double vrms_at_driver)
{
  const double p =
      vrms_at_driver * vrms_at_driver / cabs(headphone_impedance(s, 1000.0));
  return s->hp_sensitivity + 10.0 * log10(p / 1e-3);
}

/* A 0 dBFS 1 kHz sine in one channel drives each leg to swing × volume. */
double headphone_spl_db(const balun_headphone *h, const balun_setup *s)
{
  if (h->kind == HEADPHONE_NONE) return 0.0;
  const double v = h->drive * s->amp_vrms * h->leg_volume * h->self_1k;
  return spl_of(s, v);
}

/* Hiss SPL = S + 10·log10((legs·e_n²/Z)/1 mW) (§12). */
double headphone_hiss_spl_db(const balun_headphone *h, const balun_setup *s)
{
  return spl_of(s, sqrt((double)h->noise_legs) * s->amp_noise_vrms);
}

/* The cold leg at full scale into the adapter's short: V_cold over what
 * limits it, its own output impedance and the shared contact (§12). */
double headphone_short_current_a(const balun_headphone *h, const balun_setup *s)
{
  if (!headphone_cold_into_short(h)) return 0.0;
  return s->amp_vrms * h->leg_volume / (s->amp_out_ohm + s->return_ohm);
}

double headphone_current_limit_a(void)
{
  return AMP_CURRENT_LIMIT_A;
}

/* White noise through the output network, per channel: its power over
 * 20 Hz-20 kHz relative to the flat case, each channel's own noise
 * reaching its driver through (mid + side)/2 and the other through
 * (mid − side)/2: (|H_mid|² + |H_side|²)/2, averaged over the band. */
double headphone_noise_gain(const balun_headphone *h, const balun_setup *s)
{
  /* Simpson over linear frequency (white noise): 64 steps are within
   * 0.01 dB of 20000 for every load on 0.01-120 Ω. */
  enum { STEPS = 64 };
  const double lo = BALUN_BAND_LO_HZ, hi = BALUN_BAND_HI_HZ;
  const double step = (hi - lo) / STEPS;
  double sum = 0.0;
  for (int i = 0; i <= STEPS; ++i) {
    const double f = lo + i * step;
    const double m = cabs(headphone_mode_response(h, s, f, true));
    const double d = cabs(headphone_mode_response(h, s, f, false));
    const double w = (i == 0 || i == STEPS) ? 1.0 : (i % 2 ? 4.0 : 2.0);
    sum += w * 0.5 * (m * m + d * d);
  }
  return sum * step / 3.0 / (hi - lo);
}
