/* Every output port stays inside the range the TTL declares (ports.md:
 * "Every output port declares a range that its values never leave, however
 * extreme the scene"), for hundreds of random scenes and of extreme ones
 * (every control at an end of its range), through lilv on the built
 * bundle. And the range is honest: the model's own value, before the glue
 * keeps the port inside, lies in it too, so the range covers the physics
 * instead of cutting it off. */
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

#define RATE          48000.0
#define BLOCK         512u
#define SETTLE_BLOCKS 6 /* 64 ms: the readouts are exact again (README) */
#define SCENES        400

static uint32_t rng = 0x42616c75u;

static double uniform(void)
{
  rng = rng * 1664525u + 1013904223u;
  return (rng >> 8) / 16777216.0;
}

/* A value of control p: anywhere in range, or (extreme) at one end. */
static float control_value(int p, bool extreme)
{
  const balun_port_info *c = &balun_ports[p];
  const double u = extreme ? (uniform() < 0.5 ? 0.0 : 1.0) : uniform();
  if (c->n_scale_points > 0 && (c->flags & PORT_ENUMERATION)) {
    const int k = (int)(u * c->n_scale_points);
    return c->scale_points[k < c->n_scale_points ? k : k - 1].value;
  }
  if (c->flags & PORT_LOGARITHMIC)
    return (float)(c->minimum * pow(c->maximum / c->minimum, u));
  const float v = (float)(c->minimum + (c->maximum - c->minimum) * u);
  return (c->flags & PORT_TOGGLED) ? roundf(v) : v;
}

typedef struct {
  long checked, at_edge;
} tally;

/* Every output port of `h` inside the TTL's range (host_port() reads it
 * from the bundle), and the model's value for `controls` inside it too. */
static void check_outputs(host_plugin *h, const float controls[PORT_COUNT],
                          bool settled, tally *t, long scene)
{
  balun_figures fig[2];
  model_figures(controls, fig);
  for (uint32_t i = 0; i < host_port_count(h); ++i) {
    const host_port_info *p = host_port(h, i);
    if (p->kind != HOST_CONTROL_OUT) continue;
    if (isnan(p->minimum) || isnan(p->maximum))
      fail_msg("%s declares no range", p->symbol);
    const float shown = host_get(h, p->symbol);
    if (!(shown >= p->minimum && shown <= p->maximum))
      fail_msg("scene %ld: %s = %g outside [%g, %g]", scene, p->symbol, shown,
               p->minimum, p->maximum);
    ++t->checked;
    if (!settled) continue;
    const double model =
        figures_readout(fig, (balun_port)port_by_symbol(p->symbol));
    if (!(model >= p->minimum && model <= p->maximum))
      fail_msg("scene %ld: the model says %s = %g, outside the declared "
               "[%g, %g]: the range does not cover the physics",
               scene, p->symbol, model, p->minimum, p->maximum);
    if (model == p->minimum || model == p->maximum) ++t->at_edge;
  }
}

static void scenes(bool extreme, const char *what)
{
  char err[512];
  host_plugin *h = host_load(world, BALUN_URI, RATE, BLOCK, err, sizeof err);
  if (!h) fail_msg("%s", err);
  static float silence[BLOCK], out[2][BLOCK];
  tally t = {0, 0};
  for (long scene = 0; scene < SCENES; ++scene) {
    float controls[PORT_COUNT];
    port_defaults(controls);
    for (int p = 0; p < PORT_COUNT; ++p) {
      if (!port_is_control(p)) continue;
      controls[p] = control_value(p, extreme);
      assert_int_equal(host_set(h, balun_ports[p].symbol, controls[p]), 0);
    }
    for (int b = 0; b < SETTLE_BLOCKS; ++b) {
      host_run(h, silence, silence, out[0], out[1], BLOCK);
      check_outputs(h, controls, b == SETTLE_BLOCKS - 1, &t, scene);
    }
  }
  print_message("%d %s scenes: %ld readouts inside their ranges; %ld settled "
                "model values on an edge of the range (the floors of "
                "interference, CMRR)\n",
                SCENES, what, t.checked, t.at_edge);
  host_free(h);
}

static void random_scenes_stay_in_range(void **state)
{
  (void)state;
  scenes(false, "random");
}

static void extreme_scenes_stay_in_range(void **state)
{
  (void)state;
  scenes(true, "extreme");
}

/* The scene that drove the closed form's interference highest within the
 * ranges (found by search over the controls; the RCA adapter into a
 * transformer, every source of interference at its maximum, 300 m of
 * 400 pF/m from 10 kΩ): +39.0 dBFS there, +29.4 dBFS solved (physics.md
 * §13: the lumped cable overstates the transformer's hum, by 4-15 dB in
 * the circuit's comparison), the SNR -29.4 dB: above full scale, inside
 * the ranges. */
static void loudest_scene_stays_in_range(void **state)
{
  (void)state;
  static const struct {
    balun_port port;
    float value;
  } loudest[] = {
      {PORT_PATH_A, 6},
      {PORT_LEVEL_MATCH, 0},
      {PORT_CABLE_LENGTH, 300},
      {PORT_CABLE_CAPACITANCE, 400},
      {PORT_SHIELD_RESISTANCE, 200},
      {PORT_STAR_QUAD, 1},
      {PORT_SOURCE_IMPEDANCE, 10000},
      {PORT_SOURCE_IMBALANCE, 650},
      {PORT_INPUT_IMPEDANCE, 1e6f},
      {PORT_RECEIVER, 2},
      {PORT_RECEIVER_MISMATCH, 0.001f},
      {PORT_GROUND_VOLTAGE, 3000},
      {PORT_GROUND_IMPEDANCE, 0.01f},
      {PORT_BUZZ, 100},
      {PORT_MAGNETIC_FIELD, 100},
      {PORT_RF_FIELD, 100},
      {PORT_RF_SOURCE, 0},
  };
  char err[512];
  host_plugin *h = host_load(world, BALUN_URI, RATE, BLOCK, err, sizeof err);
  if (!h) fail_msg("%s", err);
  float controls[PORT_COUNT];
  port_defaults(controls);
  for (size_t k = 0; k < sizeof loudest / sizeof loudest[0]; ++k) {
    controls[loudest[k].port] = loudest[k].value;
    assert_int_equal(
        host_set(h, balun_ports[loudest[k].port].symbol, loudest[k].value), 0);
  }
  static float silence[BLOCK], out[2][BLOCK];
  host_run(h, silence, silence, out[0], out[1], BLOCK);
  tally t = {0, 0};
  check_outputs(h, controls, true, &t, 0);
  /* above full scale, as the physics has it, not cut at 0 dBFS */
  assert_true(host_get(h, "interference_a") > 25.0f);
  assert_true(host_get(h, "snr_a") < -25.0f);
  host_free(h);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(random_scenes_stay_in_range),
      cmocka_unit_test(extreme_scenes_stay_in_range),
      cmocka_unit_test(loudest_scene_stays_in_range),
  };
  return cmocka_run_group_tests(tests, world_setup, world_teardown);
}
