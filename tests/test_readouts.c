/* The readouts under automation (issue 10): a host playing an automation
 * lane changes a control every block, and the plugin must not work out the
 * output ports on every one of them. Promised (README "Performance"): at
 * least 20 updates a second while a control keeps changing, at most one per
 * 40 ms, each exact for the controls of its block, and exact again within
 * 50 ms of the last change. Checked through lilv on the built bundle, for
 * blocks of 1, 64 and 512 frames; the expected numbers are the model's for
 * the controls the host set (tests/preset_model.c). */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>

#include "host.h"
#include "ports.h"
#include "preset_model.h"
#include "world.h"

#define RATE            48000.0
#define AUTOMATED_S     1.0
#define SETTLE_LIMIT_S  0.05 /* exact again within 50 ms */
#define MIN_UPDATES_S   20.0 /* per second while changing */
#define MIN_INTERVAL_S  0.04 /* at most one update per 40 ms */
#define READOUT_EPSILON 1e-4 /* dB: the port is a float */

typedef struct {
  float controls[PORT_COUNT]; /* what the host set */
  host_plugin *h;
  float silence[512], scratch[2][512];
  uint32_t block;
} session;

static void session_open(session *s, uint32_t block)
{
  char err[512];
  s->block = block;
  s->h = host_load(world, BALUN_URI, RATE, block, err, sizeof err);
  if (!s->h) fail_msg("%s", err);
  port_defaults(s->controls);
}

static void set(session *s, balun_port port, float value)
{
  assert_int_equal(host_set(s->h, balun_ports[port].symbol, value), 0);
  s->controls[port] = value;
}

static void run_block(session *s)
{
  host_run(s->h, s->silence, s->silence, s->scratch[0], s->scratch[1],
           s->block);
}

/* What interference_a and snr_b must read for the controls the host set. */
static void expected(const session *s, double value[2])
{
  balun_figures fig[2];
  model_figures(s->controls, fig);
  value[0] = figures_readout(fig, PORT_INTERFERENCE_A);
  value[1] = figures_readout(fig, PORT_SNR_B);
}

static bool reads(const session *s, const double value[2])
{
  return fabs(host_get(s->h, "interference_a") - value[0]) < READOUT_EPSILON &&
         fabs(host_get(s->h, "snr_b") - value[1]) < READOUT_EPSILON;
}

/* The ground voltage of block b: a ramp, a new value in every block. */
static float ramp(long b, long blocks)
{
  return 100.0f + 1900.0f * (float)b / (float)blocks;
}

static void automated(uint32_t block)
{
  session s;
  session_open(&s, block);
  set(&s, PORT_PATH_B, 2);
  const long blocks = lround(AUTOMATED_S * RATE / block);
  double last_value[2] = {NAN, NAN};
  long updates = 0, last_update = -1, longest_gap = 0, shortest_gap = blocks;
  for (long b = 0; b < blocks; ++b) {
    set(&s, PORT_GROUND_VOLTAGE, ramp(b, blocks));
    run_block(&s);
    const double now[2] = {host_get(s.h, "interference_a"),
                           host_get(s.h, "snr_b")};
    if (now[0] == last_value[0] && now[1] == last_value[1]) continue;
    /* a new readout: exact for the controls of this very block */
    double want[2];
    expected(&s, want);
    if (!reads(&s, want))
      fail_msg("block %ld of %u frames: readouts %.4f / %.4f, model %.4f / "
               "%.4f for the controls of that block",
               b, block, now[0], now[1], want[0], want[1]);
    if (last_update >= 0) {
      const long gap = b - last_update;
      longest_gap = gap > longest_gap ? gap : longest_gap;
      shortest_gap = gap < shortest_gap ? gap : shortest_gap;
    }
    last_update = b;
    last_value[0] = now[0], last_value[1] = now[1];
    ++updates;
  }
  const double block_s = block / RATE;
  print_message("%u-frame blocks: %ld updates in %.1f s of automation, every "
                "%.1f to %.1f ms\n",
                block, updates, AUTOMATED_S, shortest_gap * block_s * 1e3,
                longest_gap * block_s * 1e3);
  assert_true(updates >= MIN_UPDATES_S * AUTOMATED_S);
  assert_true(longest_gap * block_s <= 1.0 / MIN_UPDATES_S + 1e-9);
  assert_true(shortest_gap * block_s >= MIN_INTERVAL_S - 1e-9);

  /* The lane ends at the worst moment, one block after an update: exact
   * within 50 ms all the same, and stays so. */
  for (long b = blocks;; ++b) {
    set(&s, PORT_GROUND_VOLTAGE, ramp(b, blocks));
    run_block(&s);
    if (host_get(s.h, "interference_a") != last_value[0]) break;
  }
  set(&s, PORT_GROUND_VOLTAGE, 2500.0f);
  double want[2];
  expected(&s, want);
  long settled = -1;
  const long settle_blocks = (long)ceil(SETTLE_LIMIT_S * RATE / block);
  for (long b = 0; b < 2 * settle_blocks; ++b) {
    run_block(&s);
    if (reads(&s, want) && settled < 0) settled = b;
    if (settled >= 0) assert_true(reads(&s, want));
  }
  print_message("%u-frame blocks: exact %.1f ms after the last change\n", block,
                (settled + 1) * block_s * 1e3);
  assert_true(settled >= 0 && (settled + 1) * block_s <= SETTLE_LIMIT_S);
  host_free(s.h);
}

static void automation_in_64_frame_blocks(void **state)
{
  (void)state;
  automated(64);
}

static void automation_in_512_frame_blocks(void **state)
{
  (void)state;
  automated(512);
}

static void automation_in_1_frame_blocks(void **state)
{
  (void)state;
  automated(1);
}

/* A single change after a quiet spell shows at once, in the same block. */
static void single_change_shows_at_once(void **state)
{
  (void)state;
  session s;
  session_open(&s, 64);
  for (int b = 0; b < 100; ++b)
    run_block(&s);
  const balun_port changes[] = {PORT_GROUND_VOLTAGE, PORT_PATH_A,
                                PORT_CABLE_LENGTH};
  const float value[] = {2500, 5, 120};
  for (size_t k = 0; k < sizeof changes / sizeof changes[0]; ++k) {
    set(&s, changes[k], value[k]);
    run_block(&s);
    double want[2];
    expected(&s, want);
    assert_true(reads(&s, want));
    for (int b = 0; b < 100; ++b)
      run_block(&s); /* quiet for 133 ms */
  }
  host_free(s.h);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(automation_in_64_frame_blocks),
      cmocka_unit_test(automation_in_512_frame_blocks),
      cmocka_unit_test(automation_in_1_frame_blocks),
      cmocka_unit_test(single_change_shows_at_once),
  };
  return cmocka_run_group_tests(tests, world_setup, world_teardown);
}
