/* The closed-form model against numbers worked out by hand from
 * ../shared/reference/physics.md (§ numbers refer to it). Each test names
 * the claim; the arithmetic is in the comment beside the expected value. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "model.h"

#define assert_near(actual, expected, tolerance)                               \
  do {                                                                         \
    const double a_ = (actual), e_ = (expected), t_ = (tolerance);             \
    if (!(fabs(a_ - e_) <= t_))                                                \
      fail_msg("%s = %.6g, expected %.6g +- %.3g", #actual, a_, e_, t_);       \
  } while (0)

#define assert_between(actual, lo, hi)                                         \
  do {                                                                         \
    const double a_ = (actual);                                                \
    if (!(a_ >= (lo) && a_ <= (hi)))                                           \
      fail_msg("%s = %.6g, expected in [%g, %g]", #actual, a_, (double)(lo),   \
               (double)(hi));                                                  \
  } while (0)

static double db(double ratio)
{
  return 20.0 * log10(ratio);
}

/* A receiver that hardly leaks common mode (10 MΩ Z_cm, balanced source,
 * δ = 0.001 %), so what bypasses CMRR stands alone. */
static void near_perfect_receiver(balun_setup *s)
{
  s->receiver = RECEIVER_HIGH_ZCM;
  s->imbalance_ohm = 0.0;
  s->mismatch = 1e-5;
}

/* The plugin's defaults with every interference source off. */
static balun_setup quiet(void)
{
  float v[PORT_COUNT];
  port_defaults(v);
  balun_setup s = setup_from_ports(v);
  s.ground_v = 0.0;
  s.buzz = 0.0;
  return s;
}

/* §1: 2.000 V; 4.000 V = +6.02 dB; +24 dBu = 0.7746 x 10^(24/20)
 * = 12.277 V = +15.76 dB over RCA. Hot leg only: 4 V - 6.02 dB = 2 V. */
static void level_table_matches_section_1(void **state)
{
  (void)state;
  const balun_setup s = quiet();
  const balun_interface rca = interface_of(PATH_RCA, &s);
  const balun_interface xlr = interface_of(PATH_XLR_CONSUMER, &s);
  const balun_interface pro = interface_of(PATH_XLR_PRO, &s);
  assert_near(rca.full_scale_vrms, 2.000, 1e-3);
  assert_near(xlr.full_scale_vrms, 4.000, 1e-3);
  assert_near(pro.full_scale_vrms, 12.277, 1e-3);
  assert_near(vrms_to_dbu(rca.full_scale_vrms), 8.24, 0.01);
  assert_near(vrms_to_dbu(xlr.full_scale_vrms), 14.26, 0.01);
  assert_near(vrms_to_dbu(pro.full_scale_vrms), 24.00, 0.01);
  assert_near(db(pro.full_scale_vrms / rca.full_scale_vrms), 15.76, 0.01);
  assert_near(interface_of(PATH_BALANCED_RCA, &s).full_scale_vrms, 4.0, 1e-3);
  /* Grounding a leg, or ignoring it, loses 6.02 dB (§1, §5). */
  assert_near(db(interface_of(PATH_XLR_FAKE_BALANCED, &s).full_scale_vrms /
                 xlr.full_scale_vrms),
              -6.02, 0.01);
  assert_near(db(interface_of(PATH_COLD_SHORTED, &s).full_scale_vrms /
                 xlr.full_scale_vrms),
              -6.02, 0.01);
  assert_true(interface_of(PATH_COLD_SHORTED, &s).output_into_short);
  assert_false(interface_of(PATH_RCA_TO_BALANCED, &s).output_into_short);
}

/* §2: sqrt(4 k T R B) over 20 kHz: 10 kΩ -112.6 dBu, 600 Ω -124.8 dBu. */
static void johnson_noise_matches_section_2(void **state)
{
  (void)state;
  assert_near(vrms_to_dbu(johnson_noise_vrms(10e3, 20e3)), -112.6, 0.05);
  assert_near(vrms_to_dbu(johnson_noise_vrms(600.0, 20e3)), -124.8, 0.05);
  /* Uncorrelated sources add in power: two equal ones, +3.01 dB. */
  const double one = johnson_noise_vrms(600.0, 20e3);
  assert_near(db(hypot(one, one) / one), 3.01, 0.01);
}

/* §1: with no interference, balanced consumer gains "roughly 3-6 dB" of
 * SNR over RCA (6.02 dB more signal, up to 3.01 dB more noise from two
 * legs), pro +24 dBu gains 12-16 dB, whichever receiver. The low end, by
 * hand, for the 4 x 10 kΩ receiver (-104 dBu, 3 dB noisier than the
 * -107 dBu unbalanced input and source legs): RCA noise = -107 ⊕ -107 ⊕
 * Johnson(100 Ω) = 4.897 µV; XLR = 2 x -107 ⊕ -104 ⊕ Johnson(110 Ω,
 * 100 Ω) = 6.921 µV: -3.006 dB; the 20 kΩ input loads the 210 Ω drive
 * 0.072 dB more than 47 kΩ loads 100 Ω: 6.021 - 3.006 - 0.072 = 2.94 dB. */
static void thermal_snr_advantage_matches_section_1(void **state)
{
  (void)state;
  for (int r = 0; r < RECEIVER_COUNT; ++r) {
    balun_setup s = quiet();
    s.receiver = (balun_receiver)r;
    const double rca = path_figures(PATH_RCA, HEADPHONE_NONE, &s).snr_db;
    assert_between(path_figures(PATH_XLR_CONSUMER, HEADPHONE_NONE, &s).snr_db -
                       rca,
                   2.9, 6.03);
    if (r == RECEIVER_DIFF_AMP)
      assert_near(path_figures(PATH_XLR_CONSUMER, HEADPHONE_NONE, &s).snr_db -
                      rca,
                  2.94, 0.01);
    assert_between(path_figures(PATH_XLR_PRO, HEADPHONE_NONE, &s).snr_db - rca,
                   12.0, 16.0);
  }
}

/* §3, Whitlock's example: 200 ft of 17 pF/ft coax from 1 kΩ rolls off at
 * about 50 kHz: C = 3.4 nF, 1/(2π·1 kΩ·3.4 nF) = 46.8 kHz. */
static void cable_corner_matches_whitlock_example(void **state)
{
  (void)state;
  balun_setup s = quiet();
  s.length_m = 200 * 0.3048;
  s.capacitance_per_m = 17e-12 / 0.3048;
  s.source_ohm = 1000.0;
  s.input_ohm = 1e6;
  const balun_interface rca = interface_of(PATH_RCA, &s);
  /* The conductor and shield add 0.6 % to the 1 kΩ. */
  assert_near(cable_corner_hz(&rca, &s), 46.8e3, 0.01 * 46.8e3);
  assert_between(cable_corner_hz(&rca, &s), 45e3, 50e3);
  /* At the corner the response is 3.01 dB below the passband. */
  const double fc = cable_corner_hz(&rca, &s);
  assert_near(
      db(cabs(cable_response(&rca, &s, fc)) / cable_passband_gain(&rca, &s)),
      -3.01, 0.01);
}

/* §3: passband loss R_in/(R_s+R_c+R_in): 10 kΩ into 10 kΩ is -6.02 dB;
 * 1 kΩ into 47 kΩ is 47/48 = -0.18 dB (3 m of cable adds 0.3 Ω). */
static void passband_loss_matches_divider(void **state)
{
  (void)state;
  balun_setup s = quiet();
  s.source_ohm = 10e3;
  s.input_ohm = 10e3;
  balun_interface rca = interface_of(PATH_RCA, &s);
  assert_near(db(cable_passband_gain(&rca, &s)), -6.02, 0.01);
  assert_near(db(cabs(cable_response(&rca, &s, 20.0))), -6.02, 0.01);
  s.source_ohm = 1e3;
  s.input_ohm = 47e3;
  rca = interface_of(PATH_RCA, &s);
  assert_near(db(cable_passband_gain(&rca, &s)), -0.18, 0.01);
  /* No transmission-line effects: a longer cable changes the corner, not
   * the passband (only its few ohms of copper). */
  s.length_m = 100.0;
  rca = interface_of(PATH_RCA, &s);
  assert_near(db(cable_passband_gain(&rca, &s)), -0.18, 0.06);
}

/* §5: CMRR = (1+G)/δ with G = 1. δ = 1 %: 200 = 46.02 dB; 1 % parts worst
 * case δ = 4 %: 50 = 33.98 dB; trimmed 0.005 %: 40000 = 92.04 dB. Sources
 * balanced (imbalance 0), so the receiver alone sets it. */
static void cmrr_follows_resistor_mismatch(void **state)
{
  (void)state;
  balun_setup s = quiet();
  s.imbalance_ohm = 0.0;
  const double expected[3][2] = {{0.01, 46.02}, {0.04, 33.98}, {5e-5, 92.04}};
  for (int i = 0; i < 3; ++i) {
    s.mismatch = expected[i][0];
    const balun_interface xlr = interface_of(PATH_XLR_PRO, &s);
    assert_near(cmrr_db(&xlr, &s, 50.0), expected[i][1], 0.1);
  }
}

/* §5: ε = Z_cm/(Z_cm+Z_s+) − Z_cm/(Z_cm+Z_s−). 20 kΩ, 100 Ω vs 110 Ω:
 * |20000/20110 − 20000/20100| = 4.948e-4: 66.11 dB ("~66 dB"). With the
 * receiver's own δ/2 = 5e-5 (δ = 0.01 %) the errors add as phasors:
 * imbalance on cold 4.948e-4 + 5e-5 = 5.448e-4: 65.28 dB; on hot
 * |−4.948e-4 + 5e-5| = 4.448e-4: 67.04 dB. */
static void cmrr_follows_source_imbalance_on_either_leg(void **state)
{
  (void)state;
  balun_setup s = quiet();
  s.source_ohm = 100.0;
  s.imbalance_ohm = 10.0;
  s.mismatch = 0.0;
  balun_interface xlr = interface_of(PATH_XLR_PRO, &s);
  assert_near(cmrr_db(&xlr, &s, 50.0), 66.11, 0.05);
  s.mismatch = 1e-4;
  xlr = interface_of(PATH_XLR_PRO, &s);
  assert_near(xlr.zs_cold, 110.0, 1e-9); /* the plugin's choice: worst */
  assert_near(cmrr_db(&xlr, &s, 50.0), 65.28, 0.05);
  xlr.zs_hot = 110.0; /* the same imbalance on the hot leg */
  xlr.zs_cold = 100.0;
  assert_near(cmrr_db(&xlr, &s, 50.0), 67.04, 0.05);
  /* so in the plugin, more receiver mismatch never raises CMRR */
  double last = 200.0;
  for (double m = 1e-5; m < 0.05; m *= 2.0) {
    s.mismatch = m;
    xlr = interface_of(PATH_XLR_PRO, &s);
    assert_true(cmrr_db(&xlr, &s, 50.0) < last);
    last = cmrr_db(&xlr, &s, 50.0);
  }
}

/* §5: a megohm Z_cm keeps its CMRR with a real source; 20 kΩ does not.
 * 1 kΩ imbalance into 20 kΩ: 20000/21100 − 20000/20100 = −0.0472,
 * 26.5 dB; into 10 MΩ: 1e3/1e7 = 1e-4, 80 dB. The cable's capacitance to
 * the shield is part of Z_cm: the shortest cable (6 pF, 530 MΩ at 50 Hz)
 * leaves 10 MΩ alone; 3 m of 100 pF/m (10.6 MΩ) roughly halves it. */
static void high_zcm_receiver_keeps_cmrr(void **state)
{
  (void)state;
  balun_setup s = quiet();
  s.length_m = 0.3;
  s.capacitance_per_m = 20e-12;
  s.mismatch = 0.0;
  s.imbalance_ohm = 1000.0;
  balun_interface xlr = interface_of(PATH_XLR_PRO, &s);
  assert_near(cmrr_db(&xlr, &s, 50.0), 26.5, 0.1);
  s.receiver = RECEIVER_HIGH_ZCM;
  xlr = interface_of(PATH_XLR_PRO, &s);
  assert_near(cmrr_db(&xlr, &s, 50.0), 80.0, 0.1);
  s.length_m = 3.0;
  s.capacitance_per_m = 100e-12;
  xlr = interface_of(PATH_XLR_PRO, &s);
  assert_between(cmrr_db(&xlr, &s, 50.0), 74.0, 78.0);
}

/* §5: the correct RCA -> balanced adapter keeps the receiver's CMRR,
 * limited by the imbalance = source impedance: 1 kΩ into 20 kΩ Z_cm:
 * 1 − 20000/21000 = 0.0476, 26.4 dB ("≈ 26 dB"). */
static void rca_into_balanced_input_limited_by_source_impedance(void **state)
{
  (void)state;
  balun_setup s = quiet();
  s.mismatch = 0.0;
  s.source_ohm = 1000.0;
  s.imbalance_ohm = 500.0; /* ignored: the cold leg is the source ground */
  const balun_interface adapter = interface_of(PATH_RCA_TO_BALANCED, &s);
  assert_true(adapter.balanced_receiver);
  assert_near(cmrr_db(&adapter, &s, 50.0), 26.4, 0.1);
  assert_near(path_figures(PATH_RCA_TO_BALANCED, HEADPHONE_NONE, &s).cmrr_db,
              26.4, 0.1);
}

/* §5: a transformer: >105 dB at 60 Hz, ~75 dB at 3 kHz (Jensen, with the
 * IEC 600 Ω imbalance, at the end of the shortest, lowest-capacitance
 * cable); a capacitive imbalance falls 6.02 dB per octave. */
static void transformer_cmrr_falls_with_frequency(void **state)
{
  (void)state;
  balun_setup s = quiet();
  s.receiver = RECEIVER_TRANSFORMER;
  s.imbalance_ohm = 600.0;
  s.length_m = 0.3;
  s.capacitance_per_m = 20e-12;
  const balun_interface xlr = interface_of(PATH_XLR_PRO, &s);
  assert_true(cmrr_db(&xlr, &s, 60.0) > 105.0);
  assert_near(cmrr_db(&xlr, &s, 3000.0), 75.0, 3.0);
  assert_near(cmrr_db(&xlr, &s, 6000.0) - cmrr_db(&xlr, &s, 12000.0), 6.02,
              0.05);
  /* So hum is rejected better than buzz (§5). */
  assert_true(cmrr_db(&xlr, &s, 50.0) > cmrr_db(&xlr, &s, 1000.0) + 25.0);
}

/* §5 (Benchmark): a fake-balanced input ignores pin 3: CMRR 0 dB, and the
 * shield becomes the return, so it hums exactly like RCA. */
static void fake_balanced_input_has_no_cmrr(void **state)
{
  (void)state;
  balun_setup s = quiet();
  s.ground_v = 0.1;
  const balun_interface fake = interface_of(PATH_XLR_FAKE_BALANCED, &s);
  assert_near(cmrr_db(&fake, &s, 50.0), 0.0, 1e-9);
  assert_near(path_figures(PATH_XLR_FAKE_BALANCED, HEADPHONE_NONE, &s).cmrr_db,
              0.0, 1e-9);
  assert_near(path_figures(PATH_RCA, HEADPHONE_NONE, &s).cmrr_db, 0.0, 1e-9);
  assert_near(path_figures(PATH_COLD_SHORTED, HEADPHONE_NONE, &s).cmrr_db, 0.0,
              1e-9);
  assert_near(path_figures(PATH_XLR_FAKE_BALANCED, HEADPHONE_NONE, &s).hum_vrms,
              path_figures(PATH_RCA, HEADPHONE_NONE, &s).hum_vrms,
              1e-3 * path_figures(PATH_RCA, HEADPHONE_NONE, &s).hum_vrms);
}

/* §4: V_noise = V_g·R_sh/(R_sh+Z_g). 100 mV, 3 m of 50 mΩ/m = 0.15 Ω,
 * Z_g = 0.2 Ω: 100·0.15/0.35 = 42.857 mV, in series with the signal, so
 * the receiver hears it through the same divider as the signal (§3):
 * 47 kΩ/(47 kΩ + 100 Ω + 0.25 Ω of conductor + 0.15 Ω) = 0.997866. */
static void common_impedance_coupling_matches_section_4(void **state)
{
  (void)state;
  balun_setup s = quiet();
  s.ground_v = 0.1;
  s.shield_ohm_per_m = 0.05;
  s.length_m = 3.0;
  s.ground_ohm = 0.2;
  const balun_interface rca = interface_of(PATH_RCA, &s);
  const balun_hum h = hum_phasor(&rca, &s, 1);
  assert_near(cabs(h.series), 42.857e-3, 1e-6);
  assert_near(cabs(h.direct), 0.0, 1e-12);
  assert_near(path_figures(PATH_RCA, HEADPHONE_NONE, &s).hum_vrms,
              42.857e-3 * 0.997866, 1e-6);
  /* Only shield resistance matters: heavier shield, less hum; the cable's
   * capacitance changes nothing at 50 Hz (§4). 3 m of 8 mΩ/m: 0.024 Ω. */
  s.shield_ohm_per_m = 0.008;
  assert_near(cabs(hum_phasor(&rca, &s, 1).series), 0.1 * 0.024 / 0.224, 1e-7);
  s.capacitance_per_m = 400e-12;
  assert_near(cabs(hum_phasor(&rca, &s, 1).series), 0.1 * 0.024 / 0.224, 1e-7);
}

/* §5: the hum improvement over the unbalanced case is exactly CMRR_eff,
 * at the receiver's input, for the same ground loop. The pair's
 * shield-current-induced noise (§13), which no CMRR touches, is taken
 * out of the balanced hum: 3 m of it is 0.004 dB at 50 Hz here. */
static void hum_improvement_equals_cmrr(void **state)
{
  (void)state;
  for (int r = 0; r < RECEIVER_COUNT; ++r) {
    balun_setup s = quiet();
    s.ground_v = 1.0;
    s.receiver = (balun_receiver)r;
    const balun_interface rca = interface_of(PATH_RCA, &s);
    const balun_interface xlr = interface_of(PATH_XLR_CONSUMER, &s);
    const double unbalanced = cabs(hum_phasor(&rca, &s, 1).series);
    const double balanced =
        cabs(hum_phasor(&xlr, &s, 1).direct -
             scin_voltage(&xlr, &s, shield_current(&s, 1), s.mains_hz));
    assert_near(db(unbalanced / balanced), cmrr_db(&xlr, &s, 50.0), 1e-6);
    assert_near(path_figures(PATH_XLR_CONSUMER, HEADPHONE_NONE, &s).cmrr_db,
                cmrr_db(&xlr, &s, 50.0), 1e-9);
  }
}

/* §13, shield-current-induced noise: V = jω·ΔM·ℓ·I_shield with model.h's
 * stated ΔM = 1 nH/m. 2 A in 10 m at 1 kHz: 2π·1e3·1e-9·10·2 =
 * 125.66 µV, a quarter cycle ahead of the current; star-quad (braided,
 * 0.1 nH/m) 12.566 µV; twice the frequency, +6.02 dB; coax none. */
static void scin_by_hand(void **state)
{
  (void)state;
  balun_setup s = quiet();
  s.length_m = 10.0;
  s.star_quad = false;
  const balun_interface xlr = interface_of(PATH_XLR_CONSUMER, &s);
  const double complex v = scin_voltage(&xlr, &s, 2.0, 1e3);
  assert_near(cabs(v), 125.66e-6, 0.01e-6);
  assert_near(carg(v), BALUN_PI / 2.0, 1e-12);
  assert_near(db(cabs(scin_voltage(&xlr, &s, 2.0, 2e3)) / cabs(v)), 6.0206,
              1e-4);
  s.star_quad = true;
  const balun_interface quad = interface_of(PATH_XLR_PRO, &s);
  assert_near(cabs(scin_voltage(&quad, &s, 2.0, 1e3)), 12.566e-6, 0.001e-6);
  const balun_interface rca = interface_of(PATH_RCA, &s);
  assert_near(cabs(scin_voltage(&rca, &s, 2.0, 1e3)), 0.0, 0.0);
}

/* §13: no receiver rejects it. 1 V over 10 m × 30 mΩ/m + 0.2 Ω drives
 * 2 A; with no resistive imbalance, δ = 0, no field, 1 Ω legs and a
 * cable of 1 pF/m (ε ≈ ω·1.84 Ω·0.2 pF = 1.2e-10 at 50 Hz, 1e-5 of the
 * SCIN from the 0.6 V common mode), the balanced
 * hum is the SCIN alone, 2π·50·1e-8·2 = 6.2832 µV at 50 Hz and ×2 (+6.02
 * dB) per octave of harmonic, whatever the receiver; the RCA's hum has
 * nothing direct. */
static void scin_passes_every_receiver(void **state)
{
  (void)state;
  balun_setup s = quiet();
  s.ground_v = 1.0;
  s.length_m = 10.0;
  s.shield_ohm_per_m = 0.03;
  s.ground_ohm = 0.2;
  s.capacitance_per_m = 1e-12;
  s.source_ohm = 1.0;
  s.imbalance_ohm = 0.0;
  s.mismatch = 0.0;
  s.field_t = 0.0;
  s.star_quad = false;
  s.pin1_problem = false;
  s.mains_hz = 50.0;
  s.buzz = 1.0;
  const balun_path paths[] = {PATH_XLR_CONSUMER, PATH_XLR_PRO,
                              PATH_BALANCED_RCA};
  for (int r = 0; r < RECEIVER_COUNT; ++r)
    for (int p = 0; p < 3; ++p) {
      s.receiver = (balun_receiver)r;
      const balun_interface ifc = interface_of(paths[p], &s);
      for (int n = 1; n <= 4; n *= 2) {
        const double a = mains_harmonic(s.buzz, s.mains_hz, n);
        const double h = cabs(hum_phasor(&ifc, &s, n).direct) / a;
        assert_near(h, 6.2832e-6 * n, 0.0001e-6 * n);
      }
    }
  const balun_interface rca = interface_of(PATH_RCA, &s);
  assert_near(cabs(hum_phasor(&rca, &s, 3).direct), 0.0, 0.0);
}

/* SCIN adds to the pin-1 drop as tests/test_circuit.c's circuit has it:
 * 300 m, two-prong, pin 1 wrong, nothing else to leak, at 1 kHz (n = 20
 * of 50 Hz): per ampere of shield current |0.01 + j·2π·1e3·(1.6 µH +
 * 0.3 µH)| = 15.573 mΩ (the closed form leaves out the legs' divider,
 * −0.003 mΩ). */
static void scin_adds_to_pin1(void **state)
{
  (void)state;
  balun_setup s = quiet();
  s.receiver = RECEIVER_HIGH_ZCM;
  s.length_m = 300.0;
  s.capacitance_per_m = 1e-13;
  s.source_ohm = 1.0;
  s.imbalance_ohm = 0.0;
  s.mismatch = 0.0;
  s.field_t = 0.0;
  s.star_quad = false;
  s.pin1_problem = true;
  s.two_prong = true;
  s.leakage_a = 1e-3;
  s.mains_hz = 50.0;
  s.buzz = 1.0;
  const balun_interface xlr = interface_of(PATH_XLR_CONSUMER, &s);
  const double complex i =
      shield_current(&s, 20) * mains_harmonic(s.buzz, s.mains_hz, 20);
  assert_near(cabs(hum_phasor(&xlr, &s, 20).direct / i), 15.573e-3, 0.001e-3);
}

/* §6: 100 mA of shield current through 10 mΩ of internal ground = 1 mV,
 * -57.8 dBu, whatever the CMRR. I_shield = V_g/(R_sh+Z_g): 26 mV over
 * 0.06 + 0.2 Ω = 100 mA. A high-Z_cm receiver on a balanced source
 * leaks only ~1e-6 of the 6 mV common mode, so pin-1 is all we hear. */
static void pin1_problem_bypasses_cmrr(void **state)
{
  (void)state;
  balun_setup s = quiet();
  s.ground_v = 0.026;
  s.length_m = 3.0;
  s.shield_ohm_per_m = 0.02;
  s.ground_ohm = 0.2;
  near_perfect_receiver(&s);
  s.pin1_problem = true;
  assert_near(cabs(shield_current(&s, 1)), 0.100, 1e-9);
  const balun_figures f = path_figures(PATH_XLR_PRO, HEADPHONE_NONE, &s);
  assert_near(vrms_to_dbu(f.hum_vrms), -57.8, 0.1);
  assert_true(f.cmrr_db > 90.0);
  s.pin1_problem = false;
  assert_true(path_figures(PATH_XLR_PRO, HEADPHONE_NONE, &s).hum_vrms <
              1e-3 * f.hum_vrms);
}

/* §6: shield-current-induced noise rises 6 dB/oct: per unit of harmonic
 * amplitude, harmonic 320 (16 kHz) is ~6 dB above harmonic 160 (8 kHz). */
static void pin1_coupling_rises_with_frequency(void **state)
{
  (void)state;
  balun_setup s = quiet();
  s.ground_v = 1.0;
  s.buzz = 1.0;
  near_perfect_receiver(&s);
  s.pin1_problem = true;
  const balun_interface xlr = interface_of(PATH_XLR_PRO, &s);
  const double per_unit[2] = {
      cabs(hum_phasor(&xlr, &s, 160).direct) / mains_harmonic(1, 50, 160),
      cabs(hum_phasor(&xlr, &s, 320).direct) / mains_harmonic(1, 50, 320)};
  assert_near(db(per_unit[1] / per_unit[0]), 6.02, 0.1);
}

/* §7: V = ωBA: +6.02 dB per octave and per doubling of B; star-quad
 * 20-50 dB lower. A high-Z_cm receiver makes the pair's own pickup
 * dominate what leaks from the ground loop. */
static void magnetic_pickup_follows_faraday(void **state)
{
  (void)state;
  balun_setup s = quiet();
  s.field_t = 10e-6;
  s.length_m = 50.0;
  near_perfect_receiver(&s);
  s.buzz = 1.0;
  const balun_interface xlr = interface_of(PATH_XLR_PRO, &s);
  const double h3 =
      cabs(hum_phasor(&xlr, &s, 3).direct) / mains_harmonic(1.0, 50.0, 3);
  const double h6 =
      cabs(hum_phasor(&xlr, &s, 6).direct) / mains_harmonic(1.0, 50.0, 6);
  assert_near(db(h6 / h3), 6.02, 0.05);
  s.buzz = 0.0;
  const double one = path_figures(PATH_XLR_PRO, HEADPHONE_NONE, &s).hum_vrms;
  s.field_t = 20e-6;
  const double two = path_figures(PATH_XLR_PRO, HEADPHONE_NONE, &s).hum_vrms;
  assert_near(db(two / one), 6.02, 0.01);
  s.star_quad = true;
  assert_between(
      db(two / path_figures(PATH_XLR_PRO, HEADPHONE_NONE, &s).hum_vrms), 20.0,
      50.0);
  /* A 3-pin RCA cable is a pair, never star-quad. */
  assert_near(path_figures(PATH_BALANCED_RCA, HEADPHONE_NONE, &s).hum_vrms, two,
              1e-3 * two);
  /* Coax: the field reaches an unbalanced input through the ground loop
   * it drives (§7), and more field means more hum there too. */
  const double rca = path_figures(PATH_RCA, HEADPHONE_NONE, &s).hum_vrms;
  s.field_t = 40e-6;
  assert_near(db(path_figures(PATH_RCA, HEADPHONE_NONE, &s).hum_vrms / rca),
              6.02, 0.01);
}

/* §13: a two-prong loop is a current source. 100 µA through 3 m of
 * 20 mΩ/m (60 mΩ) = 6 µV in series with an RCA signal of 2 Vrms, and the
 * cable's divider takes both alike at 50 Hz and 1 kHz: 20·log10(6e-6 / 2)
 * = 20·(log10 3 - 6) = -110.46 dBFS. The loop's impedance and the ground
 * voltage (a three-prong loop's) change nothing. */
static void two_prong_shield_drop_matches_section_13(void **state)
{
  (void)state;
  balun_setup s = quiet();
  s.two_prong = true;
  s.leakage_a = 100e-6;
  s.length_m = 3.0;
  s.shield_ohm_per_m = 0.02;
  assert_near(cabs(shield_current(&s, 1)), 100e-6, 1e-15);
  const double dbfs =
      path_figures(PATH_RCA, HEADPHONE_NONE, &s).interference_dbfs;
  assert_near(dbfs, -110.46, 0.01);
  const double ground_ohm[] = {0.01, 0.2, 10.0}, ground_v[] = {0.0, 3.0};
  for (int z = 0; z < 3; ++z)
    for (int v = 0; v < 2; ++v) {
      s.ground_ohm = ground_ohm[z];
      s.ground_v = ground_v[v];
      assert_true(
          path_figures(PATH_RCA, HEADPHONE_NONE, &s).interference_dbfs == dbfs);
    }
  /* the three-prong loop's drop does depend on them (§4) */
  s.two_prong = false;
  s.ground_v = 0.1;
  s.ground_ohm = 0.2;
  const balun_interface rca = interface_of(PATH_RCA, &s);
  const double three = cabs(hum_phasor(&rca, &s, 1).series);
  s.ground_ohm = 10.0;
  assert_true(cabs(hum_phasor(&rca, &s, 1).series) < 0.1 * three);
}

/* §4, §13: I = 2πfCV per harmonic: the leakage's harmonic n is n times the
 * mains voltage's. With the same buzz (taken as the voltage's harmonics)
 * and no field, a three-prong loop's current has the voltage's shape; so,
 * each normalised to its fundamental, harmonic n of a two-prong loop is
 * n times that of a three-prong one: +6.0206 dB at n = 2, +9.5424 dB at 3,
 * +12.0412 dB at 4 (20·log10 n), on an RCA link and through a balanced
 * receiver with a pin-1 problem alike (the coupling after the current is
 * the same for both loops). */
static void two_prong_harmonics_rise_6_db_per_octave(void **state)
{
  (void)state;
  const balun_path paths[2] = {PATH_RCA, PATH_XLR_PRO};
  for (int k = 0; k < 2; ++k) {
    balun_setup s = quiet();
    s.buzz = 1.0;
    s.ground_v = 0.1;
    s.pin1_problem = true;
    const balun_interface ifc = interface_of(paths[k], &s);
    double three[5], two[5];
    for (int n = 1; n <= 4; ++n)
      three[n] = hum_line_vrms(&ifc, &s, n);
    s.two_prong = true;
    for (int n = 1; n <= 4; ++n)
      two[n] = hum_line_vrms(&ifc, &s, n);
    assert_near(db((two[2] / two[1]) / (three[2] / three[1])), 6.0206, 1e-4);
    assert_near(db((two[3] / two[1]) / (three[3] / three[1])), 9.5424, 1e-4);
    assert_near(db((two[4] / two[1]) / (three[4] / three[1])), 12.0412, 1e-4);
  }
}

/* §7, §13: a two-prong loop is open at audio frequencies but for the
 * leakage capacitance, so the field drives no loop current: with no
 * leakage an RCA link hears nothing of 10 µT; a pair still picks up its
 * own differential ωBA, as it does with no ground loop at all. */
static void two_prong_loop_has_no_field_current(void **state)
{
  (void)state;
  balun_setup s = quiet();
  s.two_prong = true;
  s.leakage_a = 0.0;
  s.field_t = 10e-6;
  near_perfect_receiver(&s);
  assert_near(path_figures(PATH_RCA, HEADPHONE_NONE, &s).hum_vrms, 0.0, 0.0);
  const double pair = path_figures(PATH_XLR_PRO, HEADPHONE_NONE, &s).hum_vrms;
  assert_true(pair > 0.0);
  s.field_t = 20e-6; /* the pair's own pickup: +6.02 dB per doubling of B */
  assert_near(
      db(path_figures(PATH_XLR_PRO, HEADPHONE_NONE, &s).hum_vrms / pair),
      6.0206, 1e-4);
}

/* §8: square law: doubling the RF field gives +12.04 dB; unbalanced
 * inputs are more susceptible than balanced ones. */
static void rf_demodulation_is_square_law(void **state)
{
  (void)state;
  for (int src = 0; src < RF_COUNT; ++src) {
    balun_setup s = quiet();
    s.rf_source = (balun_rf_source)src;
    s.rf_v_per_m = 10.0;
    const double rca = path_figures(PATH_RCA, HEADPHONE_NONE, &s).rf_vrms;
    const double xlr =
        path_figures(PATH_XLR_CONSUMER, HEADPHONE_NONE, &s).rf_vrms;
    s.rf_v_per_m = 20.0;
    assert_near(db(path_figures(PATH_RCA, HEADPHONE_NONE, &s).rf_vrms / rca),
                12.04, 0.01);
    assert_near(
        db(path_figures(PATH_XLR_CONSUMER, HEADPHONE_NONE, &s).rf_vrms / xlr),
        12.04, 0.01);
    assert_true(xlr < 0.1 * rca);
    /* A pin-1 problem lets the shield's RF into the signal ground. */
    s.pin1_problem = true;
    assert_near(path_figures(PATH_XLR_CONSUMER, HEADPHONE_NONE, &s).rf_vrms,
                path_figures(PATH_RCA, HEADPHONE_NONE, &s).rf_vrms, 1e-9);
  }
}

/* §8: GSM bursts of 577 µs every 4.615 ms repeat at 216.7 Hz; an AM
 * carrier with index m gives the programme at 2m·ΔV. Sum of squared
 * harmonics of a rectangular pulse train of duty d = 0.125 over all
 * frequencies is d(1-d) = 0.1094 (rms 0.331 x ΔV); the 20 kHz band
 * keeps most of it. */
static void rf_sources_have_their_signatures(void **state)
{
  (void)state;
  assert_near(rf_repetition_hz(RF_GSM, 50.0), 216.68, 0.01);
  assert_near(rf_repetition_hz(RF_DIMMER, 60.0), 120.0, 1e-9);
  const double d = 577e-6 / 4.615e-3;
  assert_between(rf_audio_rms(RF_GSM, 50.0), 0.95 * sqrt(d * (1 - d)),
                 sqrt(d * (1 - d)));
  /* AM: programme rms with partials 1, 1/2, 1/4 (sum 1) under a sin²
   * envelope: sqrt(3/8 · (1 + 1/4 + 1/16)/1.75² / 2) = 0.2835; x 2m = 1. */
  assert_near(rf_audio_rms(RF_AM, 50.0), 2 * 0.5 * 0.2835, 1e-4);
}

/* §9: real hum is not a sine: buzz 0 is the fundamental alone, buzz adds
 * odd harmonics far more than even ones, and nothing above 20 kHz. */
static void hum_harmonics_follow_buzz(void **state)
{
  (void)state;
  for (int n = 2; n < 40; ++n)
    assert_near(mains_harmonic(0, 50, n), 0, 0);
  assert_near(mains_harmonic(0.0, 50.0, 1), 1.0, 0.0);
  assert_true(mains_harmonic(1.0, 50.0, 3) > 0.5);
  assert_true(mains_harmonic(1.0, 50.0, 5) > 5 * mains_harmonic(1, 50, 4));
  assert_near(mains_harmonic(0.5, 60.0, 3), 0.5 * mains_harmonic(1, 60, 3),
              1e-12);
  /* "up to several kHz": still there at 2 kHz, gone by 6 kHz */
  assert_true(mains_harmonic(1.0, 50.0, 41) > 1e-3);
  assert_true(mains_harmonic(1.0, 50.0, 121) < 1e-6);
  assert_int_equal(mains_harmonic_count(50.0), 400);
  assert_int_equal(mains_harmonic_count(60.0), 333);
  assert_near(mains_harmonic(1.0, 50.0, 401), 0.0, 0.0);
}

/* §10: interference-limited, a typical ground loop (the defaults: 10 mV
 * between chassis) leaves RCA far below 100 dB SNR; balanced consumer at
 * most ~125 dB, pro at most ~135 dB; CMRR in the 50-100 dB of good
 * differential receivers. */
static void headline_figures_match_section_10(void **state)
{
  (void)state;
  float v[PORT_COUNT];
  port_defaults(v);
  const balun_setup s = setup_from_ports(v);
  assert_true(path_figures(PATH_RCA, HEADPHONE_NONE, &s).snr_db < 100.0);
  const balun_figures xlr = path_figures(PATH_XLR_CONSUMER, HEADPHONE_NONE, &s);
  const balun_figures pro = path_figures(PATH_XLR_PRO, HEADPHONE_NONE, &s);
  assert_between(xlr.snr_db, 100.0, 125.0);
  assert_between(pro.snr_db, 110.0, 135.0);
  assert_between(pro.cmrr_db, 50.0, 100.0);
}

/* Output port semantics (ports.md): SNR is full scale against everything;
 * interference excludes thermal noise. */
static void figures_are_consistent(void **state)
{
  (void)state;
  float v[PORT_COUNT];
  port_defaults(v);
  const balun_setup s = setup_from_ports(v);
  for (int p = 0; p < PATH_COUNT; ++p) {
    const balun_figures f = path_figures((balun_path)p, HEADPHONE_NONE, &s);
    const double all = sqrt(f.hum_vrms * f.hum_vrms + f.rf_vrms * f.rf_vrms +
                            f.noise_vrms * f.noise_vrms);
    assert_near(f.snr_db, db(f.signal_vrms / all), 1e-9);
    assert_near(f.interference_dbfs,
                db(hypot(f.hum_vrms, f.rf_vrms) / f.signal_vrms), 1e-9);
    assert_true(f.snr_db <= -f.interference_dbfs + 1e-9);
  }
  balun_setup silent = quiet();
  assert_near(path_figures(PATH_RCA, HEADPHONE_NONE, &silent).interference_dbfs,
              -200.0, 0);
}

/* ports.md v2: mains_frequency is continuous, 45-65 Hz; its scale points
 * 50 and 60 are landmarks, not the only values (a host's slider may set
 * 57, and 57 must play). Enumerations still take their nearest choice. */
static void mains_frequency_is_continuous(void **state)
{
  (void)state;
  const balun_port m = PORT_MAINS_FREQUENCY;
  assert_true(port_sanitize(m, 57.0f) == 57.0f);
  assert_true(port_sanitize(m, 52.5f) == 52.5f);
  assert_true(port_sanitize(m, 50.0f) == 50.0f);
  assert_true(port_sanitize(m, 60.0f) == 60.0f);
  assert_true(port_sanitize(m, 44.0f) == 45.0f);
  assert_true(port_sanitize(m, 70.0f) == 65.0f);
  assert_true(port_sanitize(m, NAN) == 50.0f);
  assert_true(port_sanitize(PORT_RF_SOURCE, 1.4f) == 1.0f);
  assert_true(port_sanitize(PORT_PATH_A, 5.6f) == 6.0f);
  const balun_setup s = setup_from_ports(
      (float[PORT_COUNT]){[PORT_MAINS_FREQUENCY] = port_sanitize(m, 57.0f)});
  assert_near(s.mains_hz, 57.0, 0.0);
}

/* ports.md v2: loop_type is an enumeration (its nearest choice),
 * leakage_current 0-1000 µA and hum_drift 0-100 % are clamped, anything
 * non-finite is the default; in SI: amperes and a fraction. */
static void loop_and_drift_ports_are_sanitized(void **state)
{
  (void)state;
  assert_true(port_sanitize(PORT_LOOP_TYPE, 0.7f) == 1.0f);
  assert_true(port_sanitize(PORT_LOOP_TYPE, 0.3f) == 0.0f);
  assert_true(port_sanitize(PORT_LOOP_TYPE, 5.0f) == 1.0f);
  assert_true(port_sanitize(PORT_LOOP_TYPE, NAN) == 0.0f);
  assert_true(port_sanitize(PORT_LEAKAGE_CURRENT, -3.0f) == 0.0f);
  assert_true(port_sanitize(PORT_LEAKAGE_CURRENT, 2000.0f) == 1000.0f);
  assert_true(port_sanitize(PORT_LEAKAGE_CURRENT, INFINITY) == 100.0f);
  assert_true(port_sanitize(PORT_HUM_DRIFT, 150.0f) == 100.0f);
  assert_true(port_sanitize(PORT_HUM_DRIFT, -INFINITY) == 0.0f);
  float v[PORT_COUNT];
  port_defaults(v);
  balun_setup s = setup_from_ports(v);
  assert_false(s.two_prong);
  assert_near(s.drift, 0.0, 0.0);
  v[PORT_LOOP_TYPE] = 1.0f;
  v[PORT_LEAKAGE_CURRENT] = 250.0f;
  v[PORT_HUM_DRIFT] = 40.0f;
  s = setup_from_ports(v);
  assert_true(s.two_prong);
  assert_near(s.leakage_a, 250e-6, 1e-12);
  assert_near(s.drift, 0.4, 1e-7);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(level_table_matches_section_1),
      cmocka_unit_test(johnson_noise_matches_section_2),
      cmocka_unit_test(thermal_snr_advantage_matches_section_1),
      cmocka_unit_test(cable_corner_matches_whitlock_example),
      cmocka_unit_test(passband_loss_matches_divider),
      cmocka_unit_test(cmrr_follows_resistor_mismatch),
      cmocka_unit_test(cmrr_follows_source_imbalance_on_either_leg),
      cmocka_unit_test(high_zcm_receiver_keeps_cmrr),
      cmocka_unit_test(rca_into_balanced_input_limited_by_source_impedance),
      cmocka_unit_test(transformer_cmrr_falls_with_frequency),
      cmocka_unit_test(fake_balanced_input_has_no_cmrr),
      cmocka_unit_test(common_impedance_coupling_matches_section_4),
      cmocka_unit_test(hum_improvement_equals_cmrr),
      cmocka_unit_test(scin_by_hand),
      cmocka_unit_test(scin_passes_every_receiver),
      cmocka_unit_test(scin_adds_to_pin1),
      cmocka_unit_test(pin1_problem_bypasses_cmrr),
      cmocka_unit_test(pin1_coupling_rises_with_frequency),
      cmocka_unit_test(magnetic_pickup_follows_faraday),
      cmocka_unit_test(two_prong_shield_drop_matches_section_13),
      cmocka_unit_test(two_prong_harmonics_rise_6_db_per_octave),
      cmocka_unit_test(two_prong_loop_has_no_field_current),
      cmocka_unit_test(rf_demodulation_is_square_law),
      cmocka_unit_test(rf_sources_have_their_signatures),
      cmocka_unit_test(hum_harmonics_follow_buzz),
      cmocka_unit_test(headline_figures_match_section_10),
      cmocka_unit_test(figures_are_consistent),
      cmocka_unit_test(mains_frequency_is_continuous),
      cmocka_unit_test(loop_and_drift_ports_are_sanitized),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
