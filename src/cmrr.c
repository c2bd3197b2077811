/* Effective CMRR of the interface, not the chip (physics.md §5). */
#include "model.h"

#include <math.h>

/* Capacitance unbalance of a shielded pair, conductor to shield: the hot
 * leg has 2 % more than the cold one (an assumption; cable data sheets
 * quote a few per cent). It makes long cables lose CMRR at high frequency,
 * as a capacitive imbalance does (§5). */
#define PAIR_CAPACITANCE_UNBALANCE 0.02
/* Gain of the difference amplifier (§5). */
#define RECEIVER_GAIN 1.0
/* 160 dB: nothing real does better; keeps dB values finite. */
#define SMALLEST_ERROR 1e-8

/* One leg's common-mode divider: Z_cm / (Z_cm + Z_s) (§5). */
static double complex leg_divider(double zcm_ohm, double farad, double zs,
                                  double f)
{
  const double complex y = 1.0 / zcm_ohm + I * 2.0 * BALUN_PI * f * farad;
  return 1.0 / (1.0 + zs * y);
}

double complex cmrr_error(const balun_interface *ifc, const balun_setup *s,
                          double f)
{
  if (!ifc->balanced_receiver) return 1.0; /* CMRR 0 dB */
  const balun_receiver_data rx = receiver_data(s->receiver);
  /* Conductor-to-shield capacitance of each leg: for a pair whose
   * conductor-to-conductor capacitance is half its conductor-to-shield
   * capacitance, C_diff = C_cc + C_cs/2 = C_cs (§3). */
  const double c_leg = cable_capacitance_farad(s);
  const double rc = conductor_ohm(s);
  /* ε = Z_cm/(Z_cm+Z_s+) − Z_cm/(Z_cm+Z_s−) (§5), per-leg Z_cm. */
  const double complex imbalance =
      leg_divider(rx.zcm_ohm,
                  rx.zcm_farad + c_leg * (1.0 + PAIR_CAPACITANCE_UNBALANCE),
                  ifc->zs_hot + rc, f) -
      leg_divider(rx.zcm_ohm, rx.zcm_farad + c_leg, ifc->zs_cold + rc, f);
  /* Intrinsic: CMRR = (1+G)/δ (§5); the errors add as phasors. */
  const double intrinsic =
      rx.trimmed_ratio ? s->mismatch / (1.0 + RECEIVER_GAIN) : 0.0;
  return imbalance + intrinsic;
}

double cmrr_db(const balun_interface *ifc, const balun_setup *s, double f)
{
  const double e = cabs(cmrr_error(ifc, s, f));
  return -20.0 * log10(e > SMALLEST_ERROR ? e : SMALLEST_ERROR);
}
