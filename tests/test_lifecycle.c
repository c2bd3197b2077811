/* The whole life of an instance as a host lives it, over and over, through
 * lilv: instantiate at many rates, activate, presets, run with a parameter
 * change in every block, deactivate, activate again, cleanup. Natively it
 * checks what the LV2 spec promises; tests/check-memcheck.sh runs it under
 * valgrind for invalid accesses, uninitialised values and leaks. */
#define _POSIX_C_SOURCE 200809L /* strdup */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "host.h"
#include "ports.h"
#include "programme.h"
#include "world.h"

#define BLOCK  256u
#define BLOCKS 40

typedef struct {
  float l[BLOCK * BLOCKS], r[BLOCK * BLOCKS];
} audio;

static audio in, out_a, out_b, out_c, scratch;

static host_plugin *load(double rate)
{
  char err[512];
  host_plugin *h = host_load(world, BALUN_URI, rate, BLOCK, err, sizeof err);
  if (!h) fail_msg("%s", err);
  return h;
}

/* Control p's value number k of five, from minimum to maximum. */
static float step_value(int p, int k)
{
  const balun_port_info *c = &balun_ports[p];
  return c->minimum + (c->maximum - c->minimum) * (float)(k % 5) / 4.0f;
}

/* Block b of `in` into `out`, through buffers of exactly one block on the
 * heap, so that valgrind sees any access past them. */
static void run_block(host_plugin *h, const audio *from, audio *to, int b)
{
  const size_t at = (size_t)b * BLOCK, size = BLOCK * sizeof(float);
  float *l = malloc(size), *r = malloc(size), *out_l = malloc(size),
        *out_r = malloc(size);
  assert_true(l && r && out_l && out_r);
  memcpy(l, from->l + at, size);
  memcpy(r, from->r + at, size);
  host_run(h, l, r, out_l, out_r, BLOCK);
  memcpy(to->l + at, out_l, size);
  memcpy(to->r + at, out_r, size);
  free(l), free(r), free(out_l), free(out_r);
}

/* BLOCKS blocks; before each, one control moves (all of them in turn). */
static void run_automated(host_plugin *h, audio *out)
{
  for (int b = 0; b < BLOCKS; ++b) {
    const int p = port_controls[b % PORT_N_CONTROLS];
    host_set_raw(h, (uint32_t)p, step_value(p, b));
    run_block(h, &in, out, b);
  }
  for (size_t i = 0; i < BLOCK * BLOCKS; ++i)
    if (!isfinite(out->l[i]) || !isfinite(out->r[i]))
      fail_msg("sample %zu not finite", i);
}

static void collect(const char *uri, const char *label, void *data)
{
  (void)uri;
  char **labels = data;
  for (int i = 0; i < 32; ++i)
    if (!labels[i]) {
      labels[i] = strdup(label);
      return;
    }
}

static int setup(void **state)
{
  programme_demo(in.l, in.r, BLOCK * BLOCKS, 48000);
  return world_setup(state);
}

/* Eight instances one after another, each at another rate and with another
 * factory preset, automated and freed. */
static void instances_live_and_die_at_every_rate(void **state)
{
  (void)state;
  static const double rates[] = {44100,  48000, 96000, 22050,
                                 192000, 8000,  88200, 32000};
  char *labels[32] = {NULL};
  host_plugin *h = load(48000);
  const int n_presets = host_for_each_preset(h, collect, labels);
  host_free(h);
  assert_true(n_presets > 0);
  for (int i = 0; i < 8; ++i) {
    char err[1024];
    h = load(rates[i]);
    if (host_apply_preset(h, labels[i % n_presets], err, sizeof err))
      fail_msg("%s", err);
    run_automated(h, &out_a);
    host_free(h);
  }
  for (int i = 0; i < 32; ++i)
    free(labels[i]);
}

/* activate() resets everything that depends on the instance's history
 * (LV2 core): after deactivate and activate, the same controls and input
 * give what a new instance gives, bit for bit. */
static void activate_again_is_a_fresh_start(void **state)
{
  (void)state;
  host_plugin *fresh = load(48000);
  run_automated(fresh, &out_a);
  host_free(fresh);
  host_plugin *h = load(48000);
  run_automated(h, &out_b); /* a history to forget */
  for (int cycle = 0; cycle < 5; ++cycle) {
    for (int p = 0; p < PORT_COUNT; ++p)
      if (port_is_control(p))
        host_set_raw(h, (uint32_t)p, balun_ports[p].fallback);
    lilv_instance_deactivate(host_instance(h));
    lilv_instance_activate(host_instance(h));
    run_automated(h, &out_b);
    if (memcmp(&out_a, &out_b, sizeof out_a))
      fail_msg("cycle %d: the output after activate() differs", cycle);
  }
  host_free(h);
}

/* Instances share nothing: two alike, run in turn with a third, different
 * one between them, give what one alone gives. */
static void instances_share_nothing(void **state)
{
  (void)state;
  host_plugin *alone = load(48000);
  run_automated(alone, &out_a);
  host_free(alone);
  host_plugin *a = load(48000), *b = load(48000), *other = load(96000);
  host_set(other, "ground_voltage", 3000);
  for (int k = 0; k < BLOCKS; ++k) {
    const int p = port_controls[k % PORT_N_CONTROLS];
    host_set_raw(a, (uint32_t)p, step_value(p, k));
    host_set_raw(b, (uint32_t)p, step_value(p, k));
    run_block(a, &in, &out_b, k);
    run_block(other, &in, &scratch, k);
    run_block(b, &in, &out_c, k);
  }
  if (memcmp(&out_a, &out_b, sizeof out_a))
    fail_msg("an instance run beside others gives another output");
  if (memcmp(&out_a, &out_c, sizeof out_a))
    fail_msg("the second of two alike gives another output");
  host_free(a);
  host_free(b);
  host_free(other);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(instances_live_and_die_at_every_rate),
      cmocka_unit_test(activate_again_is_a_fresh_start),
      cmocka_unit_test(instances_share_nothing),
  };
  return cmocka_run_group_tests(tests, setup, world_teardown);
}
