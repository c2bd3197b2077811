/* The plots. Every point is a call into the model (src/): the same
 * functions that set the DSP's filters and the output ports. */
#include "plot.h"

#include <math.h>
#include <stdio.h>

#include "draw.h"

#define LO_HZ BALUN_BAND_LO_HZ
#define HI_HZ BALUN_BAND_HI_HZ
/* The spectrum's floor and the size of its markers. */
#define FLOOR_DBFS  -180.0
#define MARKER      3.0
#define CURVE_STEPS 96

typedef struct {
  ui_rect frame;
  double top_db, bottom_db;
} axes;

static double ax_x(const axes *a, double hz)
{
  return a->frame.x + a->frame.w * log(hz / LO_HZ) / log(HI_HZ / LO_HZ);
}

static double ax_y(const axes *a, double db)
{
  const double t = (a->top_db - db) / (a->top_db - a->bottom_db);
  return a->frame.y + a->frame.h * t;
}

static double curve_hz(int i)
{
  return LO_HZ * pow(HI_HZ / LO_HZ, (double)i / CURVE_STEPS);
}

static double to_db(double ratio)
{
  return ratio > 0 ? 20.0 * log10(ratio) : -INFINITY;
}

double hearing_threshold_db_spl(double hz)
{
  const double k = hz / 1000.0;
  return 3.64 * pow(k, -0.8) - 6.5 * exp(-0.6 * (k - 3.3) * (k - 3.3)) +
         1e-3 * k * k * k * k;
}

/* Panel, title, frame, grid and tick labels. */
static void draw_axes(cairo_t *cr, ui_rect panel, const axes *a,
                      const char *title, double db_step)
{
  static const double ticks[] = {20,   50,   100,  200,   500,
                                 1000, 2000, 5000, 10000, 20000};
  static const char *const names[] = {"20", "50", "100", "200", "500",
                                      "1k", "2k", "5k",  "10k", "20k"};
  const double tick_size = TEXT_SMALL - 1;
  draw_panel(cr, panel, COLOUR_PANEL, COLOUR_EDGE);
  set_colour(cr, COLOUR_TEXT, 1);
  draw_text(cr, title, (ui_rect){panel.x + 8, panel.y + 2, panel.w - 16, 16},
            TEXT_SMALL, true, ALIGN_LEFT);
  const ui_rect f = a->frame;
  set_colour(cr, COLOUR_WELL, 1);
  cairo_rectangle(cr, f.x, f.y, f.w, f.h);
  cairo_fill(cr);
  cairo_set_line_width(cr, 1);
  /* Every grid line; the labels that have room, the two ends always. */
  const double end_left = round(ax_x(a, ticks[9])) + 0.5 -
                          text_width(cr, names[9], tick_size, false) / 2;
  double right = -INFINITY;
  for (int i = 0; i < 10; ++i) {
    const double x = round(ax_x(a, ticks[i])) + 0.5;
    set_colour(cr, COLOUR_GRID, 1);
    cairo_move_to(cr, x, f.y);
    cairo_line_to(cr, x, f.y + f.h);
    cairo_stroke(cr);
    const double half = text_width(cr, names[i], tick_size, false) / 2;
    if (x - half < right + 4 || (i < 9 && x + half > end_left - 4)) continue;
    right = x + half;
    set_colour(cr, COLOUR_DIM_TEXT, 1);
    draw_text(cr, names[i], (ui_rect){x - 15, f.y + f.h + 1, 30, 13}, tick_size,
              false, ALIGN_CENTRE);
  }
  for (double db = a->top_db; db >= a->bottom_db - 1e-9; db -= db_step) {
    const double y = round(ax_y(a, db)) + 0.5;
    set_colour(cr, COLOUR_GRID, 1);
    cairo_move_to(cr, f.x, y);
    cairo_line_to(cr, f.x + f.w, y);
    cairo_stroke(cr);
    char label[16];
    snprintf(label, sizeof(label), "%g", fabs(db) < 1e-9 ? 0.0 : db);
    set_colour(cr, COLOUR_DIM_TEXT, 1);
    draw_text(cr, label, (ui_rect){panel.x + 2, y - 7, f.x - panel.x - 14, 14},
              TEXT_SMALL - 1, false, ALIGN_RIGHT);
  }
}

static void clip_to(cairo_t *cr, const axes *a)
{
  cairo_rectangle(cr, a->frame.x, a->frame.y, a->frame.w, a->frame.h);
  cairo_clip(cr);
}

/* A line at hz of `db`, from the floor up, with the path's marker. */
static void stem(cairo_t *cr, const axes *a, int path, double hz, double db,
                 bool hollow, bool marker)
{
  if (!(db > a->bottom_db)) return;
  const double x = ax_x(a, hz) + (path ? 1.5 : -1.5), y = ax_y(a, db);
  cairo_set_line_width(cr, 1);
  cairo_move_to(cr, x, a->frame.y + a->frame.h);
  cairo_line_to(cr, x, y);
  cairo_stroke(cr);
  if (marker) draw_marker(cr, path, x, y, MARKER, hollow);
}

/* Hum and buzz: one line per mains harmonic (the solved circuit's, as the
 * DSP plays it), through the headphone stage's network where there is
 * one. */
static void draw_hum(balun_ui *ui, cairo_t *cr, const axes *a, int p)
{
  const balun_setup *s = &ui->setup;
  const double full = ui->figures[p].signal_vrms;
  double last_marker = -INFINITY;
  const path_hum *hum = &ui->hum[p];
  for (int n = 1; n <= mains_harmonic_count(s->mains_hz); ++n) {
    const double hz = n * s->mains_hz;
    if (hz < LO_HZ) continue;
    const double line = n <= hum->harmonics ? cabs(hum->line[n - 1]) : 0.0;
    const double db =
        to_db(line * headphone_common_gain(&ui->hp[p], s, hz) / full);
    const bool marker = ax_x(a, hz) - last_marker > 3 * MARKER;
    if (marker && db > a->bottom_db) last_marker = ax_x(a, hz);
    stem(cr, a, p, hz, db, false, marker);
  }
}

/* RF: the demodulated repetition lines (GSM, dimmer), or the AM
 * programme's band at its rms level. */
static void draw_rf(balun_ui *ui, cairo_t *cr, const axes *a, int p)
{
  const balun_setup *s = &ui->setup;
  const double full = ui->figures[p].signal_vrms;
  const double dv = rf_demodulated_v(&ui->ifc[p], s);
  if (!(dv > 0)) return;
  const double rep = rf_repetition_hz(s->rf_source, s->mains_hz);
  if (rep > 0) {
    double last_marker = -INFINITY;
    for (int k = 1; k * rep <= HI_HZ; ++k) {
      const double hz = k * rep;
      if (hz < LO_HZ) continue;
      const double db =
          to_db(dv * cabs(rf_harmonic(s->rf_source, s->mains_hz, k)) *
                headphone_common_gain(&ui->hp[p], s, hz) / full);
      const bool marker = ax_x(a, hz) - last_marker > 3 * MARKER;
      if (marker && db > a->bottom_db) last_marker = ax_x(a, hz);
      stem(cr, a, p, hz, db, true, marker);
    }
    return;
  }
  double lo = HI_HZ, hi = 0; /* the AM melody's notes and partials */
  for (int i = 0; i < BALUN_AM_NOTES; ++i) {
    lo = fmin(lo, balun_am_notes_hz[i]);
    hi = fmax(hi, balun_am_notes_hz[i] * BALUN_AM_PARTIALS);
  }
  const double db = to_db(dv * rf_audio_rms(s->rf_source, s->mains_hz) / full);
  if (!(db > a->bottom_db)) return;
  const double y = ax_y(a, db) + (p ? 2 : -2);
  set_path_line(cr, p, 2.5);
  cairo_move_to(cr, ax_x(a, lo), y);
  cairo_line_to(cr, ax_x(a, hi), y);
  cairo_stroke(cr);
  cairo_set_dash(cr, NULL, 0, 0);
  draw_marker(cr, p, ax_x(a, lo), y, MARKER, true);
  draw_marker(cr, p, ax_x(a, hi), y, MARKER, true);
}

/* Thermal noise per third of an octave: white, so its share of the
 * 20 Hz-20 kHz total grows with the band, 0.2316 f wide. */
static void draw_noise(balun_ui *ui, cairo_t *cr, const axes *a, int p)
{
  const double total = ui->figures[p].noise_vrms / ui->figures[p].signal_vrms;
  const double band = pow(2.0, 1.0 / 6) - pow(2.0, -1.0 / 6);
  set_path_line(cr, p, 1.5);
  for (int i = 0; i <= 1; ++i) {
    const double hz = i ? HI_HZ : LO_HZ;
    const double db = 10 * log10(total * total * band * hz / (HI_HZ - LO_HZ));
    if (i)
      cairo_line_to(cr, ax_x(a, hz), ax_y(a, db));
    else
      cairo_move_to(cr, ax_x(a, hz), ax_y(a, db));
  }
  cairo_stroke(cr);
  cairo_set_dash(cr, NULL, 0, 0);
}

/* How loud 0 dBFS is at the listener on a path: the modelled loudness of
 * its headphone stage, else the assumed listening level. */
static double listening_db_spl(const balun_ui *ui, int path)
{
  return ui->hp[path].kind != HEADPHONE_NONE ? ui->figures[path].spl_db
                                             : LISTENING_DB_SPL;
}

/* Whether A and B play 0 dBFS equally loud (one threshold line). */
static bool same_loudness(const balun_ui *ui)
{
  return fabs(listening_db_spl(ui, 0) - listening_db_spl(ui, 1)) < 0.05;
}

/* The threshold of hearing in dBFS of a path that plays 0 dBFS at spl:
 * dotted, or for B (when it differs from A) dash-dotted. */
static void draw_threshold(cairo_t *cr, const axes *a, double spl, int style)
{
  static const double dash[2][4] = {{1.5, 3, 0, 0}, {6, 3, 1.5, 3}};
  set_colour(cr, COLOUR_HEARING, 1);
  cairo_set_line_width(cr, 2);
  cairo_set_dash(cr, dash[style], style ? 4 : 2, 0);
  for (int i = 0; i <= CURVE_STEPS; ++i) {
    const double hz = curve_hz(i);
    const double db = hearing_threshold_db_spl(hz) - spl;
    const double y = fmax(ax_y(a, db), a->frame.y - 10);
    if (i)
      cairo_line_to(cr, ax_x(a, hz), y);
    else
      cairo_move_to(cr, ax_x(a, hz), y);
  }
  cairo_stroke(cr);
  cairo_set_dash(cr, NULL, 0, 0);
}

/* What the threshold line assumes, in words. */
static void threshold_note(const balun_ui *ui, char *out, size_t size)
{
  const double at_1k = hearing_threshold_db_spl(1000);
  const char *const how[2] = {"assumed", "modelled"};
  const double a = listening_db_spl(ui, 0), b = listening_db_spl(ui, 1);
  const bool hp_a = ui->hp[0].kind != HEADPHONE_NONE,
             hp_b = ui->hp[1].kind != HEADPHONE_NONE;
  if (!hp_a && !hp_b)
    snprintf(out, size,
             "Dotted: threshold of hearing if 0 dBFS = %.0f dB SPL (%.0f dBFS "
             "at 1 kHz); lines below it are inaudible.",
             a, at_1k - a);
  else if (same_loudness(ui))
    snprintf(out, size,
             "Dotted: threshold of hearing at the headphones' modelled "
             "loudness, 0 dBFS = %.1f dB SPL (%.0f dBFS at 1 kHz); lines "
             "below it are inaudible.",
             a, at_1k - a);
  else
    snprintf(out, size,
             "Threshold of hearing at each path's loudness: A dotted, 0 dBFS "
             "= %.1f dB SPL (%s); B dash-dot, %.1f dB SPL (%s). Lines below "
             "it are inaudible.",
             a, how[hp_a], b, how[hp_b]);
}

/* One legend entry: a sample, then its words; returns the next x. */
static double legend_item(cairo_t *cr, double x, double y, int path, int what,
                          const char *text)
{
  set_colour(cr, path ? COLOUR_B : COLOUR_A, 1);
  if (what == 2) { /* a line */
    set_path_line(cr, path, 1.5);
    cairo_move_to(cr, x, y);
    cairo_line_to(cr, x + 18, y);
    cairo_stroke(cr);
    cairo_set_dash(cr, NULL, 0, 0);
    x += 22;
  } else {
    draw_marker(cr, path, x + 4, y, MARKER, what == 1);
    x += 11;
  }
  set_colour(cr, COLOUR_TEXT, 0.9);
  const double w = text_width(cr, text, TEXT_SMALL - 1, false);
  draw_text(cr, text, (ui_rect){x, y - 7, w + 1, 14}, TEXT_SMALL - 1, false,
            ALIGN_LEFT);
  return x + w + 10;
}

static void draw_legend(cairo_t *cr, ui_rect panel)
{
  const double y = panel.y + 26;
  double x = panel.x + 10;
  for (int p = 0; p < 2; ++p) {
    set_colour(cr, COLOUR_TEXT, 1);
    draw_text(cr, p ? "B" : "A", (ui_rect){x, y - 7, 10, 14}, TEXT_SMALL, true,
              ALIGN_LEFT);
    x += 13;
    x = legend_item(cr, x, y, p, 0, "hum, buzz");
    x = legend_item(cr, x, y, p, 1, "RF");
    x = legend_item(cr, x, y, p, 2, "noise per ⅓ octave") + 8;
  }
}

void spectrum_draw(balun_ui *ui, cairo_t *cr)
{
  const ui_rect r = ui->layout.spectrum;
  char note[256];
  threshold_note(ui, note, sizeof(note));
  const double note_h = wrapped_height(cr, note, r.w - 16, TEXT_SMALL, false);
  const axes a = {{r.x + 44, r.y + 40, r.w - 44 - 12, r.h - 40 - 20 - note_h},
                  0,
                  FLOOR_DBFS};
  draw_axes(cr, r, &a,
            "What each path adds, dBFS of the path's full scale "
            "(what level matching plays)",
            20);
  draw_legend(cr, r);
  cairo_save(cr);
  clip_to(cr, &a);
  draw_threshold(cr, &a, listening_db_spl(ui, 0), 0);
  if (!same_loudness(ui)) draw_threshold(cr, &a, listening_db_spl(ui, 1), 1);
  for (int p = 0; p < 2; ++p) {
    set_colour(cr, p ? COLOUR_B : COLOUR_A, 0.9);
    draw_noise(ui, cr, &a, p);
    draw_hum(ui, cr, &a, p);
    draw_rf(ui, cr, &a, p);
  }
  cairo_restore(cr);
  set_colour(cr, COLOUR_HEARING, 1);
  draw_wrapped(cr, note,
               (ui_rect){r.x + 8, r.y + r.h - 4 - note_h, r.w - 16, note_h},
               TEXT_SMALL, false);
}

/* The smallest of 0.1, 0.3, 1, 3 ... dB that holds the deepest droop. */
static double span_for(double droop)
{
  static const double spans[] = {0.1, 0.3, 1, 3, 10, 30, 100};
  for (int i = 0; i < 6; ++i)
    if (spans[i] >= droop * 1.1) return spans[i];
  return spans[6];
}

void cable_plot_draw(balun_ui *ui, cairo_t *cr)
{
  const ui_rect r = ui->layout.cable_plot;
  double droop = 0;
  for (int p = 0; p < 2; ++p) /* the circuit's, solved (path_hum.h) */
    for (int i = 0; i <= CURVE_STEPS; ++i)
      droop =
          fmax(droop, fabs(path_curve_at(ui->hum[p].response_db, curve_hz(i))));
  const double span = span_for(droop);
  const axes a = {
      {r.x + 44, r.y + 24, r.w - 44 - 10, r.h - 24 - 16}, span / 2, -span};
  draw_axes(cr, r, &a, "Cable response, dB re 1 kHz", span / 2);
  cairo_save(cr);
  clip_to(cr, &a);
  for (int p = 0; p < 2; ++p) {
    set_colour(cr, p ? COLOUR_B : COLOUR_A, 1);
    set_path_line(cr, p, 2);
    for (int i = 0; i <= CURVE_STEPS; ++i) {
      const double hz = curve_hz(i);
      const double db = path_curve_at(ui->hum[p].response_db, hz);
      if (i)
        cairo_line_to(cr, ax_x(&a, hz), ax_y(&a, db));
      else
        cairo_move_to(cr, ax_x(&a, hz), ax_y(&a, db));
    }
    cairo_stroke(cr);
    cairo_set_dash(cr, NULL, 0, 0);
  }
  cairo_restore(cr);
}

void cmrr_plot_draw(balun_ui *ui, cairo_t *cr)
{
  const ui_rect r = ui->layout.cmrr_plot;
  const axes a = {{r.x + 44, r.y + 24, r.w - 44 - 10, r.h - 24 - 16}, 160, 0};
  draw_axes(cr, r, &a, "CMRR against frequency, dB", 40);
  cairo_save(cr);
  clip_to(cr, &a);
  const double mains = ax_x(&a, ui->setup.mains_hz);
  set_colour(cr, COLOUR_DIM_TEXT, 1);
  cairo_set_line_width(cr, 1);
  cairo_move_to(cr, mains, a.frame.y);
  cairo_line_to(cr, mains, a.frame.y + a.frame.h);
  cairo_stroke(cr);
  draw_text(cr, "mains", (ui_rect){mains + 3, a.frame.y + 1, 50, 13},
            TEXT_SMALL - 1, false, ALIGN_LEFT);
  for (int p = 0; p < 2; ++p) {
    const balun_interface *ifc = &ui->ifc[p];
    set_colour(cr, p ? COLOUR_B : COLOUR_A, 1);
    set_path_line(cr, p, 2);
    for (int i = 0; i <= CURVE_STEPS; ++i) {
      const double hz = curve_hz(i);
      const double db = path_curve_at(ui->hum[p].cmrr_curve_db, hz);
      if (i)
        cairo_line_to(cr, ax_x(&a, hz), ax_y(&a, db) + (p ? 1 : -1));
      else
        cairo_move_to(cr, ax_x(&a, hz), ax_y(&a, db) + (p ? 1 : -1));
    }
    cairo_stroke(cr);
    cairo_set_dash(cr, NULL, 0, 0);
    if (!ifc->balanced_receiver) {
      set_colour(cr, p ? COLOUR_B : COLOUR_A, 1);
      draw_text(
          cr, p ? "B: unbalanced, no rejection" : "A: unbalanced, no rejection",
          (ui_rect){a.frame.x + a.frame.w - 190,
                    a.frame.y + a.frame.h - 16 - 13 * p, 186, 13},
          TEXT_SMALL - 1, false, ALIGN_RIGHT);
    }
  }
  cairo_restore(cr);
}
