/* What the solved circuit says: signal, hum, CMRR and corner (physics.md
 * §3-§6, §13), each from nodal_solve(). */
#include "circuit.h"

#include <math.h>

/* 160 dB: as cmrr.c, nothing real does better; keeps dB values finite. */
#define SMALLEST_ERROR 1e-8
#define CORNER_REF_HZ  20.0
#define CORNER_MAX_HZ  1e10

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
double circuit_cmrr_db(const balun_circuit *c, double f, nodal_work *w)
{
  const nodal_solution s = nodal_solve(c, f, w);
  const circuit_excitation e =
      c->excited[EXCITATION_GROUND] ? EXCITATION_GROUND : EXCITATION_LEAKAGE;
  const double complex v_cm = nodal_node_voltage(w, c->shield_end, e);
  const double a_dm = cabs(s.out[EXCITATION_PROGRAMME]);
  const double a_cm = cabs(v_cm) > 0.0 ? cabs(s.out[e] / v_cm) : 0.0;
  const double err = a_dm > 0.0 ? a_cm / a_dm : 1.0;
  return -20.0 * log10(err > SMALLEST_ERROR ? err : SMALLEST_ERROR);
}

/* |H(f)| falls through |H(20 Hz)|/√2 once: bracket it by octaves, then
 * halve the bracket in log f to a part in 1e9. */
double circuit_corner_hz(const balun_circuit *c, nodal_work *w)
{
  const double target = cabs(circuit_signal(c, CORNER_REF_HZ, w)) / sqrt(2.0);
  double lo = CORNER_REF_HZ, hi = 2.0 * lo;
  while (cabs(circuit_signal(c, hi, w)) > target) {
    if (hi >= CORNER_MAX_HZ) return CORNER_MAX_HZ;
    lo = hi;
    hi *= 2.0;
  }
  while (hi / lo > 1.0 + 1e-9) {
    const double mid = sqrt(lo * hi);
    if (cabs(circuit_signal(c, mid, w)) > target)
      lo = mid;
    else
      hi = mid;
  }
  return sqrt(lo * hi);
}
