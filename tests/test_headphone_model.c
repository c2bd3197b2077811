/* The model past the receiver (physics.md §11 clipping, §12 headphone
 * outputs), against the worked numbers there: every expected value below
 * is physics.md's own, or worked out by hand from its formulas in the
 * comment beside it. */
#include <complex.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "clip.h"
#include "headphone_stage.h"
#include "model.h"

static void assert_near(double x, double want, double tolerance)
{
  if (!(fabs(x - want) <= tolerance))
    fail_msg("%.4f, want %.4f ± %g", x, want, tolerance);
}

static double db(double ratio)
{
  return 20.0 * log10(ratio);
}

/* Every control at its default, the headphone at `load` of `ohm`. */
static balun_setup setup_with(balun_headphone_load load, double ohm)
{
  float v[PORT_COUNT];
  port_defaults(v);
  balun_setup s = setup_from_ports(v);
  s.hp_load = load;
  s.hp_ohm = ohm;
  return s;
}

/* §12: right channel silent, node g the common return: Z_out 1 Ω; 32 Ω
 * and R_ret 0.5 Ω → −36.5 dB; 32 Ω, 0.2 Ω → −44.4 dB; 300 Ω, 0.1 Ω →
 * −69.6 dB. A bridged output has no shared return. */
static void shared_return_crosstalk(void **state)
{
  (void)state;
  static const struct {
    double ohm, ret, want;
  } cases[] = {{32, 0.5, -36.5}, {32, 0.2, -44.4}, {300, 0.1, -69.6}};
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; ++i) {
    balun_setup s = setup_with(LOAD_PLANAR, cases[i].ohm);
    s.amp_out_ohm = 1.0;
    s.return_ohm = cases[i].ret;
    const balun_headphone se = headphone_of(HEADPHONE_SE, &s);
    assert_near(headphone_crosstalk_db(&se, &s), cases[i].want, 0.05);
    const balun_headphone adapter = headphone_of(HEADPHONE_ADAPTER, &s);
    assert_near(headphone_crosstalk_db(&adapter, &s), cases[i].want, 0.05);
    const balun_headphone bridged = headphone_of(HEADPHONE_BRIDGED, &s);
    assert_near(headphone_crosstalk_db(&bridged, &s), -160.0, 0.0);
  }
}

/* §12: 2 Vrms per leg, Z_out 1 Ω, 32 Ω, 100 dB/mW: SE 1.939 V, 117.5 mW,
 * 120.7 dB SPL; bridged 3.765 V, 443 mW, 126.5 dB SPL (the return at its
 * smallest, 0.01 Ω, as the example leaves it out). */
static void loudness_se_and_bridged(void **state)
{
  (void)state;
  balun_setup s = setup_with(LOAD_PLANAR, 32);
  s.amp_vrms = 2.0, s.amp_out_ohm = 1.0, s.return_ohm = 0.01;
  s.hp_sensitivity = 100.0, s.volume = 1.0;
  s.level_match = false; /* the same volume on both outputs */
  balun_headphone se = headphone_of(HEADPHONE_SE, &s);
  balun_headphone bridged = headphone_of(HEADPHONE_BRIDGED, &s);
  assert_near(2.0 * cabs(headphone_self(&se, &s, 1000.0)), 1.939, 0.001);
  assert_near(4.0 * cabs(headphone_self(&bridged, &s, 1000.0)), 3.765, 0.001);
  assert_near(headphone_spl_db(&se, &s), 120.7, 0.05);
  assert_near(headphone_spl_db(&bridged, &s), 126.5, 0.05);
  /* 10·log10(443 / 117.5) = 5.76 dB: "twice the voltage, four times the
   * power" less what 2 Z_out takes */
  assert_near(headphone_spl_db(&bridged, &s) - headphone_spl_db(&se, &s), 5.76,
              0.02);
  /* level-matched, the outputs are compared at the same loudness: each
   * bridged leg then runs 5.76 dB lower */
  s.level_match = true;
  bridged = headphone_of(HEADPHONE_BRIDGED, &s);
  assert_near(headphone_spl_db(&bridged, &s), 120.7, 0.05);
  assert_near(20.0 * log10(bridged.leg_volume), -5.76, 0.02);
  /* the volume scales it: −10 dB is 10 dB quieter */
  s.volume = pow(10.0, -0.5);
  se = headphone_of(HEADPHONE_SE, &s);
  assert_near(headphone_spl_db(&se, &s), 110.7, 0.05);
  const balun_headphone none = headphone_of(HEADPHONE_NONE, &s);
  assert_near(headphone_spl_db(&none, &s), 0.0, 0.0);
}

static double response_db(const balun_headphone *h, const balun_setup *s,
                          double f)
{
  return db(cabs(headphone_mode_response(h, s, f, false)) /
            cabs(headphone_mode_response(h, s, 1000.0, false)));
}

/* §12: a 300 Ω dynamic on a 120 Ω output gains +0.97 dB at 100 Hz re
 * 1 kHz, +0.01 dB on 1 Ω; a 16 Ω BA IEM on 10 Ω: −3.9 dB at 100 Hz and
 * +3.0 dB at 10 kHz, on 1 Ω −0.72 / +0.28 dB. */
static void output_impedance_shapes_the_response(void **state)
{
  (void)state;
  balun_setup s = setup_with(LOAD_DYNAMIC, 300);
  balun_headphone h = {HEADPHONE_SE, 1.0, 120.0, 0.0, 1, 1.0, 0.0};
  assert_near(response_db(&h, &s, 100.0), 0.97, 0.01);
  h.out_ohm = 1.0;
  assert_near(response_db(&h, &s, 100.0), 0.01, 0.005);
  s = setup_with(LOAD_BA, 16);
  h.out_ohm = 10.0;
  assert_near(response_db(&h, &s, 100.0), -3.9, 0.01);
  assert_near(response_db(&h, &s, 10000.0), 3.0, 0.02);
  h.out_ohm = 1.0;
  assert_near(response_db(&h, &s, 100.0), -0.72, 0.01);
  assert_near(response_db(&h, &s, 10000.0), 0.28, 0.01);
  /* the loads as §12 defines them: the BA's R = Z/2, |Z(1 kHz)| = Z; the
   * dynamic's peak R_e + R_es = 1.6 Z at f_s = 100 Hz; the planar flat */
  assert_near(creal(headphone_impedance(&s, 50.0)), 8.0, 1e-9);
  assert_near(cabs(headphone_impedance(&s, 1000.0)), 16.0, 1e-9);
  s = setup_with(LOAD_DYNAMIC, 300);
  assert_near(cabs(headphone_impedance(&s, 100.0)), 480.0, 1e-9);
  s = setup_with(LOAD_PLANAR, 50);
  assert_near(cabs(headphone_impedance(&s, 20.0)), 50.0, 1e-12);
  assert_near(cabs(headphone_impedance(&s, 20000.0)), 50.0, 1e-12);
}

/* §12: 2 µV into a 16 Ω, 120 dB/mW IEM: 24.0 dB SPL single-ended, 27.0
 * bridged (two legs); the adapter's cold legs drive the short, one leg. */
static void hiss(void **state)
{
  (void)state;
  balun_setup s = setup_with(LOAD_BA, 16);
  s.hp_sensitivity = 120.0, s.amp_noise_vrms = 2e-6;
  const balun_headphone se = headphone_of(HEADPHONE_SE, &s);
  const balun_headphone bridged = headphone_of(HEADPHONE_BRIDGED, &s);
  const balun_headphone adapter = headphone_of(HEADPHONE_ADAPTER, &s);
  assert_near(headphone_hiss_spl_db(&se, &s), 24.0, 0.05);
  assert_near(headphone_hiss_spl_db(&bridged, &s), 27.0, 0.05);
  assert_near(headphone_hiss_spl_db(&adapter, &s), 24.0, 0.05);
}

/* §12: the adapter shorts the cold amplifiers: V_cold over its output
 * impedance and the contact, 2 V / (1 + 0.2) Ω = 1.67 A at full scale
 * and volume 0 dB, far past a leg's few hundred mA. */
static void adapter_short_circuit_current(void **state)
{
  (void)state;
  balun_setup s = setup_with(LOAD_DYNAMIC, 32);
  s.amp_vrms = 2.0, s.amp_out_ohm = 1.0, s.return_ohm = 0.2, s.volume = 1.0;
  const balun_headphone adapter = headphone_of(HEADPHONE_ADAPTER, &s);
  assert_near(headphone_short_current_a(&adapter, &s), 2.0 / 1.2, 1e-9);
  assert_true(headphone_short_current_a(&adapter, &s) >
              headphone_current_limit_a());
  assert_true(headphone_current_limit_a() >= 0.1 &&
              headphone_current_limit_a() <= 0.5);
  const balun_headphone bridged = headphone_of(HEADPHONE_BRIDGED, &s);
  assert_near(headphone_short_current_a(&bridged, &s), 0.0, 0.0);
}

/* §11: a 0 dBFS sine from a +24 dBu source into an input clipping at
 * +18 dBu is cut at 50 % of its peak, THD ≈ 23 %; at +21 dBu 13 %; at
 * +16 dBu 28 %. The op-amp stage's knee changes these by less than 0.3 %,
 * and it is exact up to 1 dB under the clip level. */
static void clipped_sine_distortion(void **state)
{
  (void)state;
  static const struct {
    double clip_dbu, thd;
  } cases[] = {{18, 0.23}, {21, 0.13}, {16, 0.28}};
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; ++i) {
    const double fraction = pow(10.0, (cases[i].clip_dbu - 24.0) / 20.0);
    assert_near(clipped_sine_thd_hard(fraction), cases[i].thd, 0.005);
    assert_near(clipped_sine_thd(fraction), clipped_sine_thd_hard(fraction),
                0.003);
  }
  assert_near(clipped_sine_thd(pow(10.0, 1.0 / 20.0)), 0.0, 1e-6);
  const clip_stage rails = clip_stage_at(1.0);
  assert_true(clip_apply(rails, 0.891f) == 0.891f); /* bit-exact: clean */
  assert_true(clip_apply(rails, 1e6f) <= 1.0f &&
              clip_apply(rails, 1e6f) > 0.99f);
  assert_true(clip_apply(rails, -3.0f) == -clip_apply(rails, 3.0f));
}

/* §11: headroom is the chain's smallest margin over a 0 dBFS programme's
 * peak. Pro +24 dBu into +18 dBu: −6 dB, less the cable's passband loss
 * (0.3 m: 2 × 0.025 Ω of conductor and 2 × 10 Ω of source into the 20 kΩ
 * receiver, 20000/20020.05: −0.0087 dB) = −5.991 dB; into the default
 * +27 dBu: +3.009 dB; an RCA 2 Vrms (+8.24 dBu) source into +18 dBu:
 * +9.76 dB; with a headphone amplifier at +6 dB volume the amplifier clips
 * first: −6 dB (its input is the receiver's output at unity at 1 kHz, and
 * the passband is the same at 1 kHz to 1e-7). */
static void headroom_of_the_chain(void **state)
{
  (void)state;
  balun_setup s = setup_with(LOAD_DYNAMIC, 32);
  s.length_m = 0.3, s.source_ohm = 10, s.imbalance_ohm = 0;
  s.clip_vrms = dbu_to_vrms(18.0);
  assert_near(path_figures(PATH_XLR_PRO, HEADPHONE_NONE, &s).headroom_db,
              -5.991, 0.001);
  assert_near(path_figures(PATH_RCA, HEADPHONE_NONE, &s).headroom_db, 9.76,
              0.01);
  s.clip_vrms = dbu_to_vrms(27.0);
  assert_near(path_figures(PATH_XLR_PRO, HEADPHONE_NONE, &s).headroom_db, 3.009,
              0.001);
  s.volume = pow(10.0, 6.0 / 20.0);
  s.level_match = false; /* every leg at the volume */
  assert_near(path_figures(PATH_XLR_PRO, HEADPHONE_SE, &s).headroom_db, -6.0,
              0.01);
  assert_near(path_figures(PATH_XLR_PRO, HEADPHONE_BRIDGED, &s).headroom_db,
              -6.0, 0.01);
  /* level-matched, the bridged output plays as loud as SE with each leg
   * 20·log10(2 · (32/34) / ((32/33.4 + 32/33)/2)) = 5.813 dB lower (32 Ω
   * planar, 1 Ω, 0.2 Ω return): −6 + 5.813 = −0.187 dB of headroom */
  s.level_match = true;
  s.hp_load = LOAD_PLANAR, s.amp_out_ohm = 1.0, s.return_ohm = 0.2;
  assert_near(path_figures(PATH_XLR_PRO, HEADPHONE_BRIDGED, &s).headroom_db,
              -0.187, 0.002);
  s.volume = pow(10.0, -10.0 / 20.0); /* now the receiver's +3 dB */
  assert_near(path_figures(PATH_XLR_PRO, HEADPHONE_SE, &s).headroom_db, 3.009,
              0.001);
}

/* The readouts of a chain with a headphone stage (figures.c): loudness and
 * crosstalk as above, and the amplifier's hiss in the SNR. 2 µV per leg,
 * swing 2 V at volume 0 dB, 32 Ω planar on 1 Ω with a 0.5 Ω return: each
 * channel's noise reaches its driver through (mid ± side)/2, rms
 * √((H_mid² + H_side²)/2), H_mid = 32/34, H_side = 32/33, against the
 * programme's 2 V · (H_mid + H_side)/2: −120 dB of full scale, plus the
 * line's own noise in power. */
static void figures_of_a_headphone_chain(void **state)
{
  (void)state;
  balun_setup s = setup_with(LOAD_PLANAR, 32);
  s.ground_v = 0.0, s.field_t = 0.0, s.rf_v_per_m = 0.0;
  s.amp_vrms = 2.0, s.amp_out_ohm = 1.0, s.return_ohm = 0.5, s.volume = 1.0;
  s.amp_noise_vrms = 2e-6, s.hp_sensitivity = 100.0;
  const balun_figures line = path_figures(PATH_XLR_PRO, HEADPHONE_NONE, &s);
  const balun_figures se = path_figures(PATH_XLR_PRO, HEADPHONE_SE, &s);
  assert_near(se.crosstalk_db, -36.5, 0.05);
  assert_near(line.crosstalk_db, -160.0, 0.0);
  assert_near(line.spl_db, 0.0, 0.0);
  /* planar: flat, so the line's noise passes at its own level; the hiss,
   * e_n / (V_max · self(1 kHz)) per channel, adds in power */
  const double mid = 32.0 / 34.0, side = 32.0 / 33.0;
  const double hiss =
      2e-6 * sqrt(0.5 * (mid * mid + side * side)) / (2.0 * 0.5 * (mid + side));
  const double line_noise = line.noise_vrms / line.signal_vrms;
  assert_near(-se.snr_db, db(hypot(hiss, line_noise)), 0.01);
  /* bridged at the same loudness (level-matched): two legs of hiss through
   * 32/33 against the same programme at the driver as SE: 3 dB more */
  const balun_figures br = path_figures(PATH_XLR_PRO, HEADPHONE_BRIDGED, &s);
  const double hiss_br =
      sqrt(2.0) * 2e-6 * (32.0 / 34.0) / (2.0 * 0.5 * (mid + side));
  assert_near(-br.snr_db, db(hypot(hiss_br, line_noise)), 0.01);
}

/* A line alike in both channels (hum) through the network, against the
 * programme at 1 kHz: a 16 Ω BA on a 10 Ω bridged output (2 × 5 Ω, no
 * shared return) at 100 Hz is §12's −3.90 dB; SE into 32 Ω planar on 1 Ω
 * with a 0.5 Ω return at 1 kHz: (32/34) / ((32/34 + 32/33)/2) = −0.131 dB,
 * the return seen twice by both channels' currents. */
static void common_lines_through_the_network(void **state)
{
  (void)state;
  balun_setup s = setup_with(LOAD_BA, 16);
  s.amp_out_ohm = 5.0;
  const balun_headphone br = headphone_of(HEADPHONE_BRIDGED, &s);
  assert_near(db(headphone_common_gain(&br, &s, 100.0)), -3.90, 0.01);
  s = setup_with(LOAD_PLANAR, 32);
  s.amp_out_ohm = 1.0, s.return_ohm = 0.5;
  const balun_headphone se = headphone_of(HEADPHONE_SE, &s);
  assert_near(db(headphone_common_gain(&se, &s, 1000.0)), -0.131, 0.001);
  const balun_headphone none = headphone_of(HEADPHONE_NONE, &s);
  assert_near(headphone_common_gain(&none, &s, 100.0), 1.0, 0.0);
}

/* The engine's shortcut under automation: for a control the network
 * does not depend on, working out only the rails and noise
 * (headphone_retarget) gives exactly what the whole design does; and for
 * every other headphone control the network does change somewhere, so the
 * shortcut is not taken where it would be wrong. */
static void retargeting_equals_the_whole_design(void **state)
{
  (void)state;
  for (int kind = HEADPHONE_SE; kind < HEADPHONE_COUNT; ++kind)
    for (int p = 0; p < PORT_COUNT; ++p) {
      if (!(balun_ports[p].flags & PORT_HEADPHONE_STAGE)) continue;
      float v[PORT_COUNT];
      port_defaults(v);
      v[PORT_HEADPHONE_LOAD] = 2; /* a network that is a real filter */
      const balun_setup before = setup_from_ports(v);
      const headphone_params last = headphone_target(
          (balun_headphone_kind)kind, &before, true, 1.0, 48000.0);
      v[p] = p == PORT_HEADPHONE_LOAD ? 0.0f : balun_ports[p].maximum;
      const balun_setup after = setup_from_ports(v);
      const headphone_params whole = headphone_target(
          (balun_headphone_kind)kind, &after, true, 1.0, 48000.0);
      if (!headphone_network_depends_on(p)) {
        const headphone_params quick =
            headphone_retarget(&last, (balun_headphone_kind)kind, &after, 1.0);
        if (memcmp(&quick, &whole, sizeof quick))
          fail_msg("%s: retargeting differs from the whole design",
                   balun_ports[p].symbol);
      } else if (!memcmp(&last.mid, &whole.mid, sizeof last.mid) &&
                 !memcmp(&last.side, &whole.side, sizeof last.side) &&
                 kind != HEADPHONE_BRIDGED) {
        fail_msg("%s moves nothing in the network", balun_ports[p].symbol);
      }
    }
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(shared_return_crosstalk),
      cmocka_unit_test(loudness_se_and_bridged),
      cmocka_unit_test(output_impedance_shapes_the_response),
      cmocka_unit_test(hiss),
      cmocka_unit_test(adapter_short_circuit_current),
      cmocka_unit_test(clipped_sine_distortion),
      cmocka_unit_test(headroom_of_the_chain),
      cmocka_unit_test(figures_of_a_headphone_chain),
      cmocka_unit_test(retargeting_equals_the_whole_design),
      cmocka_unit_test(common_lines_through_the_network),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
