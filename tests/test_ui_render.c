/* The view without a window: drawn into an image in memory and driven
 * with pointer and key events, so layout, text fitting and the port
 * protocol are checked quickly and exactly (tests/check-ui.sh does the
 * same through X11 in a host). */
/* clock_gettime() */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <cmocka.h>

#include "../gui/draw.h"
#include "../gui/port_io.h"
#include "../gui/ui.h"
#include "preset_model.h"

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

/* The same at 100 %, every text and panel traced into t. */
static int render_traced(balun_ui *ui, double width, double height,
                         draw_trace *t, cairo_surface_t **out)
{
  draw_trace_into(t);
  const int clipped = render(ui, width, height, 1, out);
  draw_trace_into(NULL);
  return clipped;
}

/* The sizes the layout is tried at: the minimum; a 1366 x 768 laptop
 * screen less a host's title bar and toolbar; the default; a big window. */
static const double sizes[][2] = {{UI_MIN_WIDTH, UI_MIN_HEIGHT},
                                  {1366, 680},
                                  {UI_DEFAULT_WIDTH, UI_DEFAULT_HEIGHT},
                                  {2560, 1440}};
#define N_SIZES ((int)(sizeof(sizes) / sizeof(sizes[0])))

/* Sets every port of a scene a user can set up: scene 0 .. PATH_COUNT*3. */
static void set_scene(balun_ui *ui, int scene)
{
  const int a = scene % PATH_COUNT, b = (scene + 3) % PATH_COUNT;
  ui_port_event(ui, PORT_PATH_A, (float)a);
  ui_port_event(ui, PORT_PATH_B, (float)b);
  ui_port_event(ui, PORT_RECEIVER, (float)(scene % 3));
  ui_port_event(ui, PORT_RF_SOURCE, (float)(scene / PATH_COUNT));
  ui_port_event(ui, PORT_RF_FIELD, scene % 2 ? 30.0f : 0.0f);
  ui_port_event(ui, PORT_PIN1_PROBLEM, (float)(scene % 2));
  ui_port_event(ui, PORT_LEVEL_MATCH, (float)(scene % 2));
  ui_port_event(ui, PORT_CABLE_LENGTH, scene % 2 ? 300.0f : 0.3f);
  ui_port_event(ui, PORT_LOOP_TYPE, (float)(scene / 3 % 2)); /* 3: two-prong */
  ui_port_event(ui, PORT_HEADPHONE_A, (float)(scene % HEADPHONE_COUNT));
  ui_port_event(ui, PORT_HEADPHONE_B, (float)(scene / 2 % HEADPHONE_COUNT));
  for (int k = 0; k < PORT_N_OUTPUTS; ++k) /* outputs, long ones */
    ui_port_event(ui, port_outputs[k], -123.456f);
}

/* Keeps an image of the view in build/screenshots/ for the eye. */
static void keep(cairo_surface_t *s, const char *name)
{
  char path[256];
  snprintf(path, sizeof(path), "build/screenshots/%s", name);
  if ((mkdir("build", 0777) && errno != EEXIST) ||
      (mkdir("build/screenshots", 0777) && errno != EEXIST) ||
      cairo_surface_write_to_png(s, path) != CAIRO_STATUS_SUCCESS)
    print_message("could not write %s\n", path);
}

/* A text's box with the room words need beside them: 4 px each side. */
static ui_rect spaced(ui_rect r)
{
  return (ui_rect){r.x - 4, r.y, r.w + 8, r.h};
}

/* What is wrong with a traced drawing of a view w x h, written to why:
 * a text that did not fit, under 9 px, outside the view, over another
 * text or less than 4 px beside it, across a panel's edge or half under a
 * panel; texts hidden under a panel only if `overlaid`. */
static bool legible(const draw_trace *t, double w, double h, bool overlaid,
                    char *why, size_t size)
{
  const ui_rect view = {0, 0, w, h};
  if (t->dropped) {
    snprintf(why, size, "%d marks not traced", t->dropped);
    return false;
  }
  for (int i = 0; i < t->n; ++i) {
    const draw_mark *a = &t->marks[i];
    if (a->size == 0) continue;
    if (a->half_hidden || a->overflowed) {
      snprintf(why, size, "\"%s\" is %s", a->text,
               a->overflowed ? "too long for its place" : "half under a panel");
      return false;
    }
    if (a->hidden) {
      if (overlaid) continue;
      snprintf(why, size, "\"%s\" is under a panel", a->text);
      return false;
    }
    if (a->size < 9.0) {
      snprintf(why, size, "\"%s\" is %.1f px", a->text, a->size);
      return false;
    }
    if (!rect_inside(a->box, view)) {
      snprintf(why, size, "\"%s\" is outside the view", a->text);
      return false;
    }
    for (int j = 0; j < t->n; ++j) {
      const draw_mark *b = &t->marks[j];
      if (j == i || b->hidden) continue;
      if (b->size > 0 && j > i && rects_overlap(spaced(a->box), b->box)) {
        snprintf(
            why, size,
            "\"%s\" (%.1f,%.1f %.1fx%.1f) is over or against \"%s\" (%.1f,%.1f "
            "%.1fx%.1f)",
            a->text, a->box.x, a->box.y, a->box.w, a->box.h, b->text, b->box.x,
            b->box.y, b->box.w, b->box.h);
        return false;
      }
      if (b->size == 0 && rects_overlap(a->box, b->box) &&
          !rect_inside(a->box, b->box)) {
        snprintf(why, size, "\"%s\" crosses the edge of a panel", a->text);
        return false;
      }
    }
  }
  return true;
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
 * minimum size and larger, at 100 % and 200 %, each group's tab in turn. */
static void no_text_is_clipped(void **state)
{
  (void)state;
  balun_ui ui;
  assert_true(ui_init(&ui, 1, record, NULL));
  for (int scene = 0; scene < PATH_COUNT * 3; ++scene) {
    set_scene(&ui, scene);
    ui.tab = scene % GROUP_COUNT;
    for (int s = 0; s < N_SIZES; ++s)
      for (int k = 1; k <= 2; ++k) {
        const int clipped = render(&ui, sizes[s][0], sizes[s][1], k, NULL);
        if (clipped)
          fail_msg("scene %d, tab %d at %gx%g, %d00 %%: %d texts do not fit",
                   scene, ui.tab, sizes[s][0], sizes[s][1], k, clipped);
      }
  }
  ui_destroy(&ui);
}

/* At every size, with every tab open and in every scene, each text is at
 * least 9 px, inside the view, clear of every other text and inside the
 * panel it is drawn in. Images of the smallest sizes are kept. */
static void legible_at_every_size(void **state)
{
  (void)state;
  static draw_trace trace;
  balun_ui ui;
  assert_true(ui_init(&ui, 1, record, NULL));
  char why[256];
  for (int scene = 0; scene < PATH_COUNT * 3; ++scene) {
    set_scene(&ui, scene);
    for (int s = 0; s < N_SIZES; ++s)
      for (ui.tab = 0; ui.tab < GROUP_COUNT; ++ui.tab) {
        cairo_surface_t *image;
        render_traced(&ui, sizes[s][0], sizes[s][1], &trace, &image);
        if (!legible(&trace, sizes[s][0], sizes[s][1], false, why, sizeof(why)))
          fail_msg("scene %d, tab %s at %gx%g: %s", scene,
                   ui_groups[ui.tab].title, sizes[s][0], sizes[s][1], why);
        char name[64];
        snprintf(name, sizeof(name), "render-%gx%g-%s.png", sizes[s][0],
                 sizes[s][1], ui_groups[ui.tab].name + 4);
        if (scene == 0 && s < 2) keep(image, name);
        if (scene == 3 && s == 0 && ui.tab == GROUP_GROUND)
          keep(image, "render-960x600-two-prong-ground.png");
        cairo_surface_destroy(image);
      }
  }
  ui_destroy(&ui);
}

/* ---- headphone stages, warnings and clipping (issue 8) ---- */

/* The outputs as the plugin would report them for the current inputs. */
static void report_outputs(balun_ui *ui)
{
  for (int k = 0; k < PORT_N_OUTPUTS; ++k)
    ui_port_event(ui, port_outputs[k],
                  (float)figures_readout(ui->figures, port_outputs[k]));
}

/* Every text of a trace not under a panel, in drawing order, one space
 * between: sentences wrapped over lines read whole again. */
static const char *traced_words(const draw_trace *t)
{
  static char words[DRAW_TRACE_MAX * 64];
  size_t n = 0;
  words[0] = 0;
  for (int i = 0; i < t->n && n + 130 < sizeof(words); ++i)
    if (t->marks[i].size > 0 && !t->marks[i].hidden)
      n += (size_t)snprintf(words + n, sizeof(words) - n, "%s ",
                            t->marks[i].text);
  return words;
}

/* The first text exactly `text` inside r, or NULL. */
static const draw_mark *text_in(const draw_trace *t, const char *text,
                                ui_rect r)
{
  for (int i = 0; i < t->n; ++i)
    if (t->marks[i].size > 0 && !strcmp(t->marks[i].text, text) &&
        rect_inside(t->marks[i].box, r))
      return &t->marks[i];
  return NULL;
}

/* How many texts exactly `text` are inside r. */
static int count_in(const draw_trace *t, const char *text, ui_rect r)
{
  int n = 0;
  for (int i = 0; i < t->n; ++i)
    n += t->marks[i].size > 0 && !strcmp(t->marks[i].text, text) &&
         rect_inside(t->marks[i].box, r);
  return n;
}

typedef struct {
  const char *name;
  float path[2], headphone[2];
  float clip_dbu, volume_db, load, level_match;
} headphone_scene;

/* Each kind of stage on each path, the adapter beside the line's own
 * adapter, and both stages that clip: the receiver (preset 16's pro
 * converter into a +16 dBu input) and the amplifier (volume +6 dB). */
static const headphone_scene hp_scenes[] = {
    {"se-a", {1, 1}, {1, 0}, 27, -10, 0, 1},
    {"bridged-b", {0, 3}, {0, 2}, 27, -10, 1, 0},
    {"adapter-a", {1, 1}, {3, 2}, 27, -10, 0, 1}, /* preset 22 */
    {"adapter-b", {6, 5}, {1, 3}, 27, -10, 2, 0},
    {"clip-receiver-a-amp-b", {2, 1}, {0, 1}, 16, 6, 0, 0},
    {"clip-amp-a", {4, 0}, {2, 0}, 27, 6, 2, 0},
};
#define N_HP_SCENES ((int)(sizeof(hp_scenes) / sizeof(hp_scenes[0])))

static void set_headphone_scene(balun_ui *ui, const headphone_scene *h)
{
  port_defaults(ui->value);
  for (int p = 0; p < PORT_COUNT; ++p)
    ui->known[p] = false;
  for (int p = 0; p < 2; ++p) {
    ui_port_event(ui, PORT_PATH_A + p, h->path[p]);
    ui_port_event(ui, PORT_HEADPHONE_A + p, h->headphone[p]);
  }
  ui_port_event(ui, PORT_INPUT_CLIP_LEVEL, h->clip_dbu);
  ui_port_event(ui, PORT_HEADPHONE_VOLUME, h->volume_db);
  ui_port_event(ui, PORT_HEADPHONE_LOAD, h->load);
  ui_port_event(ui, PORT_LEVEL_MATCH, h->level_match);
  ui_port_event(ui, PORT_GROUND_VOLTAGE, 1000); /* a loud ground loop */
  report_outputs(ui);
}

/* With headphone stages on, every text of every tab is legible at every
 * size; the readouts have their new rows; each stage is drawn with its
 * two drivers and its return; images of the smallest sizes are kept. */
static void headphone_scenes_are_legible(void **state)
{
  (void)state;
  static draw_trace trace;
  balun_ui ui;
  assert_true(ui_init(&ui, 1, record, NULL));
  char why[256];
  for (int k = 0; k < N_HP_SCENES; ++k) {
    const headphone_scene *h = &hp_scenes[k];
    set_headphone_scene(&ui, h);
    for (int s = 0; s < N_SIZES; ++s)
      for (ui.tab = 0; ui.tab < GROUP_COUNT; ++ui.tab) {
        cairo_surface_t *image;
        const int clipped =
            render_traced(&ui, sizes[s][0], sizes[s][1], &trace, &image);
        if (!legible(&trace, sizes[s][0], sizes[s][1], false, why,
                     sizeof(why)) ||
            (clipped && snprintf(why, sizeof(why), "%d texts cut", clipped)))
          fail_msg("%s, tab %s at %gx%g: %s", h->name, ui_groups[ui.tab].title,
                   sizes[s][0], sizes[s][1], why);
        static const char *const rows[3] = {"Headroom", "Loudness, dB SPL",
                                            "Crosstalk (1 kHz)"};
        for (int r = 0; r < 3; ++r)
          if (!text_in(&trace, rows[r], ui.layout.readouts))
            fail_msg("%s at %gx%g: no readout row %s", h->name, sizes[s][0],
                     sizes[s][1], rows[r]);
        for (int p = 0; p < 2; ++p) {
          const int stage = h->headphone[p] != 0;
          const ui_rect card = ui.layout.card[p];
          if (count_in(&trace, "L", card) != stage ||
              count_in(&trace, "R", card) != stage)
            fail_msg("%s at %gx%g: path %c draws %d L and %d R drivers",
                     h->name, sizes[s][0], sizes[s][1], 'A' + p,
                     count_in(&trace, "L", card), count_in(&trace, "R", card));
        }
        char name[96];
        snprintf(name, sizeof(name), "render-%gx%g-hp-%s.png", sizes[s][0],
                 sizes[s][1], h->name);
        if (s < 2 && ui.tab == GROUP_HEADPHONES) keep(image, name);
        cairo_surface_destroy(image);
      }
  }
  ui_destroy(&ui);
}

/* The words of card `path` at the minimum size, for scene h. */
static const char *card_words(balun_ui *ui, const headphone_scene *h, int path,
                              double width, double height)
{
  static draw_trace trace;
  static char words[DRAW_TRACE_MAX * 64];
  set_headphone_scene(ui, h);
  render_traced(ui, width, height, &trace, NULL);
  draw_trace card = {0};
  for (int i = 0; i < trace.n; ++i)
    if (rect_inside(trace.marks[i].box, ui->layout.card[path]))
      card.marks[card.n++] = trace.marks[i];
  snprintf(words, sizeof(words), "%s", traced_words(&card));
  return words;
}

/* The adapter's warning says, in plain words, that the cold amplifiers
 * are shorted, what each would have to deliver against what a leg gives,
 * and that this can damage the player: preset 22, 2 V × 10^(−10/20) into
 * 1 Ω + 0.2 Ω = 527 mA against 200 mA (physics.md §12, headphone.c's
 * limit). The stage's return says it is shorted; B, bridged, has
 * separate returns; A, SE, a shared one. */
static void the_adapter_warns(void **state)
{
  (void)state;
  balun_ui ui;
  assert_true(ui_init(&ui, 1, record, NULL));
  for (int s = 0; s < 2; ++s) {
    const char *a = card_words(&ui, &hp_scenes[2], 0, sizes[s][0], sizes[s][1]);
    if (!strstr(a, "shorts the") || !strstr(a, "cold amplifiers") ||
        !strstr(a, "527 mA") || !strstr(a, "200 mA") ||
        !strstr(a, "damage the player") || !strstr(a, "shorted"))
      fail_msg("at %gx%g card A says: %s", sizes[s][0], sizes[s][1], a);
    const char *b = card_words(&ui, &hp_scenes[2], 1, sizes[s][0], sizes[s][1]);
    if (strstr(b, "damage") || !strstr(b, "returns"))
      fail_msg("at %gx%g card B (bridged) says: %s", sizes[s][0], sizes[s][1],
               b);
    const char *se =
        card_words(&ui, &hp_scenes[0], 0, sizes[s][0], sizes[s][1]);
    if (strstr(se, "damage") || !strstr(se, "return 0.200 Ω"))
      fail_msg("at %gx%g an SE card says: %s", sizes[s][0], sizes[s][1], se);
  }
  ui_destroy(&ui);
}

/* A stage whose headroom is negative carries a CLIP mark and its card
 * says by how much full scale clips (§11): preset 16's +24 dBu converter
 * into a +16 dBu input clips at its receiver by 8 dB less what the
 * divider of 2 × 100 Ω + 0.5 Ω of cable into the 20 kΩ input loses
 * (0.087 dB): by 7.9 dB; an SE amplifier at volume +6 dB (leg gain 2,
 * 20·log10 2 = 6.0 dB over its swing) clips at the amplifier, its mark
 * in the headphone part of the schematic. Nothing clips: no mark. */
static void clipping_is_marked_at_its_stage(void **state)
{
  (void)state;
  static draw_trace trace;
  balun_ui ui;
  assert_true(ui_init(&ui, 1, record, NULL));
  for (int s = 0; s < 2; ++s) {
    set_headphone_scene(&ui, &hp_scenes[4]);
    render_traced(&ui, sizes[s][0], sizes[s][1], &trace, NULL);
    for (int p = 0; p < 2; ++p) {
      const ui_rect r = ui.layout.schematic[p];
      const double line_end = r.x + 0.62 * r.w; /* the line's part */
      const draw_mark *m = text_in(&trace, "CLIP", ui.layout.card[p]);
      if (!m)
        fail_msg("at %gx%g path %c has no CLIP mark", sizes[s][0], sizes[s][1],
                 'A' + p);
      if (p == 0 && !(m->box.x > r.x + 0.5 * r.w)) /* at the receiver */
        fail_msg("the receiver's CLIP mark is at x %.0f", m->box.x);
      if (p == 1 && !(m->box.x > line_end)) /* at the amplifier */
        fail_msg("the amplifier's CLIP mark is at x %.0f", m->box.x);
    }
    const char *a = card_words(&ui, &hp_scenes[4], 0, sizes[s][0], sizes[s][1]);
    if (!strstr(a, "receiver's input clips 0 dBFS by 7.9 dB"))
      fail_msg("at %gx%g card A says: %s", sizes[s][0], sizes[s][1], a);
    const char *b = card_words(&ui, &hp_scenes[4], 1, sizes[s][0], sizes[s][1]);
    if (!strstr(b, "amplifier clips 0 dBFS by 6.0 dB"))
      fail_msg("at %gx%g card B says: %s", sizes[s][0], sizes[s][1], b);
  }
  set_headphone_scene(&ui, &hp_scenes[0]); /* nothing clips: no mark */
  render_traced(&ui, UI_MIN_WIDTH, UI_MIN_HEIGHT, &trace, NULL);
  assert_null(text_in(&trace, "CLIP", (ui_rect){0, 0, 1e4, 1e4}));
  ui_destroy(&ui);
}

/* The schematic draws each path's cold conductor as the model describes
 * it, and the model describes it as ports.md's "Paths" table does: none
 * in coax; driven and received on a balanced path; pin 3 ignored by a
 * fake-balanced input; shorted by the line adapter; tied to the source's
 * ground by the correct one. */
static void the_schematic_draws_the_models_wiring(void **state)
{
  (void)state;
  static const struct {
    balun_cold_source source;
    balun_cold_receiver receiver;
    const char *words; /* the shield's note at 960 x 600 */
  } paths[PATH_COUNT] = {
      {COLD_SOURCE_NONE, COLD_RECEIVER_NONE, "shield = signal return"},
      {COLD_SOURCE_DRIVEN, COLD_RECEIVER_RECEIVED, "shield to chassis (pin 1)"},
      {COLD_SOURCE_DRIVEN, COLD_RECEIVER_RECEIVED, "shield to chassis (pin 1)"},
      {COLD_SOURCE_DRIVEN, COLD_RECEIVER_RECEIVED, "shield to chassis (pin 1)"},
      {COLD_SOURCE_DRIVEN, COLD_RECEIVER_IGNORED, "pin 3 not connected"},
      {COLD_SOURCE_DRIVEN, COLD_RECEIVER_SHORTED, "cold shorted in the plug"},
      {COLD_SOURCE_TO_GROUND, COLD_RECEIVER_RECEIVED, "cold to source ground"},
  };
  balun_ui ui;
  assert_true(ui_init(&ui, 1, record, NULL));
  for (int p = 0; p < PATH_COUNT; ++p) {
    const headphone_scene h = {"line", {p, p}, {0, 0}, 27, -10, 0, 1};
    const char *words = card_words(&ui, &h, 0, UI_MIN_WIDTH, UI_MIN_HEIGHT);
    assert_int_equal(ui.ifc[0].cold_source, paths[p].source);
    assert_int_equal(ui.ifc[0].cold_receiver, paths[p].receiver);
    if (!strstr(words, paths[p].words))
      fail_msg("path %d: expected \"%s\" in: %s", p, paths[p].words, words);
    const bool cold = paths[p].source != COLD_SOURCE_NONE;
    if (cold != (strstr(words, " cold ") != NULL))
      fail_msg("path %d: a cold conductor %s: %s", p,
               cold ? "missing" : "drawn", words);
  }
  /* What is drawn is the model's word, not the path's number: a model
   * that said XLR's pin 3 is ignored would be drawn so. */
  static draw_trace trace;
  const headphone_scene xlr = {"", {1, 1}, {0, 0}, 27, -10, 0, 1};
  set_headphone_scene(&ui, &xlr);
  ui.ifc[0].cold_receiver = COLD_RECEIVER_IGNORED;
  render_traced(&ui, UI_MIN_WIDTH, UI_MIN_HEIGHT, &trace, NULL);
  assert_non_null(text_in(&trace, "pin 3 not connected", ui.layout.card[0]));
  assert_null(text_in(&trace, "pin 3 not connected", ui.layout.card[1]));
  ui_destroy(&ui);
}

/* With a headphone stage on, the spectrum's threshold of hearing is at
 * the modelled loudness: bridged, 2 V per leg at −10 dB into a flat
 * 32 Ω, 100 dB/mW (§12: 126.5 dB SPL at 0 dB volume, 10 dB less):
 * 116.5 dB SPL; the line path B keeps the assumed 105 dB SPL. */
static void the_threshold_follows_the_loudness(void **state)
{
  (void)state;
  static draw_trace trace;
  balun_ui ui;
  assert_true(ui_init(&ui, 1, record, NULL));
  const headphone_scene bridged = {"", {1, 1}, {2, 0}, 27, -10, 1, 0};
  set_headphone_scene(&ui, &bridged);
  render_traced(&ui, UI_MIN_WIDTH, UI_MIN_HEIGHT, &trace, NULL);
  const char *words = traced_words(&trace);
  words = strstr(words, "Threshold") ? strstr(words, "Threshold") : words;
  if (!strstr(words, "0 dBFS = 116.5 dB SPL (modelled)") ||
      !strstr(words, "105.0 dB SPL (assumed)"))
    fail_msg("the spectrum says: %s", words);
  ui_destroy(&ui);
}

/* The shared return's resistance applies where the model's stage has a
 * shared return (SE, the adapter), not bridged nor without a stage; the
 * amplifier's controls wherever there is a stage. */
static void return_resistance_applies_where_shared(void **state)
{
  (void)state;
  static const bool shared[HEADPHONE_COUNT] = {false, true, false, true};
  balun_ui ui;
  assert_true(ui_init(&ui, 1, record, NULL));
  for (int k = 0; k < HEADPHONE_COUNT; ++k) {
    ui_port_event(&ui, PORT_HEADPHONE_B, (float)k);
    assert_int_equal(control_applies(&ui, PORT_RETURN_RESISTANCE, 1),
                     shared[k]);
    assert_int_equal(control_applies(&ui, PORT_AMP_OUTPUT_IMPEDANCE, 1),
                     k != 0);
    assert_false(control_applies(&ui, PORT_AMP_OUTPUT_IMPEDANCE, 0));
  }
  ui_destroy(&ui);
}

/* Whether a text inside r holds `part`. */
static bool part_in(const draw_trace *t, const char *part, ui_rect r)
{
  for (int i = 0; i < t->n; ++i)
    if (t->marks[i].size > 0 && strstr(t->marks[i].text, part) &&
        rect_inside(t->marks[i].box, r))
      return true;
  return false;
}

/* The ground loop as the model has it (physics.md §4, §13): three-prong,
 * the ground voltage and the loop impedance apply and the schematic draws
 * them; two-prong, only the leakage current applies, and the schematic
 * draws its current source and the model's current in the shield. The
 * "Charging laptop" preset is such a loop, and legible on every tab. */
static void the_ground_loop_is_drawn_as_the_model_has_it(void **state)
{
  (void)state;
  static draw_trace trace;
  balun_ui ui;
  assert_true(ui_init(&ui, 1, record, NULL));
  for (int path = 0; path < 2; ++path) {
    assert_true(control_applies(&ui, PORT_GROUND_VOLTAGE, path));
    assert_true(control_applies(&ui, PORT_GROUND_IMPEDANCE, path));
    assert_false(control_applies(&ui, PORT_LEAKAGE_CURRENT, path));
  }
  render_traced(&ui, UI_MIN_WIDTH, UI_MIN_HEIGHT, &trace, NULL);
  assert_true(part_in(&trace, "10.0 mV", ui.layout.card[0]));
  assert_false(part_in(&trace, "leakage", ui.layout.card[0]));

  preset_file laptop;
  char err[512];
  float v[PORT_COUNT];
  if (preset_file_read("presets/11-laptop-charger-buzz.ttl", &laptop, err,
                       sizeof err) ||
      preset_controls(&laptop, 0, NULL, v, err, sizeof err))
    fail_msg("%s", err);
  assert_true(v[PORT_LOOP_TYPE] == 1.0f);
  for (int p = 0; p < PORT_COUNT; ++p)
    if (port_is_control(p)) ui_port_event(&ui, (balun_port)p, v[p]);
  for (int path = 0; path < 2; ++path) {
    assert_false(control_applies(&ui, PORT_GROUND_VOLTAGE, path));
    assert_false(control_applies(&ui, PORT_GROUND_IMPEDANCE, path));
    assert_true(control_applies(&ui, PORT_LEAKAGE_CURRENT, path));
  }
  char why[256];
  for (ui.tab = 0; ui.tab < GROUP_COUNT; ++ui.tab) {
    cairo_surface_t *image;
    render_traced(&ui, UI_MIN_WIDTH, UI_MIN_HEIGHT, &trace, &image);
    if (!legible(&trace, UI_MIN_WIDTH, UI_MIN_HEIGHT, false, why, sizeof why))
      fail_msg("the laptop preset, tab %s: %s", ui_groups[ui.tab].title, why);
    if (ui.tab == GROUP_GROUND) keep(image, "render-960x600-laptop-ground.png");
    cairo_surface_destroy(image);
    /* 160 µA, the preset's, is what the model puts in the shield */
    assert_true(part_in(&trace, "160 µA", ui.layout.card[0]));
    assert_true(part_in(&trace, "leakage", ui.layout.card[0]));
    assert_false(part_in(&trace, "2.50 mV", ui.layout.card[0]));
  }
  ui_destroy(&ui);
}

/* A finished ABX test, with every setting changed, still fits, legibly,
 * at the minimum size; the result covers the controls, and a press on it
 * changes nothing under it until it is closed. */
static void abx_result_fits(void **state)
{
  (void)state;
  static draw_trace trace;
  char why[256];
  balun_ui ui;
  assert_true(ui_init(&ui, 1, record, NULL));
  for (int p = PORT_CABLE_LENGTH; p < PORT_COUNT; ++p)
    if (port_is_control(p))
      ui_port_event(&ui, (balun_port)p, balun_ports[p].maximum);
  render(&ui, UI_MIN_WIDTH, UI_MIN_HEIGHT, 1, NULL);
  ui.abx_trials = ABX_MAX_TRIALS;
  click(&ui, HIT_ABX_START, 1.0);
  ui_port_event(&ui, PORT_BUZZ, 0); /* spoils the test: one more line */
  for (int k = 0; k < ABX_MAX_TRIALS; ++k)
    ui_key(&ui, k % 3 ? '1' : '2');
  assert_int_equal(abx_phase_of(ui.abx), ABX_FINISHED);
  for (int k = 2; k >= 1; --k)
    assert_int_equal(render(&ui, UI_MIN_WIDTH, UI_MIN_HEIGHT, k, NULL), 0);
  cairo_surface_t *image;
  render_traced(&ui, UI_MIN_WIDTH, UI_MIN_HEIGHT, &trace, &image);
  keep(image, "render-960x600-abx-result.png");
  cairo_surface_destroy(image);
  if (!legible(&trace, UI_MIN_WIDTH, UI_MIN_HEIGHT, true, why, sizeof(why)))
    fail_msg("the ABX result at the minimum size: %s", why);
  assert_true(rect_inside(ui.layout.controls, ui.layout.result));
  const int before = written.count;
  click(&ui, (ui_hit)PORT_CABLE_LENGTH, 20.0);
  click(&ui, HIT_TAB + GROUP_SOURCE_RECEIVER, 21.0);
  assert_int_equal(written.count, before);
  assert_int_equal(ui.tab, GROUP_CABLE);
  click(&ui, HIT_ABX_STOP, 22.0); /* closes it */
  click(&ui, HIT_TAB + GROUP_SOURCE_RECEIVER, 23.0);
  assert_int_equal(ui.tab, GROUP_SOURCE_RECEIVER);
  ui_destroy(&ui);
}

/* The panels the layout places are inside the view and apart, at every
 * size; the spectrum is the largest and grows with the view; at the
 * smallest sizes the groups are in tabs, all in the panel's row, and in
 * a big view all shown. */
static void panels_fit_and_do_not_overlap(void **state)
{
  (void)state;
  double spectrum_area = 0;
  for (int s = 0; s < N_SIZES; ++s) {
    ui_layout l;
    layout_compute(&l, sizes[s][0], sizes[s][1]);
    assert_true(l.width == sizes[s][0] && l.height == sizes[s][1]);
    const ui_rect panels[] = {l.header,   l.card[0],  l.card[1],    l.readouts,
                              l.spectrum, l.controls, l.listen_bar, l.abx_bar};
    const int n = (int)(sizeof(panels) / sizeof(panels[0]));
    const ui_rect view = {0, 0, l.width, l.height};
    for (int i = 0; i < n; ++i) {
      if (!rect_inside(panels[i], view) || panels[i].w <= 0 || panels[i].h <= 0)
        fail_msg("at %gx%g panel %d is outside the view", l.width, l.height, i);
      for (int j = i + 1; j < n; ++j)
        if (rects_overlap(panels[i], panels[j]))
          fail_msg("at %gx%g panels %d and %d overlap", l.width, l.height, i,
                   j);
      if (i != 4 && panels[i].w * panels[i].h >= l.spectrum.w * l.spectrum.h)
        fail_msg("at %gx%g panel %d is larger than the spectrum", l.width,
                 l.height, i);
    }
    assert_true(rect_inside(l.cable_plot, l.controls));
    assert_true(rect_inside(l.cmrr_plot, l.controls));
    assert_false(rects_overlap(l.cable_plot, l.cmrr_plot));
    const double area = l.spectrum.w * l.spectrum.h;
    if (s == 0) spectrum_area = area;
    assert_true(area >= spectrum_area); /* never smaller than at the minimum */
    if (s == N_SIZES - 1) assert_true(area > 2 * spectrum_area);
    assert_true(l.tabs == (s < 3)); /* 2560 x 1440 shows every group */
    for (int g = 0; l.tabs && g < GROUP_COUNT; ++g) /* the row of tabs */
      assert_true(rect_inside(l.rect[HIT_TAB + g], l.controls));
  }
}

/* Nothing the pointer can hit overlaps anything else shown with it, and
 * all of it is in the view, with each tab open, at every size; the
 * controls of a group are in the controls' panel, clear of the plots. */
static void controls_do_not_overlap(void **state)
{
  (void)state;
  for (int s = 0; s < N_SIZES; ++s) {
    ui_layout l;
    layout_compute(&l, sizes[s][0], sizes[s][1]);
    bool placed[PORT_COUNT] = {false};
    for (int tab = 0; tab < GROUP_COUNT; ++tab) {
      int n = 0;
      for (int i = 0; i < HIT_COUNT; ++i) {
        if (!layout_shows(&l, tab, (ui_hit)i)) continue;
        const ui_rect a = l.rect[i];
        ++n;
        if (i < PORT_COUNT) placed[i] = true;
        if (!rect_inside(a, (ui_rect){0, 0, l.width, l.height}))
          fail_msg("%s is outside the view", hit_name((ui_hit)i));
        const control_spec *c = i < PORT_COUNT ? control_of(i) : NULL;
        if (c && c->group >= 0 &&
            (!rect_inside(a, l.controls) ||
             !rect_inside(l.label[i], l.controls) ||
             rects_overlap(a, l.cable_plot) ||
             rects_overlap(l.label[i], l.cable_plot) ||
             rects_overlap(a, l.cmrr_plot) ||
             rects_overlap(l.label[i], l.cmrr_plot)))
          fail_msg("%s at %gx%g is not clear in the controls' panel",
                   hit_name((ui_hit)i), l.width, l.height);
        for (int j = i + 1; j < HIT_COUNT; ++j)
          if (layout_shows(&l, tab, (ui_hit)j) && rects_overlap(a, l.rect[j]))
            fail_msg("%s overlaps %s at %gx%g, tab %d", hit_name((ui_hit)i),
                     hit_name((ui_hit)j), l.width, l.height, tab);
      }
      /* every control of the open group, every button, the tabs */
      int expected = 0;
      for (int i = 0; i < ui_n_controls; ++i)
        expected +=
            !l.tabs || ui_controls[i].group < 0 || ui_controls[i].group == tab;
      expected += HIT_TAB - HIT_LISTEN_A + (l.tabs ? GROUP_COUNT : 0);
      assert_int_equal(n, expected);
    }
    /* every control input has a control, listen has its buttons */
    for (int k = 0; k < PORT_N_CONTROLS; ++k)
      if (port_controls[k] != PORT_LISTEN && !placed[port_controls[k]])
        fail_msg("%s has no control", balun_ports[port_controls[k]].symbol);
  }
}

/* With the groups in tabs, only the open tab's controls answer: a press
 * where a hidden control sits does not reach it; its tab opens it. */
static void tabs_choose_what_answers(void **state)
{
  (void)state;
  balun_ui ui;
  assert_true(ui_init(&ui, 1, record, NULL));
  render(&ui, UI_MIN_WIDTH, UI_MIN_HEIGHT, 1, NULL);
  assert_true(ui.layout.tabs);
  assert_int_equal(ui.tab, GROUP_CABLE);
  click(&ui, (ui_hit)PORT_PIN1_PROBLEM, 1.0);
  assert_true(isnan(last_written(PORT_PIN1_PROBLEM)));
  click(&ui, HIT_TAB + GROUP_SOURCE_RECEIVER, 2.0);
  assert_int_equal(ui.tab, GROUP_SOURCE_RECEIVER);
  click(&ui, (ui_hit)PORT_PIN1_PROBLEM, 3.0);
  assert_true(last_written(PORT_PIN1_PROBLEM) == 1.0f);
  const int before = written.count;
  click(&ui, (ui_hit)PORT_CABLE_LENGTH, 4.0); /* the cable tab is closed */
  for (int i = before; i < written.count && i < 256; ++i)
    assert_int_not_equal(written.port[i], PORT_CABLE_LENGTH);
  ui_destroy(&ui);
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
      cmocka_unit_test(legible_at_every_size),
      cmocka_unit_test(headphone_scenes_are_legible),
      cmocka_unit_test(the_adapter_warns),
      cmocka_unit_test(clipping_is_marked_at_its_stage),
      cmocka_unit_test(the_schematic_draws_the_models_wiring),
      cmocka_unit_test(the_threshold_follows_the_loudness),
      cmocka_unit_test(return_resistance_applies_where_shared),
      cmocka_unit_test(the_ground_loop_is_drawn_as_the_model_has_it),
      cmocka_unit_test_setup(abx_result_fits, reset_written),
      cmocka_unit_test(panels_fit_and_do_not_overlap),
      cmocka_unit_test(controls_do_not_overlap),
      cmocka_unit_test_setup(tabs_choose_what_answers, reset_written),
      cmocka_unit_test_setup(listen_buttons_write_listen, reset_written),
      cmocka_unit_test_setup(cable_length_drag_wheel_and_default,
                             reset_written),
      cmocka_unit_test_setup(the_view_does_not_give_x_away, reset_written),
      cmocka_unit_test(redraw_time),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
