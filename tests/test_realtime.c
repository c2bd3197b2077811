/* What a host relies on (lv2-and-hosts.md, "Run-time behaviour"), checked
 * through lilv on the built bundle: any block size, in-place buffers, no
 * allocation in run(), nothing non-finite out whatever comes in, no
 * denormals after silence, no clicks when anything changes, and Ardour's
 * queue_draw asked for only when the mixer-strip view changed. */
#define _GNU_SOURCE
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "alloc_count.h"
#include "denormal_count.h"
#include "host.h"
#include "inline_display.h"
#include "ports.h"
#include "programme.h"
#include "readout_clock.h"
#include "world.h"

#define RATE 48000.0

/* Everything on: both paths busy, every source of interference. */
static const struct {
  const char *symbol;
  float value;
} busy[] = {{"ground_voltage", 1000},
            {"buzz", 100},
            {"magnetic_field", 50},
            {"rf_field", 30},
            {"rf_source", 1},
            {"pin1_problem", 1},
            {"path_a", 5},
            {"path_b", 6},
            {"listen", 1},
            {"cable_length", 50},
            {"hum_drift", 100}};

/* Ardour's queue_draw (the inline display's feature), counting requests
 * in the int its handle points to. */
static int draws;
static void count_draw(LV2_Inline_Display_Handle handle)
{
  ++*(int *)handle;
}
static const LV2_Inline_Display queue_draw = {&draws, count_draw};
static const LV2_Feature queue_draw_feature = {LV2_INLINEDISPLAY__queue_draw,
                                               (void *)&queue_draw};

static host_plugin *load_busy_with(uint32_t max_block, const LV2_Feature *extra)
{
  char err[512];
  host_plugin *h = host_load_with(world, BALUN_URI, RATE, max_block, extra, err,
                                  sizeof(err));
  if (!h) fail_msg("%s", err);
  for (size_t i = 0; i < sizeof(busy) / sizeof(busy[0]); ++i)
    assert_int_equal(host_set(h, busy[i].symbol, busy[i].value), 0);
  return h;
}

static host_plugin *load_busy(uint32_t max_block)
{
  return load_busy_with(max_block, NULL);
}

typedef struct {
  float *l, *r;
  size_t n;
} stereo;

static stereo stereo_new(size_t n)
{
  stereo s = {calloc(n, sizeof(float)), calloc(n, sizeof(float)), n};
  return s;
}

static void stereo_free(stereo *s)
{
  free(s->l);
  free(s->r);
}

static stereo demo_input(size_t n)
{
  stereo s = stereo_new(n);
  programme_demo(s.l, s.r, (uint32_t)n, RATE);
  return s;
}

/* Renders `in` in blocks of `block` frames (host_run splits). */
static stereo render_blocks(const stereo *in, uint32_t block)
{
  host_plugin *h = load_busy(block);
  stereo out = stereo_new(in->n);
  host_run(h, in->l, in->r, out.l, out.r, (uint32_t)in->n);
  host_free(h);
  return out;
}

static void assert_same(const stereo *a, const stereo *b, const char *what)
{
  for (size_t i = 0; i < a->n; ++i)
    if (a->l[i] != b->l[i] || a->r[i] != b->r[i])
      fail_msg("%s: frame %zu differs: %g/%g vs %g/%g", what, i, a->l[i],
               a->r[i], b->l[i], b->r[i]);
}

/* Runs `n` frames of `in` from `at` in blocks of `block` frames. */
static void run_in_blocks(host_plugin *h, const stereo *in, stereo *out,
                          size_t at, size_t n, uint32_t block)
{
  for (size_t done = 0; done < n;) {
    const uint32_t len = n - done < block ? (uint32_t)(n - done) : block;
    host_run(h, in->l + at + done, in->r + at + done, out->l + at + done,
             out->r + at + done, len);
    done += len;
  }
}

/* The busy scene with the line changed twice mid-stream (a louder ground
 * loop at 0.25 s; path A and the mains frequency at 0.5 s), the host's
 * longest block `max_block`, run in blocks of `block`, with or without a
 * worker (the hum's tables are rebuilt off the audio thread). */
static stereo render_changes(const stereo *in, uint32_t max_block,
                             uint32_t block, bool worker, float readout[2])
{
  char err[512];
  host_plugin *h =
      worker ? host_load(world, BALUN_URI, RATE, max_block, err, sizeof err)
             : host_load_without_worker(world, BALUN_URI, RATE, max_block, err,
                                        sizeof err);
  if (!h) fail_msg("%s", err);
  for (size_t i = 0; i < sizeof(busy) / sizeof(busy[0]); ++i)
    assert_int_equal(host_set(h, busy[i].symbol, busy[i].value), 0);
  assert_int_equal(host_set(h, "listen", 2), 0); /* A's interference */
  /* the ground loop alone (no RF, no field driving the loop), and well
   * under the receiver's rails */
  assert_int_equal(host_set(h, "rf_field", 0), 0);
  assert_int_equal(host_set(h, "magnetic_field", 0), 0);
  assert_int_equal(host_set(h, "ground_voltage", 100), 0);
  stereo out = stereo_new(in->n);
  const size_t quarter = (size_t)(0.25 * RATE);
  run_in_blocks(h, in, &out, 0, quarter, block);
  readout[0] = host_get(h, "interference_a");
  assert_int_equal(host_set(h, "ground_voltage", 300), 0);
  run_in_blocks(h, in, &out, quarter, quarter, block);
  readout[1] = host_get(h, "interference_a");
  assert_int_equal(host_set(h, "path_a", 0), 0);
  assert_int_equal(host_set(h, "mains_frequency", 60), 0);
  run_in_blocks(h, in, &out, 2 * quarter, in->n - 2 * quarter, block);
  host_free(h);
  return out;
}

static double rms_of(const float *x, size_t n)
{
  double sum = 0.0;
  for (size_t i = 0; i < n; ++i)
    sum += (double)x[i] * x[i];
  return sqrt(sum / (double)n);
}

/* The new hum fades in on the same sample whatever blocks the host runs
 * (up to its longest) and whether its worker builds it or run() does, and
 * it is heard: the louder ground loop as much louder as the readout says
 * (within 0.2 dB, as test_audio holds the audio to the readouts). */
static void hum_changes_land_on_the_same_sample(void **state)
{
  (void)state;
  stereo in = stereo_new((size_t)(0.75 * RATE));
  programme_sine(in.l, (uint32_t)in.n, RATE, 440.0, 0.5);
  memcpy(in.r, in.l, in.n * sizeof(float));
  float readout[2];
  stereo ref = render_changes(&in, 1024, 1024, true, readout);
  static const struct {
    uint32_t block;
    bool worker;
  } runs[] = {{1, true}, {17, true}, {64, true}, {1024, false}, {17, false}};
  for (size_t k = 0; k < sizeof runs / sizeof runs[0]; ++k) {
    float again[2];
    stereo out =
        render_changes(&in, 1024, runs[k].block, runs[k].worker, again);
    char what[64];
    snprintf(what, sizeof what, "blocks of %u, %s worker", runs[k].block,
             runs[k].worker ? "a" : "no");
    assert_same(&ref, &out, what);
    stereo_free(&out);
  }
  const size_t tenth = (size_t)(0.1 * RATE);
  const double before = rms_of(ref.l + tenth, tenth);
  const double after = rms_of(ref.l + (size_t)(0.35 * RATE), tenth);
  const double rise = 20.0 * log10(after / before);
  const double said = (double)readout[1] - readout[0];
  print_message("ground loop 100 -> 300 mV: interference %+.2f dB, "
                "readouts %+.2f dB\n",
                rise, said);
  if (!(said > 6.0 && fabs(rise - said) < 0.2))
    fail_msg("the louder ground loop is %+.2f dB, the readouts say %+.2f dB",
             rise, said);
  stereo_free(&ref);
  stereo_free(&in);
}

/* A render repeats bit-exactly whatever the block size: 1, 17, 64, 4096. */
static void block_size_does_not_change_output(void **state)
{
  (void)state;
  stereo in = demo_input((size_t)(1.5 * RATE));
  stereo ref = render_blocks(&in, 4096);
  static const uint32_t blocks[] = {1, 17, 64};
  for (int b = 0; b < 3; ++b) {
    stereo out = render_blocks(&in, blocks[b]);
    assert_same(&ref, &out, "block size");
    stereo_free(&out);
  }
  stereo again = render_blocks(&in, 4096);
  assert_same(&ref, &again, "second render");
  stereo_free(&again);
  stereo_free(&ref);
  stereo_free(&in);
}

/* In-place processing (out = in) gives what separate buffers give; and a
 * run of 0 frames changes nothing. */
static void in_place_equals_separate_buffers(void **state)
{
  (void)state;
  stereo in = demo_input((size_t)RATE);
  stereo ref = render_blocks(&in, 512);
  host_plugin *h = load_busy(512);
  host_run(h, in.l, in.r, in.l, in.r, 0);
  host_run(h, in.l, in.r, in.l, in.r, (uint32_t)in.n);
  host_free(h);
  assert_same(&ref, &in, "in place");
  stereo_free(&ref);
  stereo_free(&in);
}

/* No malloc, calloc, realloc or free inside run(), also while parameters
 * change every block (the model is recomputed then) and the plugin asks
 * Ardour's queue_draw for a redraw. */
static void run_does_not_allocate(void **state)
{
  (void)state;
  /* the counter sees the plugin's own allocations (instantiate) */
  alloc_count_begin();
  host_plugin *h = load_busy_with(256, &queue_draw_feature);
  assert_true(alloc_count_end() > 0);
  stereo in = demo_input(256), out = stereo_new(256);
  host_connect_audio(h, in.l, in.r, out.l, out.r);
  host_run_connected(h, 256); /* warm up */
  const int length = host_port_index(h, "cable_length");
  const int listen = host_port_index(h, "listen");
  draws = 0;
  alloc_count_begin();
  for (int i = 0; i < 200; ++i) {
    host_set_raw(h, (uint32_t)length, 1.0f + (float)i);
    host_set_raw(h, (uint32_t)listen, (float)(i % 4));
    host_run_connected(h, (uint32_t)(i % 2 ? 256 : 1));
  }
  assert_int_equal(alloc_count_end(), 0);
  assert_true(draws >= 200); /* listen changed every block */
  /* the counter works (volatile: the pair must not be optimised away): */
  alloc_count_begin();
  void *volatile p = malloc(16);
  free(p);
  assert_int_equal(alloc_count_end(), 2);
  stereo_free(&in);
  stereo_free(&out);
  host_free(h);
}

/* Runs `seconds` of silence in blocks of `block` frames, setting `symbol`
 * (if any) to value(i) before block i; the queue_draw calls it caused. */
static int draws_while(host_plugin *h, double seconds, uint32_t block,
                       const char *symbol, float (*value)(int))
{
  const int index = symbol ? host_port_index(h, symbol) : -1;
  draws = 0;
  for (int i = 0; i < (int)(seconds * RATE / block); ++i) {
    if (index >= 0) host_set_raw(h, (uint32_t)index, value(i));
    host_run(h, NULL, NULL, NULL, NULL, block);
  }
  return draws;
}

static float toggling(int i)
{
  return (float)(i % 2);
}

static float rising_mv(int i)
{
  return 100.0f + (float)i;
}

/* Ardour's inline display: run() asks for a redraw when what the view
 * shows (listen, bypass, the interference readouts) changed, at once for
 * listen, at the readouts' bounded rate (40 ms) while they change; never while
 * nothing changes, nor for a control that changes nothing it shows. */
static void queue_draw_only_when_the_view_changes(void **state)
{
  (void)state;
  host_plugin *h = load_busy_with(64, &queue_draw_feature);
  assert_true(draws_while(h, 0.1, 64, NULL, NULL) >= 1); /* the first view */
  assert_int_equal(draws_while(h, 1.0, 64, NULL, NULL), 0);
  assert_int_equal(host_set(h, "listen", 0), 0);
  assert_int_equal(draws_while(h, 64 / RATE, 64, NULL, NULL), 1);
  assert_int_equal(draws_while(h, 1.0, 64, NULL, NULL), 0);
  /* level matching, switched every block, changes the audio, not the
   * interference in dBFS of each path's full scale */
  assert_int_equal(draws_while(h, 0.5, 64, "level_match", toggling), 0);
  /* bypass (Ardour's button) shows: one redraw */
  assert_int_equal(host_set(h, "enabled", 0), 0);
  assert_int_equal(draws_while(h, 0.5, 64, NULL, NULL), 1);
  /* the ground potential every block for 0.5 s: a redraw per readout
   * update, one every READOUT_INTERVAL_S (12.5 in 0.5 s), give or take
   * one at either end */
  const int during = draws_while(h, 0.5, 64, "ground_voltage", rising_mv);
  const double updates = 0.5 / READOUT_INTERVAL_S;
  if (during < floor(updates) - 1 || during > ceil(updates) + 1)
    fail_msg("%d redraws in 0.5 s of a changing readout, not %g ± 1.5", during,
             updates);
  host_free(h);
}

static int all_finite(const stereo *s, float bound)
{
  for (size_t i = 0; i < s->n; ++i)
    if (!(fabsf(s->l[i]) <= bound && fabsf(s->r[i]) <= bound)) return 0;
  return 1;
}

/* NaN, ±Inf, ±1e30 and denormals in the audio never come out as anything
 * but finite, bounded samples, and a NaN leaves no trace: the output is
 * the one a silent sample would have given. */
static void hostile_audio_stays_finite(void **state)
{
  (void)state;
  stereo in = demo_input((size_t)RATE);
  stereo zeroed = demo_input((size_t)RATE);
  const float bad[] = {NAN, INFINITY, -INFINITY, 1e30f, -1e30f, 1e-40f};
  for (size_t i = 0; i < in.n; i += 997) {
    in.l[i] = bad[(i / 997) % 6];
    in.r[i] = bad[(i / 997 + 3) % 6];
    zeroed.l[i] = isfinite(in.l[i]) ? in.l[i] : 0.0f;
    zeroed.r[i] = isfinite(in.r[i]) ? in.r[i] : 0.0f;
  }
  stereo out = render_blocks(&in, 64);
  /* 1e30 is clipped at 1e6 (120 dB over full scale) */
  assert_true(all_finite(&out, 1e8f));
  /* NaN and Inf only: they must act exactly as silence */
  stereo only_nan = demo_input((size_t)RATE), silent = demo_input(only_nan.n);
  for (size_t i = 0; i < only_nan.n; i += 331) {
    only_nan.l[i] = i % 2 ? NAN : INFINITY;
    silent.l[i] = 0.0f;
  }
  stereo a = render_blocks(&only_nan, 64), b = render_blocks(&silent, 64);
  assert_same(&a, &b, "NaN acts as silence");
  stereo_free(&a);
  stereo_free(&b);
  stereo_free(&only_nan);
  stereo_free(&silent);
  stereo_free(&out);
  stereo_free(&zeroed);
  stereo_free(&in);
}

/* Hosts may send anything: every control set to NaN, ±Inf, far out of
 * range, then 300 random in-range scenes, each for a few blocks: output
 * samples and output ports stay finite. */
static void hostile_controls_stay_finite(void **state)
{
  (void)state;
  const float bad[] = {NAN, INFINITY, -INFINITY, -1e9f, 1e9f, -0.0f};
  host_plugin *h = load_busy(64);
  stereo in = demo_input(64), out = stereo_new(64);
  for (int b = 0; b < 6; ++b)
    for (int p = 0; p < PORT_COUNT; ++p) {
      if (!port_is_control(p)) continue;
      host_set_raw(h, (uint32_t)p, bad[b]);
      host_run(h, in.l, in.r, out.l, out.r, 64);
      if (!all_finite(&out, 1e8f))
        fail_msg("%s = %g gave a non-finite sample", balun_ports[p].symbol,
                 bad[b]);
      for (int o = 0; o < PORT_COUNT; ++o)
        if (port_is_output(o))
          if (!isfinite(host_get(h, balun_ports[o].symbol)))
            fail_msg("%s = %g made %s non-finite", balun_ports[p].symbol,
                     bad[b], balun_ports[o].symbol);
    }
  uint32_t seed = 12345;
  for (int scene = 0; scene < 300; ++scene) {
    for (int p = 0; p < PORT_COUNT; ++p) {
      if (!port_is_control(p)) continue;
      seed = seed * 1664525u + 1013904223u;
      const balun_port_info *info = &balun_ports[p];
      const float u = (float)(seed >> 8) / 16777216.0f;
      host_set_raw(h, (uint32_t)p,
                   info->minimum + u * (info->maximum - info->minimum));
    }
    for (int k = 0; k < 3; ++k)
      host_run(h, in.l, in.r, out.l, out.r, 64);
    if (!all_finite(&out, 1e8f)) fail_msg("scene %d not finite", scene);
  }
  stereo_free(&in);
  stereo_free(&out);
  host_free(h);
}

/* Silence after a loud passage, bypassed or not: no instruction inside
 * run() meets a denormal operand (counted exactly by trapping them,
 * denormal_count.h), so processing cannot slow down. */
static void silence_after_noise_makes_no_denormals(void **state)
{
  (void)state;
  if (!denormal_count_begin()) skip();
  char err[512];
  host_plugin *h = host_load(world, BALUN_URI, RATE, 512, err, sizeof(err));
  if (!h) fail_msg("%s", err);
  assert_int_equal(host_set(h, "ground_voltage", 0), 0);
  const size_t n = (size_t)(2 * RATE);
  stereo loud = stereo_new(n), quiet = stereo_new(n * 5),
         out = stereo_new(n * 5);
  uint32_t seed = 99;
  programme_noise(loud.l, (uint32_t)n, 1.0, &seed);
  programme_noise(loud.r, (uint32_t)n, 1.0, &seed);
  for (int bypassed = 0; bypassed < 2; ++bypassed) {
    host_set(h, "enabled", bypassed ? 0.0f : 1.0f);
    host_run(h, loud.l, loud.r, out.l, out.r, (uint32_t)n);
    denormal_count_watch(true);
    host_run(h, quiet.l, quiet.r, out.l, out.r, (uint32_t)quiet.n);
    denormal_count_watch(false);
    if (denormal_count() != 0)
      fail_msg("%ld denormal operations in run() after silence%s",
               denormal_count(), bypassed ? ", bypassed" : "");
  }
  /* the counter works: */
  denormal_count_watch(true);
  volatile float tiny = 1e-40f, product;
  product = tiny * 3.0f;
  (void)product;
  denormal_count_watch(false);
  assert_true(denormal_count() > 0);
  denormal_count_end();
  stereo_free(&loud);
  stereo_free(&quiet);
  stereo_free(&out);
  host_free(h);
}

/* The largest sample-to-sample step of the left channel in [from, to). */
static float largest_step(const float *x, size_t from, size_t to)
{
  float m = 0.0f;
  for (size_t i = from + 1; i < to; ++i)
    m = fmaxf(m, fabsf(x[i] - x[i - 1]));
  return m;
}

/* No clicks: switching listen A -> B, bypassing, and jumping a parameter
 * from one end of its range to the other make no step larger than the
 * programme and the interference make by themselves before and after. */
static void changes_are_click_free(void **state)
{
  (void)state;
  static const struct {
    const char *symbol;
    float from, to;
    float headphone_a; /* the stage the change is heard through */
    float loop_type;   /* and the ground loop it happens in */
  } changes[] = {
      {"listen", 0, 1, 0, 0},
      {"listen", 1, 3, 0, 0},
      {"enabled", 1, 0, 0, 0},
      {"enabled", 0, 1, 0, 0},
      {"ground_voltage", 10, 3000, 0, 0},
      {"cable_length", 0.3f, 300, 0, 0},
      {"path_a", 0, 2, 0, 0},
      {"level_match", 1, 0, 0, 0},
      {"buzz", 0, 100, 0, 0},
      {"rf_source", 0, 2, 0, 0},
      {"mains_frequency", 50, 60, 0, 0},
      {"mains_frequency", 57, 52.5f, 0, 0},
      {"mains_frequency", 45, 65, 0, 0},
      {"source_impedance", 10, 10000, 0, 0},
      {"input_clip_level", 27, 0, 0, 0}, /* into clipping */
      {"headphone_a", 0, 1, 0, 0},       /* the headphone stage in */
      {"headphone_a", 1, 2, 0, 0},       /* SE -> bridged */
      {"headphone_a", 2, 3, 0, 0},       /* bridged -> the adapter */
      {"headphone_load", 0, 2, 1, 0},
      {"headphone_impedance", 8, 600, 1, 0},
      {"headphone_volume", -60, 12, 2, 0},
      {"amp_output_impedance", 0.01f, 120, 2, 0},
      {"amp_max_voltage", 20, 0.3f, 1, 0},
      {"return_resistance", 0.01f, 2, 1, 0},
      {"amp_noise", 0.3f, 100, 2, 0},
      {"loop_type", 0, 1, 0, 0},          /* ground voltage -> leakage */
      {"leakage_current", 0, 1000, 0, 1}, /* in a two-prong loop */
      {"hum_drift", 0, 100, 0, 0},
      {"hum_drift", 100, 0, 0, 1},
  };
  const size_t half = (size_t)(0.5 * RATE);
  stereo tone = stereo_new(2 * half);
  programme_sine(tone.l, (uint32_t)tone.n, RATE, 440.0, 0.5);
  memcpy(tone.r, tone.l, tone.n * sizeof(float));
  for (size_t c = 0; c < sizeof(changes) / sizeof(changes[0]); ++c) {
    char err[512];
    stereo out = stereo_new(tone.n), settled = stereo_new(tone.n);
    host_plugin *h = host_load(world, BALUN_URI, RATE, 64, err, sizeof(err));
    host_plugin *g = host_load(world, BALUN_URI, RATE, 64, err, sizeof(err));
    if (!h || !g) fail_msg("%s", err);
    host_set(h, "rf_field", 20);
    host_set(g, "rf_field", 20);
    host_set(h, "headphone_a", changes[c].headphone_a);
    host_set(g, "headphone_a", changes[c].headphone_a);
    host_set(h, "loop_type", changes[c].loop_type);
    host_set(g, "loop_type", changes[c].loop_type);
    host_set(h, changes[c].symbol, changes[c].from);
    host_set(g, changes[c].symbol, changes[c].to);
    host_run(h, tone.l, tone.r, out.l, out.r, (uint32_t)half);
    host_set(h, changes[c].symbol, changes[c].to);
    host_run(h, tone.l + half, tone.r + half, out.l + half, out.r + half,
             (uint32_t)half);
    host_run(g, tone.l, tone.r, settled.l, settled.r, (uint32_t)tone.n);
    const float before = largest_step(out.l, half / 2, half);
    const float after = largest_step(settled.l, half, tone.n);
    const float during = largest_step(out.l, half - 1, half + half / 2);
    if (during > 1.05f * fmaxf(before, after) + 1e-4f)
      fail_msg("%s %g -> %g: step %g, programme alone %g / %g",
               changes[c].symbol, changes[c].from, changes[c].to, during,
               before, after);
    stereo_free(&out);
    stereo_free(&settled);
    host_free(h);
    host_free(g);
  }
  stereo_free(&tone);
}

/* A change of mains frequency glides, the hum's phase running on: with a
 * loud ground loop and magnetic pickup heard alone (interference only, no
 * programme to hide a click), pure hum and full buzz, the largest step
 * while the frequency moves is no larger than the hum's own before and
 * after (at the higher frequency its steps are larger). */
static void mains_frequency_glides_without_clicks(void **state)
{
  (void)state;
  static const float changes[][2] = {{50, 60}, {60, 50}, {57, 52.5f}, {45, 65}};
  const size_t half = (size_t)(0.5 * RATE);
  stereo silence = stereo_new(2 * half);
  for (size_t c = 0; c < sizeof(changes) / sizeof(changes[0]); ++c)
    for (int buzz = 0; buzz <= 100; buzz += 100) {
      char err[512];
      stereo out = stereo_new(silence.n), settled = stereo_new(silence.n);
      host_plugin *h = host_load(world, BALUN_URI, RATE, 64, err, sizeof(err));
      host_plugin *g = host_load(world, BALUN_URI, RATE, 64, err, sizeof(err));
      if (!h || !g) fail_msg("%s", err);
      host_plugin *both[2] = {h, g};
      for (int k = 0; k < 2; ++k) {
        host_set(both[k], "ground_voltage", 3000);
        host_set(both[k], "magnetic_field", 50);
        host_set(both[k], "buzz", (float)buzz);
        host_set(both[k], "listen", 2);
        host_set(both[k], "mains_frequency", changes[c][k]);
      }
      host_run(h, silence.l, silence.r, out.l, out.r, (uint32_t)half);
      host_set(h, "mains_frequency", changes[c][1]);
      host_run(h, silence.l, silence.r, out.l + half, out.r + half,
               (uint32_t)half);
      host_run(g, silence.l, silence.r, settled.l, settled.r,
               (uint32_t)silence.n);
      const float before = largest_step(out.l, half / 2, half);
      const float after = largest_step(settled.l, half, silence.n);
      const float during = largest_step(out.l, half - 1, half + half / 2);
      if (during > 1.05f * fmaxf(before, after))
        fail_msg("mains %g -> %g Hz, buzz %d %%: step %g, hum alone %g / %g",
                 changes[c][0], changes[c][1], buzz, during, before, after);
      stereo_free(&out);
      stereo_free(&settled);
      host_free(h);
      host_free(g);
    }
  stereo_free(&silence);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(block_size_does_not_change_output),
      cmocka_unit_test(hum_changes_land_on_the_same_sample),
      cmocka_unit_test(in_place_equals_separate_buffers),
      cmocka_unit_test(run_does_not_allocate),
      cmocka_unit_test(queue_draw_only_when_the_view_changes),
      cmocka_unit_test(hostile_audio_stays_finite),
      cmocka_unit_test(hostile_controls_stay_finite),
      cmocka_unit_test(silence_after_noise_makes_no_denormals),
      cmocka_unit_test(changes_are_click_free),
      cmocka_unit_test(mains_frequency_glides_without_clicks),
  };
  return cmocka_run_group_tests(tests, world_setup, world_teardown);
}
