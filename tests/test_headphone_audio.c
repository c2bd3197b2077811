/* The rendered audio past the receiver agrees with physics.md §11-12 and
 * with the readouts: measured with FFTW in what the plugin plays (through
 * lilv on the built bundle), 48 kHz. Expected numbers are worked by hand in
 * the comments, and compared with the ports where a port says the same. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "clip.h"
#include "host.h"
#include "ports.h"
#include "programme.h"
#include "spectrum.h"
#include "world.h"

#define RATE     48000.0
#define SETTLE_S 0.25
#define N        48000 /* analysed: 1 s, 1 Hz bins */

typedef struct {
  const char *symbol;
  float value;
} setting;

/* No interference, a clean pro source, the quietest amplifier: what is
 * measured is the stage itself. */
static const setting quiet[] = {{"ground_voltage", 0},
                                {"magnetic_field", 0},
                                {"rf_field", 0},
                                {"path_a", 2},
                                {"path_b", 2},
                                {"cable_length", 0.3f},
                                {"source_impedance", 10},
                                {"source_imbalance", 0},
                                {"amp_noise", 0.3f},
                                {"headphone_load", 1}, /* planar: flat */
                                {"headphone_impedance", 32},
                                {"amp_output_impedance", 1},
                                {NULL, 0}};

typedef struct {
  float *l, *r; /* the analysed second */
  host_plugin *h;
} take;

static void apply(host_plugin *h, const setting *s)
{
  for (; s && s->symbol; ++s)
    if (host_set(h, s->symbol, s->value))
      fail_msg("cannot set %s = %g", s->symbol, s->value);
}

/* Runs SETTLE_S + 1 s of `in_l` / `in_r` (NULL: silence), repeated,
 * through `t.h` and keeps the last second. */
static void play(take *t, const float *in_l, const float *in_r)
{
  const size_t total = (size_t)(SETTLE_S * RATE) + N;
  float *l = calloc(total, sizeof *l), *r = calloc(total, sizeof *r);
  float *il = calloc(total, sizeof *il), *ir = calloc(total, sizeof *ir);
  assert_true(l && r && il && ir);
  for (size_t i = 0; i < total; ++i) {
    il[i] = in_l ? in_l[i % N] : 0.0f;
    ir[i] = in_r ? in_r[i % N] : 0.0f;
  }
  host_run(t->h, il, ir, l, r, (uint32_t)total);
  t->l = malloc(N * sizeof *t->l), t->r = malloc(N * sizeof *t->r);
  memcpy(t->l, l + total - N, N * sizeof *l);
  memcpy(t->r, r + total - N, N * sizeof *r);
  free(l), free(r), free(il), free(ir);
}

static take load(void)
{
  char err[512];
  take t = {0};
  t.h = host_load(world, BALUN_URI, RATE, 1024, err, sizeof err);
  if (!t.h) fail_msg("%s", err);
  return t;
}

/* The quiet scene, then `scene`, played. */
static take render(const setting *scene, const float *in_l, const float *in_r)
{
  take t = load();
  apply(t.h, quiet);
  apply(t.h, scene);
  play(&t, in_l, in_r);
  return t;
}

static void take_free(take *t)
{
  free(t->l), free(t->r);
  host_free(t->h);
}

/* A sine of whole cycles per second: it lands on one bin. */
static float *sine(double hz, double peak)
{
  float *x = malloc(N * sizeof *x);
  programme_sine(x, N, RATE, hz, peak);
  return x;
}

static double line_db(const float *x, double hz)
{
  spectrum s = spectrum_of(x, N, RATE);
  const double v = 20.0 * log10(spectrum_line_rms(&s, hz));
  spectrum_free(&s);
  return v;
}

/* Harmonics over the fundamental: everything but DC and the fundamental's
 * bin, so aliased harmonics (the stage clips a sampled signal) count too,
 * as their power is still there. */
static double thd(const float *x, double hz)
{
  spectrum s = spectrum_of(x, N, RATE);
  const double fundamental = spectrum_line_rms(&s, hz);
  const double all = spectrum_band_rms(&s, 1.0, 0.5 * RATE);
  spectrum_free(&s);
  return sqrt(fmax(all * all - fundamental * fundamental, 0.0)) / fundamental;
}

static void assert_near(double x, double want, double tolerance,
                        const char *what)
{
  if (!(fabs(x - want) <= tolerance))
    fail_msg("%s: %.4f, want %.4f ± %g", what, x, want, tolerance);
}

/* Level match off, one channel playing a 1 kHz sine at -20 dBFS. SE:
 * (32/(33 + 0.4) + 32/33)/2 = 0.963890 of the swing; bridged: 2 · 32/34 =
 * 1.882353; so bridged is 20·log10(1.882353/0.963890) = +5.813 dB louder
 * at the same volume; the adapter plays the hot legs alone over the
 * shared return: exactly SE, 5.813 dB under bridged. The ports' loudness
 * readouts differ by the same. */
static void bridged_is_louder_than_se_and_the_adapter(void **state)
{
  (void)state;
  float *tone = sine(1000.0, 0.1);
  double level[4], spl[4];
  for (int kind = 1; kind <= 3; ++kind) {
    const setting scene[] = {{"level_match", 0},
                             {"headphone_a", (float)kind},
                             {"return_resistance", 0.2f},
                             {NULL, 0}};
    take t = render(scene, tone, NULL);
    level[kind] = line_db(t.l, 1000.0);
    spl[kind] = host_get(t.h, "spl_a");
    take_free(&t);
  }
  assert_near(level[2] - level[1], 5.813, 0.02, "bridged - SE");
  assert_near(level[3] - level[1], 0.0, 0.01, "adapter - SE");
  assert_near(level[2] - level[3], 5.813, 0.02, "bridged - adapter");
  assert_near(spl[2] - spl[1], level[2] - level[1], 0.02, "loudness ports");
  free(tone);
}

/* Right input silent: the shared return puts V_g·Z/(Z+Z_out) on the right
 * driver: -36.5 dB for 32 Ω, 1 Ω, R_ret 0.5 Ω (§12), what crosstalk_a
 * reads; a bridged output has its own returns (nothing but noise, 100 dB
 * down or more). */
static void shared_return_crosstalk_in_the_audio(void **state)
{
  (void)state;
  float *tone = sine(1000.0, 0.5);
  const setting se[] = {
      {"headphone_a", 1}, {"return_resistance", 0.5f}, {NULL, 0}};
  take t = render(se, tone, NULL);
  const double xt = line_db(t.r, 1000.0) - line_db(t.l, 1000.0);
  assert_near(xt, -36.52, 0.02, "SE crosstalk");
  assert_near(xt, host_get(t.h, "crosstalk_a"), 0.02, "crosstalk_a");
  take_free(&t);
  const setting bridged[] = {
      {"headphone_a", 2}, {"return_resistance", 0.5f}, {NULL, 0}};
  t = render(bridged, tone, NULL);
  assert_true(line_db(t.r, 1000.0) - line_db(t.l, 1000.0) < -100.0);
  assert_true(signal_rms(t.r, N) < 1e-5); /* and nothing else there */
  assert_true(host_get(t.h, "crosstalk_a") == -160.0f);
  take_free(&t);
  free(tone);
}

/* The output impedance against the load's curve (§12), level-matched at
 * 1 kHz: a 16 Ω BA IEM on 10 Ω (bridged, 2 × 5 Ω, no shared return):
 * -3.90 dB at 100 Hz, +2.99 dB at 10 kHz; a 300 Ω dynamic on 120 Ω (SE,
 * return 0.01 Ω): +0.97 dB at 100 Hz. */
static void output_impedance_tilts_the_response(void **state)
{
  (void)state;
  static const struct {
    setting scene[6];
    double hz, want;
  } cases[] = {
      {{{"headphone_a", 2},
        {"headphone_load", 2},
        {"headphone_impedance", 16},
        {"amp_output_impedance", 5},
        {NULL, 0}},
       100.0,
       -3.90},
      {{{"headphone_a", 2},
        {"headphone_load", 2},
        {"headphone_impedance", 16},
        {"amp_output_impedance", 5},
        {NULL, 0}},
       10000.0,
       2.99},
      {{{"headphone_a", 1},
        {"headphone_load", 0},
        {"headphone_impedance", 300},
        {"amp_output_impedance", 120},
        {"return_resistance", 0.01f}},
       100.0,
       0.97},
  };
  for (size_t c = 0; c < sizeof cases / sizeof cases[0]; ++c) {
    float *probe = sine(cases[c].hz, 0.1), *ref = sine(1000.0, 0.1);
    take t = render(cases[c].scene, probe, NULL);
    take u = render(cases[c].scene, ref, NULL);
    assert_near(line_db(t.l, cases[c].hz) - line_db(u.l, 1000.0), cases[c].want,
                0.03, "response re 1 kHz");
    assert_near(line_db(u.l, 1000.0), -23.01, 0.01, "level-matched 1 kHz");
    take_free(&t), take_free(&u);
    free(probe), free(ref);
  }
}

/* §11: the receiver clips the whole signal. A pro +24 dBu source into an
 * input clipping at +16 dBu, a 0 dBFS sine: cut at 40 % of its peak, THD
 * 28 % (hard clip; the stage's knee, what clipped_sine_thd() computes for
 * the headroom that headroom_a reads, takes off 0.1 %). Then the amplifier
 * clipping alone: volume +6 dB on a clean input is cut at 50 %, 23 %. */
static void clipped_stages_distort_as_the_model_says(void **state)
{
  (void)state;
  float *tone = sine(1000.0, 1.0);
  const setting receiver[] = {{"input_clip_level", 16}, {NULL, 0}};
  take t = render(receiver, tone, NULL);
  const double headroom = host_get(t.h, "headroom_a");
  assert_near(headroom, -8.0, 0.01, "headroom_a");
  const double model = clipped_sine_thd(pow(10.0, headroom / 20.0));
  assert_near(thd(t.l, 1000.0), model, 0.002, "receiver THD");
  assert_near(thd(t.l, 1000.0), 0.28, 0.005, "receiver THD vs §11");
  take_free(&t);

  const setting amp[] = {
      {"headphone_a", 1}, {"headphone_volume", 6}, {NULL, 0}};
  t = render(amp, tone, tone);
  assert_near(host_get(t.h, "headroom_a"), -6.0, 0.01, "headroom_a");
  assert_near(thd(t.l, 1000.0), clipped_sine_thd(pow(10.0, -6.0 / 20.0)), 0.002,
              "amplifier THD");
  assert_near(thd(t.l, 1000.0), 0.23, 0.005, "amplifier THD vs §11");
  take_free(&t);

  /* and 1.5 dB under the rails, nothing at all */
  const setting clean[] = {{"input_clip_level", 25.5f}, {NULL, 0}};
  t = render(clean, tone, NULL);
  assert_true(thd(t.l, 1000.0) < 1e-4);
  take_free(&t);
  free(tone);
}

/* §12 hiss: a 16 Ω, 120 dB/mW IEM at volume -20 dB on a 2 V, 2 µV
 * amplifier, input silent: the noise the port promises (-SNR, as the
 * interference is nil) is what comes out. Bridged has two legs of noise:
 * 3.01 dB over SE (the line's own noise is 20 dB under the hiss), at the
 * same loudness (level-matched, the programme at unity) and at the same
 * volume alike (level match off: 0 dBFS is the SE swing, so the volts of
 * hiss compare directly, §12's 24.0 and 27.0 dB SPL). */
static void hiss_floor_matches_the_readout(void **state)
{
  (void)state;
  double floor_db[2][3];
  for (int match = 0; match < 2; ++match)
    for (int kind = 1; kind <= 2; ++kind) {
      const setting scene[] = {{"headphone_a", (float)kind},
                               {"level_match", (float)match},
                               {"headphone_load", 2},
                               {"headphone_impedance", 16},
                               {"headphone_sensitivity", 120},
                               {"headphone_volume", -20},
                               {"amp_noise", 2},
                               {NULL, 0}};
      take t = render(scene, NULL, NULL);
      spectrum s = spectrum_of(t.l, N, RATE);
      floor_db[match][kind] = rms_to_dbfs(spectrum_band_rms(&s, 20.0, 20000.0));
      spectrum_free(&s);
      /* the readout is relative to the programme, which plays at unity
       * but for the bridged output at the same volume */
      if (match || kind == 1)
        assert_near(floor_db[match][kind], -host_get(t.h, "snr_a"), 0.2,
                    "hiss vs SNR");
      take_free(&t);
    }
  assert_near(floor_db[1][2] - floor_db[1][1], 3.01, 0.3, "bridged - SE");
  assert_near(floor_db[0][2] - floor_db[0][1], 3.01, 0.3,
              "bridged - SE, same volume");
}

/* Hum through a headphone stage: the interference and noise the ports
 * promise (-SNR: the hum weighted line by line by the network, the
 * amplifier's hiss) is what plays with the programme removed, for a
 * network that tilts (a BA IEM on 10 Ω) and one that does not. */
static void hum_through_the_stage_matches_the_readout(void **state)
{
  (void)state;
  static const struct {
    float kind, load, ohm, out;
  } stages[] = {{2, 2, 16, 5}, {1, 1, 32, 1}, {3, 0, 300, 120}};
  for (size_t k = 0; k < sizeof stages / sizeof stages[0]; ++k) {
    const setting scene[] = {{"path_a", 0},
                             {"ground_voltage", 300},
                             {"buzz", 100},
                             {"listen", 2},
                             {"headphone_a", stages[k].kind},
                             {"headphone_load", stages[k].load},
                             {"headphone_impedance", stages[k].ohm},
                             {"amp_output_impedance", stages[k].out},
                             {NULL, 0}};
    take t = render(scene, NULL, NULL);
    spectrum s = spectrum_of(t.l, N, RATE);
    const double measured = rms_to_dbfs(spectrum_band_rms(&s, 20.0, 20000.0));
    spectrum_free(&s);
    assert_near(measured, -host_get(t.h, "snr_a"), 0.2,
                "hum through the stage");
    take_free(&t);
  }
}

/* The presets play what their comments say: the path that should clip
 * clips (THD of a 0 dBFS sine), its fix does not; the hissing output
 * hisses 3 dB more; the crosstalk and the tilt are there. */
static take preset_take(const char *name, int listen, const float *l,
                        const float *r)
{
  char err[1024], uri[256];
  snprintf(uri, sizeof uri, "%s#preset-%s", BALUN_URI, name);
  take t = load();
  if (host_apply_preset(t.h, uri, err, sizeof err)) fail_msg("%s", err);
  assert_int_equal(host_set(t.h, "listen", (float)listen), 0);
  play(&t, l, r);
  return t;
}

static void presets_play_what_they_say(void **state)
{
  (void)state;
  float *full = sine(1000.0, 1.0);
  /* clipping: A distorts as its headroom says, B is clean */
  static const char *clipping[] = {"16-pro-converter-into-consumer-input",
                                   "20-planar-se-clips"};
  for (size_t k = 0; k < 2; ++k) {
    take a = preset_take(clipping[k], 0, full, full);
    take b = preset_take(clipping[k], 1, full, full);
    const double headroom = host_get(a.h, "headroom_a");
    assert_true(headroom < -4.0 && host_get(a.h, "headroom_b") > 0.5);
    assert_near(thd(a.l, 1000.0), clipped_sine_thd(pow(10.0, headroom / 20.0)),
                0.003, clipping[k]);
    assert_true(thd(b.l, 1000.0) < 1e-3);
    take_free(&a), take_free(&b);
  }
  /* hiss: A's floor 3 dB over B's, the programme removed */
  take a = preset_take("21-iem-hiss-balanced", 2, NULL, NULL);
  take b = preset_take("21-iem-hiss-balanced", 3, NULL, NULL);
  assert_near(20.0 * log10(signal_rms(a.l, N) / signal_rms(b.l, N)), 3.0, 0.3,
              "IEM hiss, balanced over SE");
  take_free(&a), take_free(&b);
  /* crosstalk: -31 dB through the 1 Ω sleeve, none 4-pole */
  float *tone = sine(1000.0, 0.5);
  a = preset_take("24-crosstalk-3-pole-vs-4-pole", 0, tone, NULL);
  b = preset_take("24-crosstalk-3-pole-vs-4-pole", 1, tone, NULL);
  assert_near(line_db(a.r, 1000.0) - line_db(a.l, 1000.0),
              host_get(a.h, "crosstalk_a"), 0.05, "3-pole crosstalk");
  assert_true(host_get(a.h, "crosstalk_a") < -30.0 &&
              host_get(a.h, "crosstalk_a") > -32.0);
  assert_true(line_db(b.r, 1000.0) - line_db(b.l, 1000.0) < -100.0);
  take_free(&a), take_free(&b);
  /* tilt: the BA IEM thin in the bass on 10 Ω, flat on the fix */
  float *bass = sine(100.0, 0.5);
  a = preset_take("23-ba-iem-high-output-impedance", 0, bass, NULL);
  b = preset_take("23-ba-iem-high-output-impedance", 1, bass, NULL);
  take c = preset_take("23-ba-iem-high-output-impedance", 0, tone, NULL);
  assert_true(line_db(a.l, 100.0) - line_db(c.l, 1000.0) < -3.5);
  assert_near(line_db(b.l, 100.0) - line_db(c.l, 1000.0), 0.0, 0.05,
              "the fix is flat");
  take_free(&a), take_free(&b), take_free(&c);
  free(full), free(tone), free(bass);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(bridged_is_louder_than_se_and_the_adapter),
      cmocka_unit_test(shared_return_crosstalk_in_the_audio),
      cmocka_unit_test(output_impedance_tilts_the_response),
      cmocka_unit_test(clipped_stages_distort_as_the_model_says),
      cmocka_unit_test(hiss_floor_matches_the_readout),
      cmocka_unit_test(presets_play_what_they_say),
      cmocka_unit_test(hum_through_the_stage_matches_the_readout),
  };
  return cmocka_run_group_tests(tests, world_setup, world_teardown);
}
