/* A long session: thirty minutes at 48 kHz (86.4 M frames) through the LV2
 * descriptor, loaded by lilv, with automation sweeping every control input
 * and, every five minutes, a full-scale noise burst followed by silence
 * with every interference source off. Checked: every sample finite and
 * bounded, every output port finite, no denormal stall (denormal_count.h:
 * none at all in silence or in a steady scene, never more than a few in
 * a block), and at the end the noise floor the model predicts for two
 * quiet paths.
 *
 * Per-block cost: at fixed checkpoints (the start, after each silence, the
 * end) the same scene runs the same input; under callgrind the checkpoint
 * blocks alone are counted, and tests/check-cost.sh compares their
 * instruction counts. Natively the requests cost nothing. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <valgrind/callgrind.h>

#include "denormal_count.h"
#include "host.h"
#include "model.h"
#include "programme.h"
#include "spectrum.h"
#include "world.h"

#define RATE        48000.0
#define BLOCK       512u
#define SESSION_S   (30 * 60)
#define EPISODE_S   300 /* a burst and a silence every five minutes */
#define BURST_AT_S  240 /* within each episode */
#define BURST_S     5
#define SILENCE_S   20
#define CHECK_BLOCK 50 /* blocks counted at each cost checkpoint */
/* A stall meets a denormal at least once per sample (512 per block); the
 * product of two tiny numbers that automation makes now and then, once. */
#define STALL_OPS 16
/* The model's loudest interference is +39 dBFS (90 rms) and its largest
 * programme gain 8.5 (see fuzz_plugin.c): no sound output nears +60 dBFS. */
#define OUTPUT_BOUND 1000.0f

typedef struct {
  host_plugin *h;
  float *loop_l, *loop_r; /* one cycle of the demo, looped */
  uint32_t loop_n;
  float in_l[BLOCK], in_r[BLOCK], out_l[BLOCK], out_r[BLOCK];
  uint64_t frame, blocks;
  /* Automation moves every block, as in Ardour; under callgrind, which
   * runs the session twenty times slower, every 8th (85 ms) so that the
   * cost check takes a minute rather than four. */
  unsigned automation_every;
  bool counting;       /* denormal_count works here */
  bool steady;         /* a fixed scene: no denormal at all is allowed */
  long denormals_most; /* in one block */
  float peak;
  int checkpoints;
} session;

static session s;

/* Control p at time t: a triangle sweep over its whole range with a
 * period of its own (41 s, 54 s, ... 314 s), log-spaced for logarithmic
 * ports, stepping through every choice of a toggle or an enumeration. */
static float automation(int p, double t)
{
  const balun_port_info *c = &balun_ports[p];
  const double period = 41.0 + 13.0 * (p - PORT_ENABLED);
  double x = fmod(t / period, 1.0);
  x = x < 0.5 ? 2.0 * x : 2.0 - 2.0 * x;
  if (p == PORT_ENABLED) /* bypassed for 10 s of every episode */
    return fmod(t, EPISODE_S) >= 150 && fmod(t, EPISODE_S) < 160 ? 0 : 1;
  if (c->flags & PORT_TOGGLED) return x >= 0.5 ? 1.0f : 0.0f;
  if (c->n_scale_points > 0)
    return c->scale_points[(int)(x * (c->n_scale_points - 1) + 0.5)].value;
  if (c->flags & PORT_LOGARITHMIC)
    return (float)(c->minimum * pow(c->maximum / c->minimum, x));
  return (float)(c->minimum + x * (c->maximum - c->minimum));
}

struct setting {
  const char *symbol;
  float value;
};

static void set_scene(const struct setting *scene)
{
  for (const struct setting *x = scene; x->symbol; ++x)
    if (host_set(s.h, x->symbol, x->value))
      fail_msg("cannot set %s = %g", x->symbol, x->value);
}

/* The last block's output samples and the output ports. */
static void check_block(uint32_t n)
{
  for (uint32_t i = 0; i < n; ++i) {
    const float a = fmaxf(fabsf(s.out_l[i]), fabsf(s.out_r[i]));
    if (!(a <= OUTPUT_BOUND))
      fail_msg("%.1f s: sample %g/%g", (double)(s.frame + i) / RATE, s.out_l[i],
               s.out_r[i]);
    s.peak = fmaxf(s.peak, a);
  }
  for (int o = 0; o < PORT_COUNT; ++o)
    if (port_is_output(o))
      if (!isfinite(host_get(s.h, balun_ports[o].symbol)))
        fail_msg("%.1f s: %s not finite", (double)s.frame / RATE,
                 balun_ports[o].symbol);
  s.frame += n;
}

/* Runs one block of whatever is in s.in_*, checking everything. */
static void run_block(uint32_t n)
{
  const long before = denormal_count();
  denormal_count_watch(s.counting);
  host_run_connected(s.h, n);
  denormal_count_watch(false);
  const long denormals = denormal_count() - before;
  if (denormals > (s.steady ? 0 : STALL_OPS))
    fail_msg("%.3f s: %ld denormal operations in one block%s",
             (double)s.frame / RATE, denormals,
             s.steady ? " of a steady scene" : ": a stall");
  s.denormals_most =
      denormals > s.denormals_most ? denormals : s.denormals_most;
  check_block(n);
}

/* Everything on, both paths busy: the dearest scene, always the same. */
static const struct setting busy[] = {{"enabled", 1},
                                      {"path_a", 5},
                                      {"path_b", 6},
                                      {"listen", 1},
                                      {"ground_voltage", 1000},
                                      {"buzz", 100},
                                      {"magnetic_field", 50},
                                      {"rf_field", 30},
                                      {"rf_source", 1},
                                      {"pin1_problem", 1},
                                      /* between grid points: two table
                                       * sets read (src/mains_grid.h) */
                                      {"mains_frequency", 57.5f},
                                      /* the hum drifting (what that
                                       * costs), in a three-prong loop */
                                      {"hum_drift", 100},
                                      {"loop_type", 0},
                                      /* both headphone stages on, neither
                                       * stage near its rails (clipping
                                       * costs what it clips) */
                                      {"headphone_a", 2},
                                      {"headphone_b", 1},
                                      {"headphone_load", 0},
                                      {"input_clip_level", 30},
                                      {"headphone_volume", -20},
                                      {NULL, 0}};

/* The same scene on the same input, settled, then CHECK_BLOCK blocks
 * counted by callgrind alone (a no-op outside valgrind). */
static void checkpoint(void)
{
  char name[32];
  set_scene(busy);
  s.steady = false; /* the glide to the scene */
  memcpy(s.in_l, s.loop_l, sizeof s.in_l);
  memcpy(s.in_r, s.loop_r, sizeof s.in_r);
  for (int b = 0; b < 10; ++b) /* > 10 glide time constants */
    run_block(BLOCK);
  s.steady = true;
  for (int b = 0; b < 10; ++b)
    run_block(BLOCK);
  s.steady = false;
  snprintf(name, sizeof name, "checkpoint %d", ++s.checkpoints);
  CALLGRIND_START_INSTRUMENTATION;
  CALLGRIND_ZERO_STATS;
  for (int b = 0; b < CHECK_BLOCK; ++b)
    host_run_connected(s.h, BLOCK);
  CALLGRIND_DUMP_STATS_AT(name);
  CALLGRIND_STOP_INSTRUMENTATION;
  check_block(BLOCK); /* the last of them; the time line moves on */
  s.frame += (CHECK_BLOCK - 1) * BLOCK;
}

static int setup(void **state)
{
  if (world_setup(state)) return -1;
  char err[512];
  s.h = host_load(world, BALUN_URI, RATE, BLOCK, err, sizeof err);
  if (!s.h) {
    fprintf(stderr, "%s\n", err);
    return -1;
  }
  /* The demo (programme.h) repeats every two music-and-gap cycles; render
   * it once: the piano synthesis costs more than the plugin. */
  s.loop_n = (uint32_t)(2 * (PROGRAMME_MUSIC_S + PROGRAMME_GAP_S) * RATE);
  s.loop_l = malloc(s.loop_n * sizeof(float));
  s.loop_r = malloc(s.loop_n * sizeof(float));
  if (!s.loop_l || !s.loop_r) return -1;
  programme_demo(s.loop_l, s.loop_r, s.loop_n, RATE);
  host_connect_audio(s.h, s.in_l, s.in_r, s.out_l, s.out_r);
  s.automation_every = RUNNING_ON_VALGRIND ? 8 : 1;
  return 0;
}

static int teardown(void **state)
{
  host_free(s.h);
  free(s.loop_l);
  free(s.loop_r);
  return world_teardown(state);
}

/* One block of the session at s.frame: automation or an episode's burst
 * or silence, then the input. */
static void session_block(uint32_t *noise_seed)
{
  static const struct setting quiet[] = {
      {"ground_voltage", 0}, {"magnetic_field", 0}, {"rf_field", 0}, {NULL, 0}};
  const double t = (double)s.frame / RATE;
  const double in_episode = fmod(t, EPISODE_S) - BURST_AT_S;
  if (in_episode < 0 || in_episode >= BURST_S + SILENCE_S) {
    if (++s.blocks % s.automation_every == 0)
      for (int p = 0; p < PORT_COUNT; ++p)
        if (port_is_control(p))
          host_set_raw(s.h, (uint32_t)p, automation(p, t));
    for (uint32_t i = 0; i < BLOCK; ++i) {
      const uint32_t k = (uint32_t)((s.frame + i) % s.loop_n);
      s.in_l[i] = s.loop_l[k];
      s.in_r[i] = s.loop_r[k];
    }
  } else if (in_episode < BURST_S) {
    programme_noise(s.in_l, BLOCK, 1.0, noise_seed);
    programme_noise(s.in_r, BLOCK, 1.0, noise_seed);
  } else {
    set_scene(quiet);
    memset(s.in_l, 0, sizeof s.in_l);
    memset(s.in_r, 0, sizeof s.in_r);
  }
  /* silence, once the scene has glided there */
  s.steady = in_episode >= BURST_S + 0.1 && in_episode < BURST_S + SILENCE_S;
  run_block(BLOCK);
  s.steady = false;
  /* after each silence, the cost checkpoint */
  const double next = fmod((double)s.frame / RATE, EPISODE_S) - BURST_AT_S;
  if (in_episode >= 0 && in_episode < BURST_S + SILENCE_S &&
      next >= BURST_S + SILENCE_S)
    checkpoint();
}

static void
thirty_minutes_of_automation_stay_finite_and_denormal_free(void **state)
{
  (void)state;
  uint32_t noise_seed = 2024;
  s.counting = denormal_count_begin();
  checkpoint(); /* the start */
  const uint64_t end = (uint64_t)(SESSION_S * RATE);
  while (s.frame + BLOCK <= end)
    session_block(&noise_seed);
  checkpoint(); /* the end */
  printf("%.1f minutes in %d-frame blocks; peak |sample| %.2f; %d cost "
         "checkpoints\n",
         (double)s.frame / RATE / 60, BLOCK, (double)s.peak, s.checkpoints);
  if (!s.counting) {
    printf("denormals not counted here (not x86-64 Linux, or valgrind)\n");
    return;
  }
  printf("denormal operations: %ld in all, at most %ld in a block\n",
         denormal_count(), s.denormals_most);
  /* the counter counts: */
  const long before = denormal_count();
  volatile float tiny = 1e-40f, product;
  denormal_count_watch(true);
  product = tiny * 3.0f;
  denormal_count_watch(false);
  (void)product;
  denormal_count_end();
  s.counting = false;
  assert_int_equal(denormal_count() - before, 1);
}

/* The model's thermal noise floor (noise.c, physics.md §2) of path A and
 * of path B heard alone, against the in-band rms of what the plugin plays
 * after the session, with every interference source off. */
static void noise_floor_after_thirty_minutes_is_the_models(void **state)
{
  (void)state;
  static const struct setting scene[] = {{"enabled", 1},
                                         {"level_match", 1},
                                         {"path_a", 0},
                                         {"path_b", 2},
                                         {"ground_voltage", 0},
                                         {"magnetic_field", 0},
                                         {"rf_field", 0},
                                         {"pin1_problem", 0},
                                         {"cable_length", 3},
                                         {"source_impedance", 100},
                                         {"input_clip_level", 27},
                                         {"headphone_a", 0},
                                         {"headphone_b", 0},
                                         {NULL, 0}};
  if (s.frame == 0) fail_msg("the session did not run");
  if (s.counting) denormal_count_end(); /* if the session test failed */
  s.counting = false;
  set_scene(scene);
  float v[PORT_COUNT];
  for (int p = 0; p < PORT_COUNT; ++p)
    if (port_is_control(p)) v[p] = host_get(s.h, balun_ports[p].symbol);
  const balun_setup setup = setup_from_ports(v);
  const size_t n = (size_t)(2 * RATE);
  float *heard = malloc(n * sizeof(float));
  for (int path = 0; path < 2; ++path) {
    host_set(s.h, "listen", (float)(2 + path));
    memset(s.in_l, 0, sizeof s.in_l);
    memset(s.in_r, 0, sizeof s.in_r);
    for (int b = 0; b < (int)(RATE / BLOCK); ++b) /* a second to settle */
      run_block(BLOCK);
    for (size_t done = 0; done + BLOCK <= n; done += BLOCK) {
      run_block(BLOCK);
      memcpy(heard + done, s.out_l, sizeof s.out_l);
    }
    const size_t kept = n / BLOCK * BLOCK;
    spectrum sp = spectrum_of(heard, kept, RATE);
    const double measured = rms_to_dbfs(spectrum_band_rms(&sp, 20, 20000));
    spectrum_free(&sp);
    const balun_figures f =
        path_figures(path ? PATH_XLR_PRO : PATH_RCA, HEADPHONE_NONE, &setup);
    const double model = 20 * log10(f.noise_vrms / f.signal_vrms);
    printf("path %c noise floor: %.2f dBFS, model %.2f dBFS\n", 'A' + path,
           measured, model);
    if (!(fabs(measured - model) <= 0.2))
      fail_msg("path %c: %.2f dBFS, model %.2f", 'A' + path, measured, model);
  }
  free(heard);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(
          thirty_minutes_of_automation_stay_finite_and_denormal_free),
      cmocka_unit_test(noise_floor_after_thirty_minutes_is_the_models),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
