/* Effective CMRR of the interface, not the chip (physics.md §5). */
#include "model.h"

#include <math.h>

/* Gain of the difference amplifier (§5). */
#define RECEIVER_GAIN 1.0
/* 160 dB: nothing real does better; keeps dB values finite. */
#define SMALLEST_ERROR 1e-8
/* A leg with no capacitance has no pole: put it far beyond audio. */
#define NO_POLE_HZ 1e12

/* ε = Z_cm/(Z_cm+Z_s+) − Z_cm/(Z_cm+Z_s−) (§5) with per-leg
 * Z_cm = R ∥ 1/(sC), i.e. D = 1/(1 + Z_s·Y), Y = 1/R + sC. Then
 * D+ − D− = (Z_s−·Y− − Z_s+·Y+) / ((1 + Z_s+·Y+)(1 + Z_s−·Y−)):
 * a first-order numerator over two one-pole low-passes. */
balun_cmrr_parts cmrr_parts(const balun_interface *ifc, const balun_setup *s)
{
  balun_cmrr_parts p = {.intrinsic = 1.0, .pole_hz = {NO_POLE_HZ, NO_POLE_HZ}};
  if (!ifc->balanced_receiver) return p; /* CMRR 0 dB */
  const balun_receiver_data rx = receiver_data(s->receiver);
  /* Conductor-to-shield capacitance of each leg: for a pair whose
   * conductor-to-conductor capacitance is half its conductor-to-shield
   * capacitance, C_diff = C_cc + C_cs/2 = C_cs (§3). It adds to Z_cm. */
  const double c_cable = cable_capacitance_farad(s);
  const double c[2] = {rx.zcm_farad +
                           c_cable * (1.0 + BALUN_PAIR_CAPACITANCE_UNBALANCE),
                       rx.zcm_farad + c_cable};
  const double zs[2] = {ifc->zs_hot + conductor_ohm(s),
                        ifc->zs_cold + conductor_ohm(s)};
  p.n0 = (zs[1] - zs[0]) / rx.zcm_ohm;
  p.n1 = zs[1] * c[1] - zs[0] * c[0];
  p.gain = 1.0;
  for (int leg = 0; leg < 2; ++leg) {
    const double k = 1.0 + zs[leg] / rx.zcm_ohm;
    p.gain /= k;
    const double tau = zs[leg] * c[leg] / k;
    p.pole_hz[leg] = tau > 0.0 ? 1.0 / (2.0 * BALUN_PI * tau) : NO_POLE_HZ;
  }
  /* Intrinsic: CMRR = (1+G)/δ (§5); the errors add as phasors. */
  p.intrinsic = rx.trimmed_ratio ? s->mismatch / (1.0 + RECEIVER_GAIN) : 0.0;
  return p;
}

/* The imbalance part of ε at f: gain·(n0 + jω·n1) / Π(1 + jf/f_pole). */
double complex cmrr_leak(const balun_cmrr_parts *p, double f)
{
  return p->gain * (p->n0 + I * 2.0 * BALUN_PI * f * p->n1) /
         ((1.0 + I * f / p->pole_hz[0]) * (1.0 + I * f / p->pole_hz[1]));
}

double complex cmrr_error(const balun_interface *ifc, const balun_setup *s,
                          double f)
{
  const balun_cmrr_parts p = cmrr_parts(ifc, s);
  return p.intrinsic + cmrr_leak(&p, f);
}

double cmrr_db(const balun_interface *ifc, const balun_setup *s, double f)
{
  const double e = cabs(cmrr_error(ifc, s, f));
  return -20.0 * log10(e > SMALLEST_ERROR ? e : SMALLEST_ERROR);
}
