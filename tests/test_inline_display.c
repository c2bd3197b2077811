/* Ardour's inline display (the mixer-strip view), rendered as Ardour does
 * it: through lilv's extension data, outside run(), at a narrow strip's
 * 80 px and a wide 200 px. The claims: the surface is valid and inside what
 * the host offered; the heard path is highlighted (and "interference only"
 * shown), so A and B differ where the highlight is; each bar ends where
 * its readout lies on the documented scale (src/strip_view.h: −160 dBFS at
 * bar_x0, 0 dBFS at bar_x1), measured in the pixels; bypassed, neither
 * path is highlighted; above full scale the over-range cap is lit and
 * nothing leaves the surface. PNGs of the renders go to
 * build/screenshots/inline-*.png. */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cairo.h>
#include <cmocka.h>

#include "host.h"
#include "inline_display.h"
#include "ports.h"
#include "strip_view.h"
#include "world.h"

#define RATE  48000.0
#define BLOCK 512

static const uint32_t widths[] = {80, 200};
#define MAX_H 100u

typedef struct {
  host_plugin *h;
  const LV2_Inline_Display_Interface *display;
} strip;

static strip load(const LV2_Feature *extra)
{
  char err[512];
  strip s = {
      host_load_with(world, BALUN_URI, RATE, BLOCK, extra, err, sizeof err),
      NULL};
  if (!s.h) fail_msg("%s", err);
  s.display = lilv_instance_get_extension_data(host_instance(s.h),
                                               LV2_INLINEDISPLAY__interface);
  if (!s.display || !s.display->render)
    fail_msg("no <%s> from extension_data()", LV2_INLINEDISPLAY__interface);
  return s;
}

/* Sets the controls, then runs long enough for the readouts to settle
 * (their clock waits at most 40 ms). */
static void play(strip *s, const char *const *symbols, const float *values,
                 int n)
{
  for (int i = 0; i < n; ++i)
    assert_int_equal(host_set(s->h, symbols[i], values[i]), 0);
  host_run(s->h, NULL, NULL, NULL, NULL, (uint32_t)(0.1 * RATE));
}

/* RCA (A) against pro XLR (B) with a loud ground loop. */
static void loud_ground_loop(strip *s, float listen)
{
  static const char *const symbols[] = {"path_a", "path_b", "ground_voltage",
                                        "listen"};
  const float values[] = {0, 2, 1000, listen};
  play(s, symbols, values, 4);
  if (!(host_get(s->h, "interference_a") > host_get(s->h, "interference_b")))
    fail_msg("the scene is not the one meant: A %g, B %g dBFS",
             host_get(s->h, "interference_a"),
             host_get(s->h, "interference_b"));
}

/* A render, copied (the plugin reuses its pixels), checked for what every
 * host may rely on. */
typedef struct {
  int width, height;
  uint32_t *pixels; /* width × height, packed */
} image;

static image render(strip *s, uint32_t w, uint32_t max_h)
{
  LilvInstance *instance = host_instance(s->h);
  const LV2_Inline_Display_Image_Surface *surface =
      s->display->render(lilv_instance_get_handle(instance), w, max_h);
  if (!surface) fail_msg("render(%u, %u) gave NULL", w, max_h);
  if (!surface->data) fail_msg("render(%u, %u): no pixels", w, max_h);
  if (surface->width < 1 || surface->width > (int)w || surface->height < 1 ||
      surface->height > (int)max_h || surface->stride < 4 * surface->width)
    fail_msg("render(%u, %u): %d × %d, stride %d", w, max_h, surface->width,
             surface->height, surface->stride);
  image im = {surface->width, surface->height,
              malloc(sizeof(uint32_t) * (size_t)surface->width *
                     (size_t)surface->height)};
  assert_non_null(im.pixels);
  bool one_colour = true;
  for (int y = 0; y < im.height; ++y) {
    memcpy(im.pixels + (size_t)y * (size_t)im.width,
           surface->data + (size_t)y * (size_t)surface->stride,
           sizeof(uint32_t) * (size_t)im.width);
    for (int x = 0; x < im.width; ++x)
      one_colour =
          one_colour && im.pixels[(size_t)y * im.width + x] == im.pixels[0];
  }
  if (one_colour) fail_msg("render(%u, %u) drew nothing", w, max_h);
  return im;
}

static uint32_t pixel(const image *im, int x, int y)
{
  return im->pixels[(size_t)y * (size_t)im->width + (size_t)x];
}

/* build/screenshots/inline-WIDTH[-WHAT].png */
static void save_png(const image *im, const char *what)
{
  mkdir("build", 0755);
  mkdir("build/screenshots", 0755);
  char path[256];
  snprintf(path, sizeof path, "build/screenshots/inline-%d%s%s.png", im->width,
           *what ? "-" : "", what);
  cairo_surface_t *surface = cairo_image_surface_create_for_data(
      (unsigned char *)im->pixels, CAIRO_FORMAT_ARGB32, im->width, im->height,
      4 * im->width);
  if (cairo_surface_write_to_png(surface, path) != CAIRO_STATUS_SUCCESS)
    fail_msg("could not write %s", path);
  cairo_surface_destroy(surface);
}

static int channel(uint32_t c, int shift)
{
  return (int)(c >> shift & 0xff);
}

/* A bar's colour, unlike the greys of the track and its ticks. */
static bool chromatic(uint32_t c)
{
  const int r = channel(c, 16), g = channel(c, 8), b = channel(c, 0);
  const int hi = r > g ? (r > b ? r : b) : (g > b ? g : b);
  const int lo = r < g ? (r < b ? r : b) : (g < b ? g : b);
  return hi - lo > 24;
}

static double luminance(const image *im, int x0, int x1, int y0, int y1)
{
  double sum = 0;
  for (int y = y0; y < y1; ++y)
    for (int x = x0; x < x1; ++x) {
      const uint32_t c = pixel(im, x, y);
      sum += 0.2126 * channel(c, 16) + 0.7152 * channel(c, 8) +
             0.0722 * channel(c, 0);
    }
  return sum / ((x1 - x0) * (y1 - y0));
}

static bool same_region(const image *a, const image *b, int x0, int x1, int y0,
                        int y1)
{
  for (int y = y0; y < y1; ++y)
    for (int x = x0; x < x1; ++x)
      if (pixel(a, x, y) != pixel(b, x, y)) return false;
  return true;
}

static strip_view_layout layout_of(const image *im)
{
  return strip_view_layout_for(im->width, im->height);
}

/* The label box of path p: what the highlight changes. */
static bool same_label(const image *a, const image *b, int p)
{
  const strip_view_layout l = layout_of(a);
  return same_region(a, b, l.label_x, l.label_x + l.label_width, l.row_top[p],
                     l.row_top[p] + l.row_height);
}

static double label_luminance(const image *im, int p)
{
  const strip_view_layout l = layout_of(im);
  return luminance(im, l.label_x, l.label_x + l.label_width, l.row_top[p],
                   l.row_top[p] + l.row_height);
}

/* Where path p's bar ends, measured on its row's middle line. */
static int measured_bar_end(const image *im, int p)
{
  const strip_view_layout l = layout_of(im);
  const int y = l.row_top[p] + l.row_height / 2;
  int x = l.bar_x0;
  while (x < l.bar_x1 && chromatic(pixel(im, x, y)))
    ++x;
  return x;
}

/* The readout on the scale of strip_view.h, worked out here again. */
static double expected_bar_end(const image *im, float dbfs)
{
  const strip_view_layout l = layout_of(im);
  double part = (dbfs + 160.0) / 160.0;
  part = part < 0 ? 0 : part > 1 ? 1 : part;
  return l.bar_x0 + part * (l.bar_x1 - l.bar_x0);
}

static void check_bars(strip *s, const image *im)
{
  static const char *const readout[2] = {"interference_a", "interference_b"};
  for (int p = 0; p < 2; ++p) {
    const float dbfs = host_get(s->h, readout[p]);
    const int end = measured_bar_end(im, p);
    const double expected = expected_bar_end(im, dbfs);
    if (fabs(end - expected) > 1.0)
      fail_msg("%d px: %s %.2f dBFS should end at column %.1f, ends at %d",
               im->width, readout[p], dbfs, expected, end);
  }
}

/* ---- the tests ---- */

/* Inside what the host offered, whatever it offers; nothing where it
 * offers too little (inline_display.h: under 24 × 8). */
static void the_view_is_a_valid_surface_inside_the_offer(void **state)
{
  (void)state;
  strip s = load(NULL);
  host_run(s.h, NULL, NULL, NULL, NULL, BLOCK);
  static const uint32_t offers[][2] = {{80, MAX_H}, {200, MAX_H}, {80, 20},
                                       {200, 30},   {24, 8},      {5000, 5000}};
  for (size_t i = 0; i < sizeof offers / sizeof offers[0]; ++i) {
    image im = render(&s, offers[i][0], offers[i][1]);
    free(im.pixels);
  }
  LilvInstance *instance = host_instance(s.h);
  assert_null(s.display->render(lilv_instance_get_handle(instance), 0, MAX_H));
  assert_null(s.display->render(lilv_instance_get_handle(instance), 80, 0));
  assert_null(s.display->render(lilv_instance_get_handle(instance), 23, 8));
  assert_null(s.display->render(lilv_instance_get_handle(instance), 24, 7));
  host_free(s.h);
}

/* The loud ground loop rendered `w` wide at listen = 0 .. n-1. */
static void render_each_listen(strip *s, uint32_t w, int n, image *heard)
{
  for (int listen = 0; listen < n; ++listen) {
    loud_ground_loop(s, (float)listen);
    heard[listen] = render(s, w, MAX_H);
  }
}

static void free_images(image *images, int n)
{
  for (int i = 0; i < n; ++i)
    free(images[i].pixels);
}

/* Listen A against listen B: the label boxes differ, the heard one is the
 * brighter, and the bars (the same readouts) are the same. */
static void the_heard_path_is_highlighted(void **state)
{
  (void)state;
  for (int k = 0; k < 2; ++k) {
    strip s = load(NULL);
    image heard[2];
    render_each_listen(&s, widths[k], 2, heard);
    save_png(&heard[0], "listen-a");
    save_png(&heard[1], "listen-b");
    for (int p = 0; p < 2; ++p) {
      if (same_label(&heard[0], &heard[1], p))
        fail_msg("%u px: %c's label is the same heard and not heard", widths[k],
                 'A' + p);
      if (!(label_luminance(&heard[p], p) >
            label_luminance(&heard[1 - p], p) + 50))
        fail_msg("%u px: %c's label is not brighter heard", widths[k], 'A' + p);
      assert_int_equal(measured_bar_end(&heard[0], p),
                       measured_bar_end(&heard[1], p));
    }
    free_images(heard, 2);
    host_free(s.h);
  }
}

/* "A interference only" is not "A": A's label changes, B's does not. */
static void interference_only_is_shown(void **state)
{
  (void)state;
  for (int k = 0; k < 2; ++k) {
    strip s = load(NULL);
    image heard[4];
    render_each_listen(&s, widths[k], 4, heard);
    save_png(&heard[2], "a-alone");
    for (int p = 0; p < 2; ++p) {
      if (same_label(&heard[p], &heard[p + 2], p))
        fail_msg("%u px: %c and %c's interference alone look the same",
                 widths[k], 'A' + p, 'A' + p);
      if (!same_label(&heard[p], &heard[p + 2], 1 - p))
        fail_msg("%u px: the other path's label changed", widths[k]);
    }
    free_images(heard, 4);
    host_free(s.h);
  }
}

/* Bypassed (Enabled off, Ardour's bypass button), neither path is heard:
 * both labels look as they do when the other path is heard. */
static void bypass_highlights_neither(void **state)
{
  (void)state;
  for (int k = 0; k < 2; ++k) {
    strip s = load(NULL);
    image heard[3];
    render_each_listen(&s, widths[k], 2, heard);
    static const char *const bypass[] = {"enabled"};
    static const float off[] = {0};
    play(&s, bypass, off, 1);
    heard[2] = render(&s, widths[k], MAX_H);
    save_png(&heard[2], "bypassed");
    for (int p = 0; p < 2; ++p) {
      if (!same_label(&heard[2], &heard[1 - p], p))
        fail_msg("%u px: bypassed, %c's label looks heard", widths[k], 'A' + p);
      assert_int_equal(measured_bar_end(&heard[2], p),
                       measured_bar_end(&heard[p], p));
    }
    free_images(heard, 3);
    host_free(s.h);
  }
}

/* Each bar ends where its readout lies on the scale, within a pixel, in
 * scenes from quiet to loud; A's is the longer when A is the louder. */
static void the_bars_follow_the_readouts(void **state)
{
  (void)state;
  static const float ground_mv[] = {3, 30, 300, 1000, 3000};
  for (int k = 0; k < 2; ++k) {
    strip s = load(NULL);
    for (size_t g = 0; g < sizeof ground_mv / sizeof ground_mv[0]; ++g) {
      static const char *const symbols[] = {"path_a", "path_b",
                                            "ground_voltage"};
      const float values[] = {0, 2, ground_mv[g]};
      play(&s, symbols, values, 3);
      image im = render(&s, widths[k], MAX_H);
      check_bars(&s, &im);
      if (host_get(s.h, "interference_a") >
          host_get(s.h, "interference_b") + 10)
        assert_true(measured_bar_end(&im, 0) > measured_bar_end(&im, 1));
      if (ground_mv[g] == 1000) save_png(&im, "");
      free(im.pixels);
    }
    host_free(s.h);
  }
}

/* Over full scale (RCA, 3 V of ground potential on a long thin shield,
 * full buzz: about +10 dBFS): A's bar is full, its cap red, B's cap not. */
static void over_full_scale_lights_the_cap(void **state)
{
  (void)state;
  for (int k = 0; k < 2; ++k) {
    strip s = load(NULL);
    static const char *const symbols[] = {"path_a",
                                          "path_b",
                                          "ground_voltage",
                                          "cable_length",
                                          "shield_resistance",
                                          "buzz"};
    const float values[] = {0, 2, 3000, 100, 200, 100};
    play(&s, symbols, values, 6);
    assert_true(host_get(s.h, "interference_a") > 0.0f);
    assert_true(host_get(s.h, "interference_b") < 0.0f);
    image im = render(&s, widths[k], MAX_H);
    const strip_view_layout l = layout_of(&im);
    assert_int_equal(measured_bar_end(&im, 0), l.bar_x1);
    check_bars(&s, &im);
    for (int p = 0; p < 2; ++p) {
      const uint32_t cap = pixel(&im, (l.over_x0 + l.over_x1) / 2,
                                 l.row_top[p] + l.row_height / 2);
      const bool red = channel(cap, 16) > 200 && channel(cap, 8) < 80 &&
                       channel(cap, 0) < 80;
      if (red != (p == 0))
        fail_msg("%u px: %c's cap is %s", widths[k], 'A' + p,
                 red ? "lit" : "not lit");
    }
    save_png(&im, "over");
    free(im.pixels);
    host_free(s.h);
  }
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(the_view_is_a_valid_surface_inside_the_offer),
      cmocka_unit_test(the_heard_path_is_highlighted),
      cmocka_unit_test(interference_only_is_shown),
      cmocka_unit_test(bypass_highlights_neither),
      cmocka_unit_test(the_bars_follow_the_readouts),
      cmocka_unit_test(over_full_scale_lights_the_cap),
  };
  return cmocka_run_group_tests(tests, world_setup, world_teardown);
}
