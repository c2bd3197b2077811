/* What the solved circuit says: signal, hum, CMRR and corner (physics.md
 * §3-§6, §13), each from nodal_solve(). */
#include "circuit.h"

#include <math.h>

/* 160 dB: as cmrr.c, nothing real does better; keeps dB values finite. */
#define SMALLEST_ERROR 1e-8
#define CORNER_REF_HZ  20.0
#define CORNER_MAX_HZ  1e10
#define CORNER_STEP    4.0
/* ln f to a part in 1e9, or ln |H| to 1e-12 of the target */
#define CORNER_REL        1e-9
#define CORNER_EXCESS     1e-12
#define CORNER_ITERATIONS 100

double complex circuit_signal(const balun_circuit *c, double f, nodal_work *w)
{
  return nodal_solve(c, f, w).out[EXCITATION_PROGRAMME];
}

double complex circuit_hum_per_volt(const balun_circuit *c, double f,
                                    nodal_work *w)
{
  return nodal_solve(c, f, w).out[EXCITATION_GROUND];
}

/* Superposition of the environment's excitations at harmonic n: the ground
 * current's harmonics (§9) at each one's amplitude; the EMFs ωBA and the
 * leakage current 2πfCV rise with n, a quarter cycle ahead (§4, §7), as in
 * ground.c. */
double complex circuit_hum_harmonic(const balun_circuit *c, int n, double buzz,
                                    nodal_work *w)
{
  if (n < 1) return 0.0;
  const nodal_solution s = nodal_solve(c, n * c->mains_hz, w);
  const double a = mains_harmonic(buzz, c->mains_hz, n);
  double complex hum = 0.0;
  for (int e = EXCITATION_GROUND; e < EXCITATION_COUNT; ++e) {
    const double complex rise = c->rises_with_harmonic[e] ? I * n : 1.0;
    hum += c->scale[e] * rise * s.out[e];
  }
  return a * hum;
}

/* CMRR_eff = A_dm / A_cm (§13): A_dm the programme's gain per volt of
 * differential EMF, A_cm the hum per volt of the common mode the ground
 * loop (or the leakage current) puts on the shield at the receiver. */
double circuit_cmrr_of(const balun_circuit *c, const nodal_solution *s,
                       const nodal_work *w)
{
  const circuit_excitation e =
      c->excited[EXCITATION_GROUND] ? EXCITATION_GROUND : EXCITATION_LEAKAGE;
  const double complex v_cm = nodal_node_voltage(w, c->shield_end, e);
  const double a_dm = cabs(s->out[EXCITATION_PROGRAMME]);
  const double a_cm = cabs(v_cm) > 0.0 ? cabs(s->out[e] / v_cm) : 0.0;
  const double err = a_dm > 0.0 ? a_cm / a_dm : 1.0;
  return -20.0 * log10(err > SMALLEST_ERROR ? err : SMALLEST_ERROR);
}

double circuit_cmrr_db(const balun_circuit *c, double f, nodal_work *w)
{
  const nodal_solution s = nodal_solve(c, f, w);
  return circuit_cmrr_of(c, &s, w);
}

/* ln |H(f)| − ln target */
static double corner_excess(const balun_circuit *c, double target, double u,
                            nodal_work *w)
{
  return log(cabs(circuit_signal(c, exp(u), w)) / target);
}

/* Regula falsi in ln f on ln |H| (the Illinois variant: an end kept twice
 * has its excess halved), to a part in 1e9 of f. */
double circuit_corner_in(const balun_circuit *c, double target, double lo,
                         double hi, nodal_work *w)
{
  double u_lo = log(lo), u_hi = log(hi);
  double g_lo = corner_excess(c, target, u_lo, w);
  double g_hi = corner_excess(c, target, u_hi, w);
  int kept = 0; /* > 0: lo kept, < 0: hi kept */
  for (int i = 0; i < CORNER_ITERATIONS && u_hi - u_lo > CORNER_REL; ++i) {
    if (!(g_lo > 0.0 && g_hi <= 0.0)) break; /* not a bracket: halve no more */
    const double u = (u_lo * g_hi - u_hi * g_lo) / (g_hi - g_lo);
    const double g = corner_excess(c, target, u, w);
    if (!isfinite(g) || g == 0.0) return exp(u);
    if (g > 0.0) {
      u_lo = u, g_lo = g;
      if (kept < 0) g_hi *= 0.5;
      kept = -1;
    } else {
      u_hi = u, g_hi = g;
      if (kept > 0) g_lo *= 0.5;
      kept = 1;
    }
    if (fabs(g) < CORNER_EXCESS) return exp(u);
  }
  return exp(0.5 * (u_lo + u_hi));
}

/* |H(f)| falls through |H(20 Hz)|/√2 once: bracket it by steps of ×4,
 * then close in. */
double circuit_corner_hz(const balun_circuit *c, nodal_work *w)
{
  const double target = cabs(circuit_signal(c, CORNER_REF_HZ, w)) / sqrt(2.0);
  double lo = CORNER_REF_HZ, hi = CORNER_STEP * lo;
  while (cabs(circuit_signal(c, hi, w)) > target) {
    if (hi >= CORNER_MAX_HZ) return CORNER_MAX_HZ;
    lo = hi;
    hi *= CORNER_STEP;
  }
  return circuit_corner_in(c, target, lo, hi, w);
}
