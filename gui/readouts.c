/* The readouts: the numbers the plugin reports on its output ports (not
 * recomputed here), so they show what the running DSP says. */
#include "readouts.h"

#include <math.h>
#include <stdio.h>

#include "draw.h"
#include "format.h"

#define ROW_H   16.0
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
};

static void format_readout(const readout *r, float v, char *out, size_t n)
{
  if (r->a == PORT_CORNER_A)
    format_value(PORT_CORNER_A, v, out, n); /* k and M for hertz */
  else if (r->a == PORT_INTERFERENCE_A && v <= -199.0f)
    snprintf(out, n, "none");
  else
    snprintf(out, n, "%.1f %s", v, r->unit);
}

/* B against A: a difference in dB, a ratio for the corner. */
static void format_difference(const readout *r, float a, float b, char *out,
                              size_t n)
{
  if (r->a == PORT_CORNER_A)
    snprintf(out, n, "× %.3g", b / a);
  else
    snprintf(out, n, "%+.1f dB", b - a);
}

void readouts_draw(balun_ui *ui, cairo_t *cr)
{
  const ui_rect p = ui->layout.readouts;
  draw_panel(cr, p, COLOUR_PANEL, COLOUR_EDGE);
  const bool known = ui->known[PORT_SNR_A] && ui->known[PORT_SNR_B];
  set_colour(cr, known ? COLOUR_TEXT : COLOUR_DIM_TEXT, 1);
  draw_text(cr,
            known ? "Readouts (the plugin's output ports)"
                  : "Readouts: waiting for the plugin to run",
            (ui_rect){p.x + 8, p.y + 1, p.w - 16, 15}, TEXT_SMALL, true,
            ALIGN_LEFT);
  const double x0 = p.x + 8, label_w = (p.w - 16) * LABEL_W;
  const double col_w = (p.w - 16 - label_w) / 3;
  static const char *const heads[3] = {"A", "B", "B − A"};
  for (int c = 0; c < 3; ++c) {
    const ui_rect h = {x0 + label_w + c * col_w, p.y + 16, col_w - 6, ROW_H};
    set_colour(cr, c == 0 ? COLOUR_A : c == 1 ? COLOUR_B : COLOUR_TEXT, 1);
    if (c < 2) draw_marker(cr, c, h.x + h.w - 16, h.y + ROW_H / 2, 3, false);
    draw_text(cr, heads[c], h, TEXT_SMALL, true, ALIGN_RIGHT);
  }
  for (int i = 0; i < 4; ++i) {
    const readout *r = &rows[i];
    const double y = p.y + 16 + (i + 1) * ROW_H;
    set_colour(cr, COLOUR_TEXT, 0.9);
    draw_text(cr, r->name, (ui_rect){x0, y, label_w, ROW_H}, TEXT_SMALL, false,
              ALIGN_LEFT);
    char text[3][32] = {"—", "—", "—"};
    if (known) {
      const float a = ui->value[r->a], b = ui->value[r->a + 1];
      format_readout(r, a, text[0], sizeof(text[0]));
      format_readout(r, b, text[1], sizeof(text[1]));
      format_difference(r, a, b, text[2], sizeof(text[2]));
    }
    for (int c = 0; c < 3; ++c) {
      set_colour(cr, COLOUR_TEXT, 1);
      draw_text(cr, text[c],
                (ui_rect){x0 + label_w + c * col_w, y, col_w - 6, ROW_H},
                TEXT_SMALL, c == 2, ALIGN_RIGHT);
    }
  }
}
