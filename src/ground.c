/* Ground loop, shield current, pin-1 and magnetic pickup (physics.md §4-7). */
#include "model.h"

#include <math.h>

/* The safety-ground loop encloses the cable run and the mains cords,
 * 0.1 m apart on average: area = length x 0.1 m (§7: an unbalanced
 * interface picks up magnetic hum through the ground-loop area). */
#define GROUND_LOOP_SPACING_M 0.1
/* An untwisted pair 5 mm apart encloses 5e-3 m² per metre; twisting
 * cancels all but about 1 %. */
#define PAIR_AREA_PER_M 5e-5
/* Star-quad lowers differential pickup by 20-50 dB; Benchmark measured
 * 20-30 dB. We take 30 dB (§7). */
#define STAR_QUAD_REDUCTION 0.031622776601683794
/* Pin-1 problem: shield current through the receiver's internal ground,
 * 10 mΩ of trace and wire (§6) with 1.6 µH of inductance, so that the
 * coupling rises 6 dB/oct above 1 kHz (shield-current-induced noise). */
#define PIN1_OHM   0.01
#define PIN1_HENRY 1.6e-6

/* Two-prong: the leakage I = 2πfCV per harmonic, a current source that
 * nothing in the loop changes (§4, §13); relative to the mains voltage's
 * harmonic it is ×n, and it leads it by 90°: I_leak·(jn). Three-prong:
 * the EMF around the loop, chassis voltage plus Faraday's ωBA (§4, §7),
 * over the loop's resistance. */
double complex shield_current(const balun_setup *s, int n)
{
  if (s->two_prong) return s->leakage_a * (I * n);
  const double w = 2.0 * BALUN_PI * n * s->mains_hz;
  const double complex emf =
      s->ground_v + I * w * s->field_t * s->length_m * GROUND_LOOP_SPACING_M;
  return emf / (shield_ohm(s) + s->ground_ohm);
}

/* Interference from harmonic n of unit amplitude, with a CMRR error
 * `eps` and an extra imbalance leak factor `leak` (the caller splits ε
 * between them). */
static balun_hum coupling(const balun_interface *ifc, const balun_setup *s,
                          int n, double complex eps, double complex leak)
{
  const double w = 2.0 * BALUN_PI * n * s->mains_hz;
  const double rsh = shield_ohm(s);
  const double complex i_shield = shield_current(s, n);
  /* V_noise = V_g · R_sh / (R_sh + Z_g) (§4): the shield drop. */
  const double complex v_shield = i_shield * rsh;
  balun_hum h = {0.0, 0.0};
  if (!ifc->balanced_receiver) { /* shield is the return: in series */
    h.series = v_shield;
    return h;
  }
  h.direct = v_shield * (eps + leak); /* hum = V_cm / CMRR (§5) */
  if (s->pin1_problem)                /* bypasses CMRR (§6) */
    h.direct += i_shield * (PIN1_OHM + I * w * PIN1_HENRY);
  if (ifc->pair) { /* V = ωBA of the pair's residual loop (§7) */
    const double area = PAIR_AREA_PER_M * s->length_m *
                        (ifc->star_quad ? STAR_QUAD_REDUCTION : 1.0);
    h.direct += I * w * s->field_t * area;
  }
  return h;
}

balun_hum hum_phasor_of(const balun_interface *ifc, const balun_setup *s,
                        const balun_cmrr_parts *cmrr, int n)
{
  const double a = mains_harmonic(s->buzz, s->mains_hz, n);
  const double complex eps = cmrr->intrinsic + cmrr_leak(cmrr, n * s->mains_hz);
  balun_hum h = coupling(ifc, s, n, eps, 0.0);
  h.series *= a;
  h.direct *= a;
  return h;
}

balun_hum hum_phasor(const balun_interface *ifc, const balun_setup *s, int n)
{
  const balun_cmrr_parts cmrr = cmrr_parts(ifc, s);
  return hum_phasor_of(ifc, s, &cmrr, n);
}

/* P(jn) = c0 + c1·jn + c2·(jn)² from P at n = 1 and n = 2. */
static balun_poly poly_from(double complex p1, double complex p2)
{
  balun_poly p;
  p.c[2] = (creal(p1) - creal(p2)) / 3.0;
  p.c[0] = creal(p1) + p.c[2];
  p.c[1] = cimag(p1);
  return p;
}

balun_hum_polys hum_polynomials(const balun_interface *ifc,
                                const balun_setup *s)
{
  const balun_cmrr_parts e = cmrr_parts(ifc, s);
  balun_hum h[2], leak[2];
  for (int n = 1; n <= 2; ++n) {
    /* the imbalance numerator gain·(n0 + jω·n1), without its poles */
    const double w = 2.0 * BALUN_PI * n * s->mains_hz;
    const double complex numerator = e.gain * (e.n0 + I * w * e.n1);
    h[n - 1] = coupling(ifc, s, n, e.intrinsic, 0.0);
    leak[n - 1] = coupling(ifc, s, n, 0.0, numerator);
    leak[n - 1].direct -= coupling(ifc, s, n, 0.0, 0.0).direct;
  }
  balun_hum_polys p = {
      .series = poly_from(h[0].series, h[1].series),
      .direct = poly_from(h[0].direct, h[1].direct),
      .leak = poly_from(leak[0].direct, leak[1].direct),
      .leak_pole_hz = {e.pole_hz[0], e.pole_hz[1]},
  };
  return p;
}
