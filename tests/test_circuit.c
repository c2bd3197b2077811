/* The solved circuit (src/circuit.c, src/nodal.c) against numbers worked by
 * hand from ../shared/reference/physics.md (§ numbers refer to it), against
 * the departures from the closed form that §13 lists, and against ngspice
 * solving the same netlist. The test suite needs ngspice
 * (tools/install-deps --test). */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <cmocka.h>

#include "circuit.h"
#include "spice_netlist.h"

#define assert_near(actual, expected, tolerance)                               \
  do {                                                                         \
    const double a_ = (actual), e_ = (expected), t_ = (tolerance);             \
    if (!(fabs(a_ - e_) <= t_))                                                \
      fail_msg("%s = %.6g, expected %.6g +- %.3g", #actual, a_, e_, t_);       \
  } while (0)

/* The solver's work, as large as any circuit gets (main()). */
static nodal_work *work;
static balun_circuit circuit;

static double db(double ratio)
{
  return 20.0 * log10(ratio);
}

static balun_setup defaults(void)
{
  float v[PORT_COUNT];
  port_defaults(v);
  return setup_from_ports(v);
}

static const balun_circuit *build(balun_path path, const balun_setup *s,
                                  int sections)
{
  const circuit_options o = {.sections = sections};
  assert_true(circuit_of(path, s, &o, &circuit));
  return &circuit;
}

/* §3: passband loss R_in/(R_s+R_c+R_in): 100 Ω, 3 m of 24 AWG (R_c =
 * 1.72e-8·3/0.205e-6 = 0.2517 Ω), shield 0.06 Ω, 47 kΩ: 0.997870. The
 * shield's share of the return (0.06 Ω ∥ the 0.2 Ω earth) moves it by
 * 3e-7; 20 Hz is far below the corner. */
static void unbalanced_passband_loss(void **state)
{
  (void)state;
  const balun_setup s = defaults();
  const balun_circuit *c = build(PATH_RCA, &s, 0);
  assert_near(cabs(circuit_signal(c, 20.0, work)), 0.997870, 2e-6);
}

/* §3: f_c = 1/(2π (R_s ∥ R_in) C), exact for a first-order RC: 10 kΩ ∥
 * 47 kΩ = 8245.6 Ω with 3 m × 100 pF/m = 300 pF: 64.34 kHz. The ladder's
 * 0.3 Ω of conductors shifts it by parts in 1e5; 1 % allowed. */
static void short_cable_corner(void **state)
{
  (void)state;
  balun_setup s = defaults();
  s.source_ohm = 10e3;
  assert_near(circuit_corner_hz(build(PATH_RCA, &s, 0), work), 64.34e3,
              0.01 * 64.34e3);
}

/* §3, Whitlock: 200 ft of 17 pF/ft (3.4 nF) from 1 kΩ rolls off at
 * about 50 kHz: 1/(2π·1 kΩ·3.4 nF) = 46.8 kHz. A 1 MΩ input, and the
 * cable's 6.3 Ω of conductors in series, lower it by at most 0.5 %. */
static void whitlock_200_ft(void **state)
{
  (void)state;
  balun_setup s = defaults();
  s.source_ohm = 1e3;
  s.input_ohm = 1e6;
  s.length_m = 200 * 0.3048;
  s.capacitance_per_m = 3.4e-9 / s.length_m;
  const double f = circuit_corner_hz(build(PATH_RCA, &s, 0), work);
  printf("Whitlock 200 ft, 17 pF/ft, 1 kOhm: corner %.0f Hz\n", f);
  assert_near(f, 46.6e3, 0.01 * 46.6e3);
}

/* §5: 10 Ω imbalance into the 4 × 10 kΩ receiver, δ = 0: ε ≈ ΔZ/Z_cm =
 * 10/20 kΩ, 66 dB. Exactly, by node equations of the topology (hot via
 * Z_h = 100.25 Ω into R3 + R4; cold via Z_c = 110.25 Ω into R1 and the
 * virtual node at V_p; out = V_p − R2·I_cold): A_dm for ±1/2 and A_cm for
 * 1 V on both legs give 66.07 dB. */
static void imbalance_into_difference_amplifier(void **state)
{
  (void)state;
  balun_setup s = defaults();
  s.mismatch = 0.0;
  s.imbalance_ohm = 10.0;
  const double cmrr =
      circuit_cmrr_db(build(PATH_XLR_CONSUMER, &s, 0), 50.0, work);
  printf("10 Ohm imbalance, 4 x 10 kOhm: CMRR %.2f dB\n", cmrr);
  assert_near(cmrr, 66.07, 0.05);
}

/* §5: 1 % parts, worst case δ = 4 %: (1+G)/δ = 50, 34 dB. With δ on R4
 * and the 100.25 Ω source legs, the same node equations give 34.19 dB
 * (the closed form is first order in δ). */
static void one_percent_resistors_worst_case(void **state)
{
  (void)state;
  balun_setup s = defaults();
  s.mismatch = 0.04;
  s.imbalance_ohm = 0.0;
  const double cmrr =
      circuit_cmrr_db(build(PATH_XLR_CONSUMER, &s, 0), 50.0, work);
  assert_near(cmrr, 34.19, 0.05);
}

/* §13: adapters on pair cable; a lumped coax value puts the corner ×2.1
 * and ×1.5 too high. 10 kΩ, 30 m of 100 pF/m (C = 3 nF), 47 kΩ: the coax
 * lumped corner is 1/(2π·8245.6 Ω·3 nF) = 6434 Hz. Cold shorted: hot
 * loaded by 1.02 C_cs + C_cc = 1.52 C, ×1.52. Fake balanced (cold driven
 * in antiphase, open at the receiver): 1.02 C_cs + 2 C_cc = 2.02 C if the
 * cold end were an exact mirror, but it carries no 47 kΩ and lags; the
 * two nodal equations of the lumped pair, hot (1/R_s + 1/R_in + jω·1.52C)
 * V_h − jω·0.5C·V_c = V/R_s and cold (1/R_s + jω·1.5C) V_c − jω·0.5C·V_h =
 * −V/R_s, solved by hand for |V_h| = |V_h(0)|/√2, give 2999 Hz: ×2.145.
 * The ladder's conductors move both by parts in 1e4: 0.5 %. */
static void adapters_on_pair_cable(void **state)
{
  (void)state;
  balun_setup s = defaults();
  s.source_ohm = 10e3;
  s.length_m = 30.0;
  const double coax = 6434.0;
  const double fake =
      circuit_corner_hz(build(PATH_XLR_FAKE_BALANCED, &s, 0), work);
  const double shorted =
      circuit_corner_hz(build(PATH_COLD_SHORTED, &s, 0), work);
  printf("coax lumped %.0f Hz; fake balanced %.0f Hz (x%.3f); cold shorted "
         "%.0f Hz (x%.3f)\n",
         coax, fake, coax / fake, shorted, coax / shorted);
  assert_near(coax / fake, 2.145, 0.005 * 2.145);
  assert_near(coax / shorted, 1.520, 0.005 * 1.520);
}

static double hum_db(const balun_circuit *c, double f)
{
  return db(cabs(circuit_hum_per_volt(c, f, work)));
}

static double signal_db(const balun_circuit *c, double f)
{
  return db(cabs(circuit_signal(c, f, work)));
}

/* §13: eight sections agree with twenty within 0.1 dB, for the long
 * high-impedance RCA run and a long balanced one, signal and hum. */
static void eight_sections_agree_with_twenty(void **state)
{
  (void)state;
  balun_setup s = defaults();
  s.source_ohm = 10e3;
  s.length_m = 100.0;
  s.capacitance_per_m = 200e-12;
  const balun_path paths[] = {PATH_RCA, PATH_XLR_CONSUMER, PATH_COLD_SHORTED};
  const double f[] = {1e3, 3e3, 10e3, 20e3};
  for (size_t p = 0; p < sizeof paths / sizeof *paths; ++p)
    for (size_t i = 0; i < sizeof f / sizeof *f; ++i) {
      const double h8 = hum_db(build(paths[p], &s, 8), f[i]);
      const double s8 = signal_db(&circuit, f[i]);
      const double h20 = hum_db(build(paths[p], &s, 20), f[i]);
      const double s20 = signal_db(&circuit, f[i]);
      assert_near(h8, h20, 0.1);
      assert_near(s8, s20, 0.1);
    }
}

/* §13: the loop's self-inductance, L = (µ0/π)·ℓ·ln(0.1 m/1.8 mm) =
 * 1.607 µH/m, against the loop resistance R_sh + Z_g at 3 kHz:
 * 3 m: 0.26 Ω vs ωL = 0.0909 Ω, −0.50 dB; 30 m: 0.8 Ω vs 0.909 Ω,
 * −3.60 dB (§13 rounds it to −3.5). */
static void ground_loop_inductance(void **state)
{
  (void)state;
  const double length[] = {3.0, 30.0}, expected[] = {-0.50, -3.60};
  for (int i = 0; i < 2; ++i) {
    balun_setup s = defaults();
    s.length_m = length[i];
    circuit_options o = {.resistive_loop = true};
    assert_true(circuit_of(PATH_RCA, &s, &o, &circuit));
    const double without = hum_db(&circuit, 3e3);
    o.resistive_loop = false;
    assert_true(circuit_of(PATH_RCA, &s, &o, &circuit));
    const double with = hum_db(&circuit, 3e3);
    printf("loop inductance, %g m, 3 kHz: %+.2f dB\n", length[i],
           with - without);
    assert_near(with - without, expected[i], 0.03);
  }
}

/* §13: the distributed cable on a long high-impedance RCA run (10 kΩ,
 * 100 m, 200 pF/m): above the in-band corner the hum is filtered less than
 * the signal, so more hum than the lumped model (one section, C at the
 * receiver end) at 10 kHz. */
static void distributed_cable_rca_hum(void **state)
{
  (void)state;
  balun_setup s = defaults();
  s.source_ohm = 10e3;
  s.length_m = 100.0;
  s.capacitance_per_m = 200e-12;
  const double lumped = hum_db(build(PATH_RCA, &s, 1), 10e3);
  const double ladder = hum_db(build(PATH_RCA, &s, 20), 10e3);
  printf("distributed RCA hum at 10 kHz: %+.2f dB over lumped\n",
         ladder - lumped);
  assert_near(ladder - lumped, 16.0, 0.5); /* §13 rounds to the dB */
}

/* §13: lumping the capacitance at one end is pessimistic for balanced
 * CMRR at kHz, ≈5.5 dB at 3 kHz over 100 m into a difference amplifier:
 * along a ladder the shield's loop-current drop falls towards the source,
 * so the cable's capacitive imbalance sees about half the common mode
 * (−6 dB); the resistive imbalance, which sees all of it, dilutes that to
 * 4.6-6.5 dB for 10 Ω-0 Ω of it (the defaults: 10 Ω, δ = 0.01 %). */
static void distributed_cable_balanced_cmrr(void **state)
{
  (void)state;
  balun_setup s = defaults();
  s.length_m = 100.0;
  /* the capacitances' doing alone: shield-current-induced noise, which
   * the ladder does not change, left out */
  circuit_options o = {.sections = 1, .no_scin = true};
  assert_true(circuit_of(PATH_XLR_CONSUMER, &s, &o, &circuit));
  const double lumped = hum_db(&circuit, 3e3);
  o.sections = 20;
  assert_true(circuit_of(PATH_XLR_CONSUMER, &s, &o, &circuit));
  const double ladder = hum_db(&circuit, 3e3);
  printf("distributed balanced hum at 3 kHz, 100 m: %+.2f dB against "
         "lumped\n",
         ladder - lumped);
  assert_true(ladder - lumped < -4.5 && ladder - lumped > -6.5);
}

/* §6, §13: the pin-1 impedance is part of the ground loop. 1.2 m of
 * 20 mΩ/m and 10 mΩ of earth make a 34 mΩ loop; the shield current
 * crosses the trace Z_t = 10 mΩ + jω·1.6 µH into the output, against a
 * 10 MΩ receiver with nothing else to leak. At 50 Hz, with the loop's
 * 1.607 µH/m × 1.2 m: |Z_t| / |34 mΩ + Z_t + jωL| = 0.010013 / 0.044014,
 * −12.86 dB per volt; the closed form's V_g/34 mΩ · Z_t is 2.24 dB more
 * (§13: +2.2 dB). */
static void pin1_in_a_34_milliohm_loop(void **state)
{
  (void)state;
  balun_setup s = defaults();
  s.receiver = RECEIVER_HIGH_ZCM;
  s.imbalance_ohm = 0.0;
  s.mismatch = 0.0;
  s.pin1_problem = true;
  s.length_m = 1.2;
  s.ground_ohm = 0.01;
  assert_near(hum_db(build(PATH_XLR_CONSUMER, &s, 0), 50.0), -12.86, 0.02);
  /* the shield lands on the signal ground; with pin 1 right, on the
   * chassis, which is what the output is read against */
  assert_int_equal(circuit.shield_end, circuit_node(&circuit, "rx_signal"));
  s.pin1_problem = false;
  build(PATH_XLR_CONSUMER, &s, 0);
  assert_int_equal(circuit.shield_end, circuit_node(&circuit, "rx_chassis"));
  assert_int_equal(circuit.out_ref, circuit_node(&circuit, "rx_chassis"));
}

/* §4, §7: a 10 µT field at 50 Hz, no ground voltage. The ground loop
 * (3 m × 0.1 m) gets ωBA = 2π·50·1e-5·0.3 = 942.5 µV, driving
 * 942.5 µV / |0.26 Ω + jω·4.82 µH| through the 0.06 Ω shield: 217.5 µV,
 * 217.0 µV after the 47 kΩ input's divider. The pair's residual loop
 * (5e-5 m²/m × 3 m) gets 0.4712 µV in series with the legs, into the
 * high-Z_cm stage's 24 kΩ ∥ 20 MΩ from 200.5 Ω: 0.4673 µV. */
static void magnetic_pickup(void **state)
{
  (void)state;
  balun_setup s = defaults();
  s.ground_v = 0.0;
  s.field_t = 10e-6;
  build(PATH_RCA, &s, 0);
  assert_near(cabs(circuit_hum_harmonic(&circuit, 1, s.buzz, work)), 217.03e-6,
              0.001 * 217.03e-6);
  s.receiver = RECEIVER_HIGH_ZCM;
  s.imbalance_ohm = 0.0;
  s.mismatch = 0.0;
  build(PATH_XLR_CONSUMER, &s, 0);
  assert_near(cabs(circuit_hum_harmonic(&circuit, 1, s.buzz, work)), 0.4673e-6,
              0.002 * 0.4673e-6);
}

/* §13, two-prong: 100 µA through 3 m × 20 mΩ/m = 60 mΩ is 6 µV, −110.46
 * dB re 2 V; the 47 kΩ input's divider (0.99787) makes it −110.48 dBFS.
 * A current source: the loop impedance does not matter. The current
 * rises 6 dB/oct (2πfCV), so does the hum. */
static void two_prong_leakage(void **state)
{
  (void)state;
  balun_setup s = defaults();
  const double ground_ohm[] = {0.01, 0.2, 10.0};
  for (int i = 0; i < 3; ++i) {
    s.ground_ohm = ground_ohm[i];
    const circuit_options o = {.two_prong = true, .leakage_a = 100e-6};
    assert_true(circuit_of(PATH_RCA, &s, &o, &circuit));
    const double h1 = cabs(circuit_hum_harmonic(&circuit, 1, s.buzz, work));
    const double h2 = cabs(circuit_hum_harmonic(&circuit, 2, s.buzz, work)) /
                      mains_harmonic(s.buzz, s.mains_hz, 2);
    assert_near(db(h1 / 2.0), -110.48, 0.02);
    assert_near(db(h2 / h1), 6.02, 0.01);
  }
}

/* The circuit of a scene is the scene: loop_type 1 (two-prong) and
 * leakage_current 100 µA on the ports, no options, give §13's 100 µA ×
 * 60 mΩ = 6 µV, −110.48 dBFS on RCA (as two_prong_leakage), whatever
 * ground_impedance says; loop_type 0 gives the ground loop back. */
static void two_prong_from_the_setup(void **state)
{
  (void)state;
  float v[PORT_COUNT];
  port_defaults(v);
  v[PORT_LOOP_TYPE] = 1.0f;
  v[PORT_LEAKAGE_CURRENT] = 100.0f; /* µA */
  const double ground_ohm[] = {0.01, 0.2, 10.0};
  for (int i = 0; i < 3; ++i) {
    balun_setup s = setup_from_ports(v);
    s.ground_ohm = ground_ohm[i];
    assert_true(circuit_of(PATH_RCA, &s, NULL, &circuit));
    assert_true(circuit.excited[EXCITATION_LEAKAGE]);
    assert_false(circuit.excited[EXCITATION_GROUND]);
    const double h1 = cabs(circuit_hum_harmonic(&circuit, 1, s.buzz, work));
    assert_near(db(h1 / 2.0), -110.48, 0.02);
  }
  v[PORT_LOOP_TYPE] = 0.0f;
  const balun_setup s = setup_from_ports(v);
  assert_true(circuit_of(PATH_RCA, &s, &(circuit_options){0}, &circuit));
  assert_true(circuit.excited[EXCITATION_GROUND]);
  assert_false(circuit.excited[EXCITATION_LEAKAGE]);
}

/* §13, shield-current-induced noise in the circuit: 10 mA of two-prong
 * leakage in 100 m of pair, 1 pF/m, 1 Ω legs, a high-Z_cm receiver with
 * δ = 0: the hum per ampere at f is jω·ΔM·ℓ = j·2π·f·1e-9·100, 628.32 µΩ
 * at 1 kHz (model.h's ΔM), in series with the legs' 2 × (1 + 8.4) Ω into
 * the receiver's 24 kΩ: 627.83 µΩ, rising 6.02 dB per octave, the same
 * in ngspice; without it (no_scin) 60 dB less. */
static void scin_in_the_circuit(void **state)
{
  (void)state;
  balun_setup s = defaults();
  s.receiver = RECEIVER_HIGH_ZCM;
  s.length_m = 100.0;
  s.capacitance_per_m = 1e-12;
  s.source_ohm = 1.0;
  s.imbalance_ohm = 0.0;
  s.mismatch = 0.0;
  s.star_quad = false;
  s.two_prong = true;
  s.leakage_a = 10e-3;
  const double f[] = {1e3, 2e3};
  assert_true(circuit_of(PATH_XLR_CONSUMER, &s, NULL, &circuit));
  const double complex h1 =
      nodal_solve(&circuit, f[0], work).out[EXCITATION_LEAKAGE];
  const double complex h2 =
      nodal_solve(&circuit, f[1], work).out[EXCITATION_LEAKAGE];
  printf("SCIN, 100 m, 1 kHz: %.4g uOhm, %+.2f deg; octave %+.3f dB\n",
         cabs(h1) * 1e6, carg(h1) * 180.0 / BALUN_PI, db(cabs(h2 / h1)));
  assert_near(cabs(h1), 627.83e-6, 0.001 * 627.83e-6);
  assert_near(db(cabs(h2 / h1)), 6.02, 0.01);
  if (!spice_available())
    fail_msg("ngspice not found: run tools/install-deps --test");
  double complex theirs[2];
  assert_true(spice_solve(&circuit, EXCITATION_LEAKAGE, f, 2, theirs, NULL));
  assert_near(db(cabs(h1 / theirs[0])), 0.0, 0.01);
  assert_near(carg(h1 / theirs[0]) * 180.0 / BALUN_PI, 0.0, 0.1);
  assert_near(db(cabs(h2 / theirs[1])), 0.0, 0.01);
  const circuit_options o = {.no_scin = true};
  assert_true(circuit_of(PATH_XLR_CONSUMER, &s, &o, &circuit));
  const double complex rest =
      nodal_solve(&circuit, f[0], work).out[EXCITATION_LEAKAGE];
  assert_true(db(cabs(h1 / rest)) > 60.0);
}

/* SCIN's polarity, the closed form's (tests/test_model.c): with pin 1
 * wrong too, 300 m, two-prong, at 1 kHz the shield current crosses the
 * trace, 10 mΩ + jω·1.6 µH, and induces jω·ΔM·ℓ = j·1.885 mΩ in series
 * with the legs' 2 × (1 + 25.2) Ω into 24 kΩ (×0.99782): |0.01 +
 * j(0.010053 + 0.001881)| = 15.570 mΩ per ampere (the other polarity
 * would give 12.914 mΩ, −1.6 dB). */
static void scin_and_pin1_add(void **state)
{
  (void)state;
  balun_setup s = defaults();
  s.receiver = RECEIVER_HIGH_ZCM;
  s.length_m = 300.0;
  s.capacitance_per_m = 1e-13;
  s.source_ohm = 1.0;
  s.imbalance_ohm = 0.0;
  s.mismatch = 0.0;
  s.star_quad = false;
  s.pin1_problem = true;
  s.two_prong = true;
  assert_true(circuit_of(PATH_XLR_CONSUMER, &s, NULL, &circuit));
  const double complex h =
      nodal_solve(&circuit, 1e3, work).out[EXCITATION_LEAKAGE];
  assert_near(cabs(h), 15.570e-3, 0.001e-3);
}

/* Every answer is finite, whatever the setup and the frequency. */
static void finite_for_any_input(void **state)
{
  (void)state;
  const double odd[] = {NAN, INFINITY, -INFINITY, -1.0, 0.0, 1e-300, 1e300};
  const double f[] = {NAN, -5.0, 0.0, 1e-9, 50.0, 2e4, 1e12, INFINITY};
  for (int path = 0; path <= PATH_COUNT; ++path) /* one past the last */
    for (size_t k = 0; k < sizeof odd / sizeof *odd; ++k) {
      balun_setup s = defaults();
      s.receiver = (balun_receiver)(k % (RECEIVER_COUNT + 1));
      s.pin1_problem = k % 2;
      double *field[] = {&s.length_m,   &s.capacitance_per_m,
                         &s.source_ohm, &s.imbalance_ohm,
                         &s.input_ohm,  &s.mismatch,
                         &s.ground_ohm, &s.shield_ohm_per_m,
                         &s.ground_v,   &s.mains_hz,
                         &s.field_t};
      for (size_t j = 0; j < sizeof field / sizeof *field; ++j)
        *field[j] = odd[(k + j) % (sizeof odd / sizeof *odd)];
      const circuit_options o = {.two_prong = k % 3 == 0,
                                 .leakage_a = odd[k],
                                 .sections = (int)k * 7 - 10};
      assert_true(circuit_of((balun_path)path, &s, &o, &circuit));
      for (size_t i = 0; i < sizeof f / sizeof *f; ++i) {
        const nodal_solution r = nodal_solve(&circuit, f[i], work);
        for (int e = 0; e < EXCITATION_COUNT; ++e)
          assert_true(isfinite(creal(r.out[e])) && isfinite(cimag(r.out[e])));
        assert_true(isfinite(r.residual));
      }
      assert_true(isfinite(cabs(circuit_hum_harmonic(&circuit, 3, 1.0, work))));
      assert_true(isfinite(circuit_cmrr_db(&circuit, 50.0, work)));
      assert_true(isfinite(circuit_corner_hz(&circuit, work)));
    }
}

/* One solve at 400 frequencies, timed (the readouts and a plot need
 * about that many). */
static void solve_timing(void **state)
{
  (void)state;
  balun_setup s = defaults();
  build(PATH_XLR_CONSUMER, &s, 0);
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  double worst = 0.0;
  for (int i = 0; i < 400; ++i) {
    const nodal_solution r =
        nodal_solve(&circuit, 20.0 * pow(1000.0, i / 399.0), work);
    worst = fmax(worst, r.residual);
  }
  clock_gettime(CLOCK_MONOTONIC, &t1);
  const double ms =
      (t1.tv_sec - t0.tv_sec) * 1e3 + (t1.tv_nsec - t0.tv_nsec) * 1e-6;
  printf("400 frequencies, %d unknowns: %.1f ms, worst relative residual "
         "%.1e\n",
         work->unknowns, ms, worst);
  assert_true(worst < 1e-14);
}

/* ---- the same circuits through ngspice ---- */
#define SCENES_MAX      64
#define SPICE_POINTS    24
#define SIGNAL_DB_TOL   0.05
#define HUM_DB_TOL      0.05
#define CORNER_TOL      0.005
#define PHASE_DEG_TOL   0.3   /* a 0.5 % phasor error, as 0.05 dB is */
#define CORNER_STEP     0.005 /* ngspice is asked at f_c·(1 ± this) */
#define HUM_BAND_TOP_HZ 5e3

typedef struct {
  char name[32];
  balun_path path;
  balun_setup s;
  circuit_options o;
} scene;

/* Every path with every receiver it can have, in four settings: typical;
 * long, high-impedance and badly imbalanced with pin 1 wrong at 60 Hz;
 * the ill-conditioned corner (10 Ω source, 0.3 m, 1 mΩ/m shield, 0.01 Ω
 * loop, 1 MΩ input, δ = 0.001 %); and two-prong with a 5 % receiver. */
static int make_scenes(scene *out)
{
  static const char *const variant[] = {"typical", "300m 10k pin1",
                                        "0.01ohm 1Mohm", "two-prong"};
  int n = 0;
  for (int p = 0; p < PATH_COUNT; ++p) {
    const balun_interface ifc = interface_of((balun_path)p, &(balun_setup){0});
    const int receivers = ifc.balanced_receiver ? RECEIVER_COUNT : 1;
    for (int r = 0; r < receivers; ++r)
      for (int v = 0; v < 4 && n < SCENES_MAX; ++v) {
        scene *c = &out[n++];
        c->path = (balun_path)p;
        c->s = defaults();
        c->s.receiver = (balun_receiver)r;
        c->s.field_t = 1e-6;
        c->o = (circuit_options){0};
        balun_setup *s = &c->s;
        switch (v) {
        case 1:
          s->source_ohm = 10e3;
          s->imbalance_ohm = 1000.0;
          s->length_m = 300.0;
          s->capacitance_per_m = 200e-12;
          s->input_ohm = 10e3;
          s->mismatch = 0.01;
          s->pin1_problem = true;
          s->mains_hz = 60.0;
          s->field_t = 10e-6;
          break;
        case 2:
          s->source_ohm = 10.0;
          s->imbalance_ohm = 0.0;
          s->length_m = 0.3;
          s->capacitance_per_m = 20e-12;
          s->shield_ohm_per_m = 1e-3;
          s->ground_ohm = 0.01;
          s->input_ohm = 1e6;
          s->mismatch = 1e-5;
          break;
        case 3:
          s->source_ohm = 1e3;
          s->imbalance_ohm = 100.0;
          s->length_m = 30.0;
          s->capacitance_per_m = 400e-12;
          s->shield_ohm_per_m = 0.2;
          s->mismatch = 0.05;
          s->pin1_problem = true;
          s->star_quad = true;
          s->mains_hz = 60.0;
          c->o = (circuit_options){
              .sections = 12, .two_prong = true, .leakage_a = 100e-6};
          break;
        }
        /* no two paths alike: cable data vary with the path too */
        s->capacitance_per_m =
            fmin(s->capacitance_per_m * (1.0 + 0.25 * ((p + r) % 3)), 400e-12);
        if (v != 1) s->length_m *= 1.0 + 0.5 * (p % 3);
        snprintf(c->name, sizeof c->name, "%d/%d %s", p, r, variant[v]);
      }
  }
  return n;
}

static double db_diff(double complex a, double complex b)
{
  if (cabs(a) == 0.0 && cabs(b) == 0.0) return 0.0;
  return fabs(db(cabs(a) / cabs(b)));
}

/* What one scene asks of both: signal at the band edges of 44.1-192 kHz
 * and a few audio points, the corner's neighbourhood, mains harmonics up
 * to 5 kHz. Returns the count; `hum_from` is the first hum frequency. */
static int scene_frequencies(const scene *sc, double corner, double *f,
                             int *hum_from)
{
  static const double signal[] = {20.0,    1e3,     10e3,    20e3,
                                  22050.0, 24000.0, 48000.0, 96000.0};
  static const int harmonic[] = {1, 2, 3, 5, 7, 11, 20, 40, 60, 100};
  int n = 0;
  for (size_t i = 0; i < sizeof signal / sizeof *signal; ++i)
    f[n++] = signal[i];
  f[n++] = corner * (1.0 - CORNER_STEP);
  f[n++] = corner * (1.0 + CORNER_STEP);
  *hum_from = n;
  for (size_t i = 0; i < sizeof harmonic / sizeof *harmonic; ++i)
    if (harmonic[i] * sc->s.mains_hz <= HUM_BAND_TOP_HZ)
      f[n++] = harmonic[i] * sc->s.mains_hz;
  return n;
}

typedef struct {
  double signal, hum, cmrr; /* worst differences, dB */
  double phase;             /* worst difference, degrees */
  double corner;            /* worst difference, a fraction */
} agreement;

static void worst_of(double *worst, double d)
{
  if (!(d <= *worst)) *worst = d; /* NaN counts as the worst */
}

/* ngspice's corner: where its |H| crosses |H(20 Hz)|/√2 between the two
 * points beside the solver's corner, interpolated in log f; a crossing
 * outside them counts as 100 % off. */
static double spice_corner_hz(const double *f, const double complex *h,
                              int below, double *off, double corner)
{
  const double target = db(cabs(h[0]) / sqrt(2.0));
  const double lo = db(cabs(h[below])), hi = db(cabs(h[below + 1]));
  const double t = (lo - target) / (lo - hi);
  const double at = f[below] * pow(f[below + 1] / f[below], t);
  *off = lo >= target && hi <= target ? fabs(at / corner - 1.0) : 1.0;
  return at;
}

static agreement compare_scene(const scene *sc)
{
  assert_true(circuit_of(sc->path, &sc->s, &sc->o, &circuit));
  const double corner = circuit_corner_hz(&circuit, work);
  double f[SPICE_POINTS];
  int hum_from;
  const int count = scene_frequencies(sc, corner, f, &hum_from);
  /* the common mode: the ground loop's, or the leakage current's */
  const circuit_excitation cm =
      sc->o.two_prong ? EXCITATION_LEAKAGE : EXCITATION_GROUND;
  const double cmrr = circuit_cmrr_db(&circuit, f[hum_from], work);
  double complex mine[EXCITATION_COUNT][SPICE_POINTS];
  for (int i = 0; i < count; ++i) {
    const nodal_solution r = nodal_solve(&circuit, f[i], work);
    assert_true(r.residual < 1e-12);
    for (int e = 0; e < EXCITATION_COUNT; ++e)
      mine[e][i] = r.out[e];
  }
  agreement worst = {0, 0, 0, 0, 0};
  double complex theirs[EXCITATION_COUNT][SPICE_POINTS] = {{0}};
  double complex shield[SPICE_POINTS];
  for (int e = 0; e < EXCITATION_COUNT; ++e) {
    if (!circuit.excited[e]) continue;
    if (!spice_solve(&circuit, (circuit_excitation)e, f, count, theirs[e],
                     e == (int)cm ? shield : NULL))
      fail_msg("%s: ngspice gave no answer", sc->name);
    const bool programme = e == EXCITATION_PROGRAMME;
    for (int i = programme ? 0 : hum_from; i < count; ++i) {
      worst_of(programme ? &worst.signal : &worst.hum,
               db_diff(mine[e][i], theirs[e][i]));
      /* phases matter too: the excitations add as phasors */
      if (cabs(theirs[e][i]) > 0.0)
        worst_of(&worst.phase,
                 fabs(carg(mine[e][i] / theirs[e][i])) * 180.0 / BALUN_PI);
    }
  }
  /* A_dm / A_cm from ngspice's node voltages, as circuit_cmrr_db() */
  const double spice_cmrr =
      db(cabs(theirs[EXCITATION_PROGRAMME][hum_from]) * cabs(shield[hum_from]) /
         cabs(theirs[cm][hum_from]));
  if (cmrr < 150.0) worst_of(&worst.cmrr, fabs(cmrr - spice_cmrr));
  const double spice_corner = spice_corner_hz(
      f, theirs[EXCITATION_PROGRAMME], hum_from - 2, &worst.corner, corner);
  printf("%-26s %8.4f %8.4f %7.5f | %8.3f %8.3f %7.5f | %7.2f %7.2f | "
         "%11.1f %11.1f %6.4f\n",
         sc->name, db(cabs(mine[0][1])), db(cabs(theirs[0][1])), worst.signal,
         db(cabs(mine[cm][hum_from])), db(cabs(theirs[cm][hum_from])),
         worst.hum, cmrr, spice_cmrr, corner, spice_corner,
         100.0 * worst.corner);
  return worst;
}

/* The solver and ngspice, on the same netlists: signal within 0.05 dB,
 * hum per harmonic to 5 kHz within 0.05 dB, CMRR at the fundamental
 * within 0.05 dB, corner within 0.5 %. */
static void agrees_with_ngspice(void **state)
{
  (void)state;
  if (!spice_available())
    fail_msg("ngspice not found: run tools/install-deps --test");
  static scene scenes[SCENES_MAX];
  const int n = make_scenes(scenes);
  assert_true(n >= 60);
  printf("%-26s %8s %8s %7s | %8s %8s %7s | %7s %7s | %11s %11s %6s\n", "scene",
         "sig 1k", "ngspice", "worst", "cm f0", "ngspice", "worst", "CMRR f0",
         "ngspice", "corner Hz", "ngspice", "off %");
  agreement worst = {0, 0, 0, 0, 0};
  for (int i = 0; i < n; ++i) {
    const agreement a = compare_scene(&scenes[i]);
    worst_of(&worst.signal, a.signal);
    worst_of(&worst.hum, a.hum);
    worst_of(&worst.phase, a.phase);
    worst_of(&worst.cmrr, a.cmrr);
    worst_of(&worst.corner, a.corner);
  }
  printf("%d scenes (dB; cm: hum per V or per A of the common-mode "
         "excitation), worst: signal %.1e dB, hum %.1e dB, phase %.1e deg, "
         "CMRR %.1e dB, corner %.1e %%\n",
         n, worst.signal, worst.hum, worst.phase, worst.cmrr,
         100.0 * worst.corner);
  assert_true(worst.signal <= SIGNAL_DB_TOL);
  assert_true(worst.hum <= HUM_DB_TOL);
  assert_true(worst.phase <= PHASE_DEG_TOL);
  assert_true(worst.cmrr <= HUM_DB_TOL);
  assert_true(worst.corner <= CORNER_TOL);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(unbalanced_passband_loss),
      cmocka_unit_test(short_cable_corner),
      cmocka_unit_test(whitlock_200_ft),
      cmocka_unit_test(imbalance_into_difference_amplifier),
      cmocka_unit_test(one_percent_resistors_worst_case),
      cmocka_unit_test(adapters_on_pair_cable),
      cmocka_unit_test(eight_sections_agree_with_twenty),
      cmocka_unit_test(ground_loop_inductance),
      cmocka_unit_test(distributed_cable_rca_hum),
      cmocka_unit_test(distributed_cable_balanced_cmrr),
      cmocka_unit_test(pin1_in_a_34_milliohm_loop),
      cmocka_unit_test(magnetic_pickup),
      cmocka_unit_test(two_prong_leakage),
      cmocka_unit_test(two_prong_from_the_setup),
      cmocka_unit_test(scin_in_the_circuit),
      cmocka_unit_test(scin_and_pin1_add),
      cmocka_unit_test(finite_for_any_input),
      cmocka_unit_test(solve_timing),
      cmocka_unit_test(agrees_with_ngspice),
  };
  /* as large as any circuit gets */
  void *memory = malloc(nodal_work_bytes(CIRCUIT_MAX_UNKNOWNS));
  if (!memory) return 1;
  work = nodal_work_init(memory, CIRCUIT_MAX_UNKNOWNS);
  const int failed = cmocka_run_group_tests(tests, NULL, NULL);
  free(memory);
  return failed;
}
