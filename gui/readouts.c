/* The readouts: the numbers the plugin reports on its output ports (not
 * recomputed here), so they show what the running DSP says. */
#include "readouts.h"

#include <math.h>
#include <stdio.h>

#include "draw.h"
#include "format.h"

#define ROW_H   15.0
#define LABEL_W 0.34

typedef struct {
  const char *name;
  balun_port a; /* B is the next port */
  const char *unit;
} readout;

static const readout rows[] = {
    {"SNR", PORT_SNR_A, "dB"},
    {"Interference", PORT_INTERFERENCE_A, "dBFS"},
    {"CMRR at mains", PORT_CMRR_A, "dB"},
    {"Cable corner (−3 dB)", PORT_CORNER_A, "Hz"},
    {"Headroom", PORT_HEADROOM_A, "dB"},
    {"Loudness, dB SPL", PORT_SPL_A, ""}, /* no room for the unit */
    {"Crosstalk (1 kHz)", PORT_CROSSTALK_A, "dB"},
};
#define N_ROWS ((int)(sizeof(rows) / sizeof(rows[0])))

/* What a port reads when there is nothing to read: no interference, no
 * headphone output (loudness 0), nothing coupling (crosstalk's floor). */
static const char *nothing(const readout *r, float v)
{
  if (r->a == PORT_INTERFERENCE_A && v <= -199.0f) return "none";
  if (r->a == PORT_SPL_A && v <= 0.0f) return "—";
  if (r->a == PORT_CROSSTALK_A && v <= -159.5f) return "none";
  return NULL;
}

static void format_readout(const readout *r, float v, char *out, size_t n)
{
  const char *empty = nothing(r, v);
  if (empty)
    snprintf(out, n, "%s", empty);
  else if (r->a == PORT_CORNER_A)
    format_value(PORT_CORNER_A, v, out, n); /* k and M for hertz */
  else if (*r->unit)
    snprintf(out, n, "%.1f %s", v, r->unit);
  else
    snprintf(out, n, "%.1f", v);
}

/* B against A: a difference in dB, a ratio for the corner; nothing where
 * either has nothing to read. */
static void format_difference(const readout *r, float a, float b, char *out,
                              size_t n)
{
  const bool interference = r->a == PORT_INTERFERENCE_A;
  if (!interference && (nothing(r, a) || nothing(r, b)))
    snprintf(out, n, "—");
  else if (r->a == PORT_CORNER_A)
    snprintf(out, n, "× %.3g", b / a);
  else
    snprintf(out, n, "%+.1f dB", b - a);
}

void readouts_draw(balun_ui *ui, cairo_t *cr)
{
  const ui_rect p = ui->layout.readouts;
  draw_panel(cr, p, COLOUR_PANEL, COLOUR_EDGE);
  const bool known = ui->known[PORT_SNR_A] && ui->known[PORT_SNR_B];
  const double x0 = p.x + 8, label_w = (p.w - 16) * LABEL_W;
  const double col_w = (p.w - 16 - label_w) / 3;
  /* The title in the labels' column, on the row of the column heads. */
  static const char *const titles[2][2] = {
      {"Readouts: waiting for the plugin", "Waiting for plugin"},
      {"Readouts (output ports)", "Readouts"}};
  set_colour(cr, known ? COLOUR_TEXT : COLOUR_DIM_TEXT, 1);
  draw_text_fitting(cr, titles[known], 2,
                    (ui_rect){x0, p.y + 2, label_w + col_w - 40, ROW_H},
                    TEXT_SMALL, true, ALIGN_LEFT);
  static const char *const heads[3] = {"A", "B", "B − A"};
  for (int c = 0; c < 3; ++c) {
    const ui_rect h = {x0 + label_w + c * col_w, p.y + 2, col_w - 6, ROW_H};
    set_colour(cr, c == 0 ? COLOUR_A : c == 1 ? COLOUR_B : COLOUR_TEXT, 1);
    if (c < 2) draw_marker(cr, c, h.x + h.w - 16, h.y + ROW_H / 2, 3, false);
    draw_text(cr, heads[c], h, TEXT_SMALL, true, ALIGN_RIGHT);
  }
  for (int i = 0; i < N_ROWS; ++i) {
    const readout *r = &rows[i];
    const double y = p.y + 2 + (i + 1) * ROW_H;
    set_colour(cr, COLOUR_TEXT, 0.9);
    draw_text(cr, r->name, (ui_rect){x0, y, label_w, ROW_H}, TEXT_SMALL, false,
              ALIGN_LEFT);
    char text[3][32] = {"—", "—", "—"};
    float v[2] = {0, 0};
    if (known) {
      v[0] = ui->value[r->a], v[1] = ui->value[r->a + 1];
      format_readout(r, v[0], text[0], sizeof(text[0]));
      format_readout(r, v[1], text[1], sizeof(text[1]));
      format_difference(r, v[0], v[1], text[2], sizeof(text[2]));
    }
    for (int c = 0; c < 3; ++c) {
      /* a negative headroom: full scale clips */
      const bool clips = known && c < 2 && r->a == PORT_HEADROOM_A && v[c] < 0;
      set_colour(cr, clips ? COLOUR_WARN : COLOUR_TEXT, 1);
      draw_text(cr, text[c],
                (ui_rect){x0 + label_w + c * col_w, y, col_w - 6, ROW_H},
                TEXT_SMALL, c == 2 || clips, ALIGN_RIGHT);
    }
  }
}
