/* The view without a window: drawn into an image in memory and driven
 * with pointer and key events, so layout, text fitting and the port
 * protocol are checked quickly and exactly (tests/check-ui.sh does the
 * same through X11 in a host). */
/* clock_gettime() */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "../gui/draw.h"
#include "../gui/ui.h"

/* What the view wrote, as a host would record it. */
static struct {
  int count;
  balun_port port[256];
  float value[256];
} written;

static void record(void *host, balun_port port, float value)
{
  (void)host;
  if (written.count < 256) {
    written.port[written.count] = port;
    written.value[written.count] = value;
  }
  ++written.count;
}

static int reset_written(void **state)
{
  (void)state;
  memset(&written, 0, sizeof(written));
  return 0;
}

/* The last value written to a port, or NaN. */
static float last_written(balun_port port)
{
  for (int i = (written.count < 256 ? written.count : 256) - 1; i >= 0; --i)
    if (written.port[i] == port) return written.value[i];
  return NAN;
}

/* Draws the view at width x height logical pixels and `scale`; returns
 * how many texts did not fit. The image is left in *out if asked for. */
static int render(balun_ui *ui, double width, double height, double scale,
                  cairo_surface_t **out)
{
  ui->scale = scale;
  const int w = (int)lround(width * scale), h = (int)lround(height * scale);
  ui_resize(ui, w, h);
  cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
  cairo_t *cr = cairo_create(s);
  const int before = draw_overflows();
  ui_draw(ui, cr);
  cairo_destroy(cr);
  cairo_surface_flush(s);
  if (out)
    *out = s;
  else
    cairo_surface_destroy(s);
  return draw_overflows() - before;
}

static void centre(const balun_ui *ui, ui_hit hit, double *x, double *y)
{
  const ui_rect r = ui->layout.rect[hit];
  *x = (r.x + r.w / 2) * ui->scale;
  *y = (r.y + r.h / 2) * ui->scale;
}

static void click(balun_ui *ui, ui_hit hit, double time)
{
  double x, y;
  centre(ui, hit, &x, &y);
  ui_tick(ui, time);
  ui_press(ui, x, y, 0);
  ui_release(ui);
}

/* Every scene a user can set up draws with no text cut or shrunk, at the
 * minimum size and larger, at 100 % and 200 %. */
static void no_text_is_clipped(void **state)
{
  (void)state;
  static const double sizes[3][2] = {{UI_MIN_WIDTH, UI_MIN_HEIGHT},
                                     {UI_DEFAULT_WIDTH, UI_DEFAULT_HEIGHT},
                                     {1600, 1000}};
  balun_ui ui;
  assert_true(ui_init(&ui, 1, record, NULL));
  for (int scene = 0; scene < PATH_COUNT * 3; ++scene) {
    const int a = scene % PATH_COUNT, b = (scene + 3) % PATH_COUNT;
    ui_port_event(&ui, PORT_PATH_A, (float)a);
    ui_port_event(&ui, PORT_PATH_B, (float)b);
    ui_port_event(&ui, PORT_RECEIVER, (float)(scene % 3));
    ui_port_event(&ui, PORT_RF_SOURCE, (float)(scene / PATH_COUNT));
    ui_port_event(&ui, PORT_RF_FIELD, scene % 2 ? 30.0f : 0.0f);
    ui_port_event(&ui, PORT_PIN1_PROBLEM, (float)(scene % 2));
    ui_port_event(&ui, PORT_LEVEL_MATCH, (float)(scene % 2));
    ui_port_event(&ui, PORT_CABLE_LENGTH, scene % 2 ? 300.0f : 0.3f);
    for (int p = PORT_SNR_A; p < PORT_COUNT; ++p) /* outputs, long ones */
      ui_port_event(&ui, (balun_port)p, -123.456f);
    for (int s = 0; s < 3; ++s)
      for (int k = 1; k <= 2; ++k) {
        const int clipped = render(&ui, sizes[s][0], sizes[s][1], k, NULL);
        if (clipped)
          fail_msg("scene %d (A %d, B %d) at %gx%g, %d00 %%: %d texts do "
                   "not fit",
                   scene, a, b, sizes[s][0], sizes[s][1], k, clipped);
      }
  }
  ui_destroy(&ui);
}

/* A finished ABX test, with every setting changed, still fits. */
static void abx_result_fits(void **state)
{
  (void)state;
  balun_ui ui;
  assert_true(ui_init(&ui, 1, record, NULL));
  for (int p = PORT_CABLE_LENGTH; p <= PORT_LAST_CONTROL; ++p)
    ui_port_event(&ui, (balun_port)p, balun_ports[p].maximum);
  render(&ui, UI_MIN_WIDTH, UI_MIN_HEIGHT, 1, NULL);
  ui.abx_trials = ABX_MAX_TRIALS;
  click(&ui, HIT_ABX_START, 1.0);
  ui_port_event(&ui, PORT_BUZZ, 0); /* spoils the test: one more line */
  for (int k = 0; k < ABX_MAX_TRIALS; ++k)
    ui_key(&ui, k % 3 ? '1' : '2');
  assert_int_equal(abx_phase_of(ui.abx), ABX_FINISHED);
  for (int k = 1; k <= 2; ++k)
    assert_int_equal(render(&ui, UI_MIN_WIDTH, UI_MIN_HEIGHT, k, NULL), 0);
  ui_destroy(&ui);
}

/* Nothing the pointer can hit overlaps anything else, and all of it is in
 * the view, at the minimum size. */
static void controls_do_not_overlap(void **state)
{
  (void)state;
  ui_layout l;
  layout_compute(&l, UI_MIN_WIDTH, UI_MIN_HEIGHT);
  int n = 0;
  for (int i = 0; i < HIT_COUNT; ++i) {
    const ui_rect a = l.rect[i];
    if (a.w <= 0) continue;
    ++n;
    if (a.x < 0 || a.y < 0 || a.x + a.w > l.width || a.y + a.h > l.height)
      fail_msg("%d is outside the view", i);
    for (int j = i + 1; j < HIT_COUNT; ++j) {
      const ui_rect b = l.rect[j];
      if (b.w > 0 && a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h &&
          b.y < a.y + a.h)
        fail_msg("%d overlaps %d", i, j);
    }
  }
  /* every control input has a control, listen has its buttons */
  for (int p = PORT_FIRST_CONTROL; p <= PORT_LAST_CONTROL; ++p)
    if (p != PORT_LISTEN && l.rect[p].w <= 0)
      fail_msg("%s has no control", balun_ports[p].symbol);
  assert_int_equal(n, PORT_N_CONTROLS - 1 + HIT_COUNT - PORT_COUNT);
}

/* Clicking B writes listen = 1; A and the key A write 0. */
static void listen_buttons_write_listen(void **state)
{
  (void)state;
  balun_ui ui;
  assert_true(ui_init(&ui, 2, record, NULL));
  render(&ui, UI_DEFAULT_WIDTH, UI_DEFAULT_HEIGHT, 2, NULL);
  click(&ui, HIT_LISTEN_B, 1.0);
  assert_int_equal(written.count, 1);
  assert_int_equal(written.port[0], PORT_LISTEN);
  assert_true(written.value[0] == 1.0f);
  ui_key(&ui, 'a');
  assert_true(last_written(PORT_LISTEN) == 0.0f);
  click(&ui, HIT_LISTEN_B_INTERFERENCE, 2.0);
  assert_true(last_written(PORT_LISTEN) == 3.0f);
  ui_destroy(&ui);
}

/* Dragging right writes rising values on a log scale, Shift ten times
 * finer; a host value moves the control, and the next drag starts there;
 * double-click restores the default; the wheel steps. */
static void cable_length_drag_wheel_and_default(void **state)
{
  (void)state;
  balun_ui ui;
  assert_true(ui_init(&ui, 1, record, NULL));
  render(&ui, UI_DEFAULT_WIDTH, UI_DEFAULT_HEIGHT, 1, NULL);
  double x, y;
  centre(&ui, (ui_hit)PORT_CABLE_LENGTH, &x, &y);
  ui_tick(&ui, 1.0);
  ui_press(&ui, x, y, 0);
  float last = 3.0f;
  for (int i = 1; i <= 5; ++i) {
    ui_motion(&ui, x + 10 * i, y, false);
    const float v = last_written(PORT_CABLE_LENGTH);
    assert_true(v > last && v <= 300.0f);
    last = v;
  }
  ui_release(&ui);
  /* 50 px of 250 on a three-decade log scale: x 10^0.6 */
  assert_float_equal(last, 3.0 * pow(10, 0.6), 1e-3);
  ui_tick(&ui, 2.0);
  ui_press(&ui, x, y, 0);
  ui_motion(&ui, x + 50, y, true); /* fine: x 10^0.06 */
  ui_release(&ui);
  assert_float_equal(last_written(PORT_CABLE_LENGTH), last * pow(10, 0.06),
                     1e-3);
  ui_motion(&ui, x + 5000, y, false); /* released: nothing more */
  assert_float_equal(last_written(PORT_CABLE_LENGTH), last * pow(10, 0.06),
                     1e-3);

  ui_port_event(&ui, PORT_CABLE_LENGTH, 30.0f);
  ui_tick(&ui, 3.0);
  ui_press(&ui, x, y, 0);
  ui_motion(&ui, x + 10, y, false);
  ui_release(&ui);
  assert_float_equal(last_written(PORT_CABLE_LENGTH), 30 * pow(10, 0.12), 1e-3);
  ui_tick(&ui, 4.0);
  ui_press(&ui, x, y, 0);
  ui_release(&ui);
  ui_tick(&ui, 4.2);
  ui_press(&ui, x, y, 0);
  ui_release(&ui);
  assert_true(last_written(PORT_CABLE_LENGTH) == 3.0f);
  ui_scroll(&ui, x, y, 1, false); /* one step of 50 */
  assert_float_equal(last_written(PORT_CABLE_LENGTH), 3 * pow(10, 0.06), 1e-3);
  ui_motion(&ui, x - 5000, y, false); /* far left, no drag: nothing */
  ui_scroll(&ui, x, y, -100, false);
  assert_true(last_written(PORT_CABLE_LENGTH) == 0.3f);
  ui_destroy(&ui);
}

/* During an ABX test the view shows nothing that tells X: two tests whose
 * X differ draw the same pixels while the listener hears X. */
static void the_view_does_not_give_x_away(void **state)
{
  (void)state;
  cairo_surface_t *img[2];
  float listen[2];
  for (int run = 0; run < 2; ++run) {
    balun_ui ui;
    assert_true(ui_init(&ui, 1, record, NULL));
    render(&ui, UI_DEFAULT_WIDTH, UI_DEFAULT_HEIGHT, 1, NULL);
    /* look for a start time whose X is A (run 0) or B (run 1) */
    double t = 10.0;
    do {
      abx_stop(ui.abx);
      t += 0.001;
      click(&ui, HIT_ABX_START, t);
    } while (abx_x_path(ui.abx) != (abx_path)run);
    ui_key(&ui, 'x');
    listen[run] = last_written(PORT_LISTEN);
    ui.hover = HIT_NONE;
    render(&ui, UI_DEFAULT_WIDTH, UI_DEFAULT_HEIGHT, 1, &img[run]);
    ui_destroy(&ui);
  }
  assert_true(listen[0] == 0.0f && listen[1] == 1.0f); /* X plays X */
  const int bytes = cairo_image_surface_get_stride(img[0]) *
                    cairo_image_surface_get_height(img[0]);
  assert_memory_equal(cairo_image_surface_get_data(img[0]),
                      cairo_image_surface_get_data(img[1]), bytes);
  cairo_surface_destroy(img[0]);
  cairo_surface_destroy(img[1]);
}

/* How long a full redraw takes (printed, for the record). */
static void redraw_time(void **state)
{
  (void)state;
  balun_ui ui;
  assert_true(ui_init(&ui, 1, record, NULL));
  for (int k = 1; k <= 2; ++k) {
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (int i = 0; i < 5; ++i)
      render(&ui, UI_DEFAULT_WIDTH, UI_DEFAULT_HEIGHT, k, NULL);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    const double ms =
        ((t1.tv_sec - t0.tv_sec) * 1e3 + (t1.tv_nsec - t0.tv_nsec) * 1e-6) / 5;
    print_message("full redraw at %d00 %%: %.1f ms\n", k, ms);
  }
  ui_destroy(&ui);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup(no_text_is_clipped, reset_written),
      cmocka_unit_test_setup(abx_result_fits, reset_written),
      cmocka_unit_test(controls_do_not_overlap),
      cmocka_unit_test_setup(listen_buttons_write_listen, reset_written),
      cmocka_unit_test_setup(cable_length_drag_wheel_and_default,
                             reset_written),
      cmocka_unit_test_setup(the_view_does_not_give_x_away, reset_written),
      cmocka_unit_test(redraw_time),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
