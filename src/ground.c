/* Ground loop, shield current, pin-1 and magnetic pickup (physics.md §4-7). */
#include "model.h"

#include <math.h>

/* Two-prong: the leakage I = 2πfCV per harmonic, a current source that
 * nothing in the loop changes (§4, §13); relative to the mains voltage's
 * harmonic it is ×n, and it leads it by 90°: I_leak·(jn). Three-prong:
 * the EMF around the loop, chassis voltage plus Faraday's ωBA (§4, §7),
 * over the loop's resistance. */
double complex shield_current(const balun_setup *s, int n)
{
  if (s->two_prong) return s->leakage_a * (I * n);
  const double w = 2.0 * BALUN_PI * n * s->mains_hz;
  const double complex emf = s->ground_v + I * w * s->field_t * s->length_m *
                                               BALUN_GROUND_LOOP_SPACING_M;
  return emf / (shield_ohm(s) + s->ground_ohm);
}

/* ΔM·ℓ (§13, model.h): the pair's imbalance of mutual inductance to the
 * shield. */
double scin_henry(const balun_interface *ifc, const balun_setup *s)
{
  if (!ifc->pair) return 0.0;
  return BALUN_SCIN_HENRY_PER_M * s->length_m *
         (ifc->star_quad ? BALUN_SCIN_STAR_QUAD_FRACTION : 1.0);
}

/* V_diff = jω·ΔM·ℓ·I_shield (Brown & Whitlock, AES preprint 5747; §13). */
double complex scin_voltage(const balun_interface *ifc, const balun_setup *s,
                            double complex i_shield, double f)
{
  return I * 2.0 * BALUN_PI * f * scin_henry(ifc, s) * i_shield;
}

/* Interference from harmonic n of unit amplitude, with the CMRR error
 * `eps` at its frequency. */
static balun_hum coupling(const balun_interface *ifc, const balun_setup *s,
                          int n, double complex eps)
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
  h.direct = v_shield * eps; /* hum = V_cm / CMRR (§5) */
  if (s->pin1_problem)       /* bypasses CMRR (§6) */
    h.direct += i_shield * (BALUN_PIN1_OHM + I * w * BALUN_PIN1_HENRY);
  /* shield-current-induced noise: differential, past any CMRR (§13) */
  h.direct += scin_voltage(ifc, s, i_shield, n * s->mains_hz);
  if (ifc->pair) { /* V = ωBA of the pair's residual loop (§7) */
    const double area = BALUN_PAIR_AREA_PER_M * s->length_m *
                        (ifc->star_quad ? BALUN_STAR_QUAD_REDUCTION : 1.0);
    h.direct += I * w * s->field_t * area;
  }
  return h;
}

balun_hum hum_phasor_of(const balun_interface *ifc, const balun_setup *s,
                        const balun_cmrr_parts *cmrr, int n)
{
  const double a = mains_harmonic(s->buzz, s->mains_hz, n);
  const double complex eps = cmrr->intrinsic + cmrr_leak(cmrr, n * s->mains_hz);
  balun_hum h = coupling(ifc, s, n, eps);
  h.series *= a;
  h.direct *= a;
  return h;
}

balun_hum hum_phasor(const balun_interface *ifc, const balun_setup *s, int n)
{
  const balun_cmrr_parts cmrr = cmrr_parts(ifc, s);
  return hum_phasor_of(ifc, s, &cmrr, n);
}
