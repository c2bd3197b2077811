#include "schematic_stage.h"

#include <math.h>
#include <stdio.h>

#include "draw.h"
#include "format.h"

/* Where the stage's parts are: the amplifier's box, its legs, the
 * drivers and the return, in the part of the schematic right of the
 * receiver. */
typedef struct {
  double box0, box1;      /* the amplifier's box, x */
  double amp_x, amp_size; /* the amplifiers' inputs, x, and their size */
  double driver;          /* the drivers' terminals, x */
  double junction;        /* where a shared return gathers, x */
  double hot[2], leg;     /* each channel's hot leg, y; the second leg below */
  double shared;          /* the shared return, y */
} stage_geometry;

/* The stage fills the chassis' height up to STAGE_MAX_H, centred in a
 * taller one (drivers stay drivers' shape). */
#define STAGE_MAX_H 120.0

static stage_geometry stage_geometry_of(ui_rect part, const geometry *g)
{
  const double x0 = part.x + 8, x1 = part.x + part.w - 2;
  const double h = fmin(g->bottom - g->top, STAGE_MAX_H);
  const double y0 = (g->top + g->bottom - h) / 2;
  stage_geometry s;
  s.box0 = x0;
  s.box1 = x0 + 0.52 * (x1 - x0);
  s.amp_size = fmin(0.19 * h, 12);
  s.amp_x = s.box0 + 8;
  s.driver = x1 - 22;
  s.junction = s.driver - 6;
  s.hot[0] = y0 + 0.14 * h;
  s.hot[1] = y0 + 0.52 * h;
  s.leg = 0.2 * h;
  s.shared = y0 + 0.88 * h;
  return s;
}

/* Whether a channel has a second amplifier leg: bridged, in antiphase;
 * the adapter's, into its short. */
static bool second_leg(const balun_headphone *h)
{
  return h->drive > 1.5 || headphone_cold_into_short(h);
}

/* One channel: its amplifier legs, output impedance and cable to its
 * driver; the second leg (bridged: in antiphase; the adapter: into its
 * short), and the driver's return when it is its own. */
static void draw_channel(cairo_t *cr, const stage_geometry *s,
                         const balun_headphone *h, int c)
{
  static const double cold_dash[2] = {5, 3};
  const double y = s->hot[c], y2 = y + s->leg, tip = s->amp_x + s->amp_size;
  const bool second = second_leg(h);
  for (int leg = 0; leg < 1 + second; ++leg) {
    const double ly = leg ? y2 : y;
    set_colour(cr,
               !leg                           ? COLOUR_HOT
               : headphone_cold_into_short(h) ? COLOUR_WARN
                                              : COLOUR_COLD,
               1);
    cairo_set_line_width(cr, 1.3);
    draw_line(cr, s->box0 + 4, ly, s->amp_x, ly);
    draw_amp(cr, s->amp_x, ly, s->amp_size);
    draw_resistor(cr, tip, s->box1, ly); /* Z_out */
    cairo_set_line_width(cr, 2);
    if (leg && headphone_cold_into_short(h)) { /* to the adapter's short */
      draw_line(cr, s->box1, ly, s->box1 + 6, ly);
      draw_dot(cr, s->box1 + 6, ly);
      continue;
    }
    if (leg) cairo_set_dash(cr, cold_dash, 2, 0);
    draw_line(cr, s->box1, ly, s->driver, ly);
    cairo_set_dash(cr, NULL, 0, 0);
  }
  set_colour(cr, COLOUR_HOT, 1);
  cairo_set_line_width(cr, 1.3);
  draw_driver(cr, s->driver, y, s->leg);
  if (h->shared_ohm > 0) { /* into the shared return */
    set_colour(cr, COLOUR_SHIELD, 1);
    cairo_set_line_width(cr, 2);
    draw_line(cr, s->driver, y2, s->junction, y2);
    draw_line(cr, s->junction, y2, s->junction, s->shared);
    if (c) draw_dot(cr, s->junction, y2); /* where the returns join */
  }
  set_colour(cr, COLOUR_TEXT, 0.85);
  note(cr, c ? "R" : "L", s->driver + 12, y + s->leg / 2 - 6.5, 10, ALIGN_LEFT);
}

/* The shared return: one wire from both drivers through R_ret to the
 * amplifier's ground; with the adapter, the cold legs' short on it. */
static void draw_shared_return(cairo_t *cr, const stage_geometry *s,
                               const balun_headphone *h)
{
  set_colour(cr, COLOUR_SHIELD, 1);
  cairo_set_line_width(cr, 2);
  draw_resistor(cr, s->box1 + 10, s->junction, s->shared);
  draw_line(cr, s->box1 - 8, s->shared, s->box1 + 10, s->shared);
  cairo_set_line_width(cr, 1.3);
  draw_ground(cr, s->box1 - 8, s->shared);
  if (!headphone_cold_into_short(h)) return;
  const double x = s->box1 + 6, y0 = s->hot[0] + s->leg;
  set_colour(cr, COLOUR_WARN, 1);
  cairo_set_line_width(cr, 2);
  draw_line(cr, x, y0, x, s->shared);
  draw_dot(cr, x, s->shared);
  cairo_set_line_width(cr, 1.3);
  draw_cross(cr, x, (s->hot[1] + s->leg + s->shared) / 2);
}

/* The words around the stage: what it is, the amplifier, the load and the
 * return, each as long as its room allows. */
static void draw_stage_notes(balun_ui *ui, cairo_t *cr, ui_rect part,
                             const geometry *g, const balun_headphone *h,
                             bool clips)
{
  static const char *const kinds[HEADPHONE_COUNT][3] = {
      [HEADPHONE_SE] = {"Single-ended 3-pole", "SE 3-pole", "SE"},
      [HEADPHONE_BRIDGED] = {"Balanced 4-pole", "Bridged", "BTL"},
      [HEADPHONE_ADAPTER] = {"SE plug, shorting adapter", "SE via adapter",
                             "Adapter"}};
  static const char *const loads[LOAD_COUNT] = {"dynamic", "planar", "BA IEM"};
  const double x = part.x + 8, w = part.x + part.w - x;
  char z[24], swing[24], volume[24], zout[24], sens[24], ret[24];
  format_value(PORT_HEADPHONE_IMPEDANCE, ui->value[PORT_HEADPHONE_IMPEDANCE], z,
               sizeof(z));
  format_value(PORT_AMP_MAX_VOLTAGE, ui->value[PORT_AMP_MAX_VOLTAGE], swing,
               sizeof(swing));
  format_value(PORT_HEADPHONE_VOLUME, ui->value[PORT_HEADPHONE_VOLUME], volume,
               sizeof(volume));
  format_value(PORT_AMP_OUTPUT_IMPEDANCE, ui->value[PORT_AMP_OUTPUT_IMPEDANCE],
               zout, sizeof(zout));
  format_value(PORT_HEADPHONE_SENSITIVITY,
               ui->value[PORT_HEADPHONE_SENSITIVITY], sens, sizeof(sens));
  format_value(PORT_RETURN_RESISTANCE, ui->value[PORT_RETURN_RESISTANCE], ret,
               sizeof(ret));
  char text[4][96];
  set_colour(cr, COLOUR_TEXT, 1);
  draw_text_fitting(cr, kinds[h->kind], 3, (ui_rect){x, part.y, w, 14},
                    TEXT_SMALL, true, ALIGN_LEFT);

  const double ax = clips ? x + CLIP_MARK_W : x; /* the amplifier's row */
  if (clips) clip_mark(cr, x, g->top - 15);
  snprintf(text[0], sizeof(text[0]), "%s out, %s/leg, vol %s", zout, swing,
           volume);
  snprintf(text[1], sizeof(text[1]), "%s/leg, vol %s", swing, volume);
  snprintf(text[2], sizeof(text[2]), "vol %s", volume);
  const char *const amp[3] = {text[0], text[1], text[2]};
  set_colour(cr, COLOUR_DIM_TEXT, 1);
  note_fitting(cr, amp, 3, ax, g->top - 15, x + w - ax, ALIGN_LEFT);

  const char *type =
      choice_label(PORT_HEADPHONE_LOAD, (float)ui->setup.hp_load);
  snprintf(text[0], sizeof(text[0]), "%s, %s, %s", type, z, sens);
  snprintf(text[1], sizeof(text[1]), "%s, %s", type, z);
  snprintf(text[2], sizeof(text[2]), "%s, %s", loads[ui->setup.hp_load], z);
  snprintf(text[3], sizeof(text[3]), "%s", z);
  const char *const load[4] = {text[0], text[1], text[2], text[3]};
  note_fitting(cr, load, 4, x, g->bottom + 1, w, ALIGN_LEFT);

  snprintf(text[0], sizeof(text[0]), "one shared return %s", ret);
  snprintf(text[1], sizeof(text[1]), "shared return %s", ret);
  snprintf(text[2], sizeof(text[2]), "return %s", ret);
  const char *const shared[3] = {text[0], text[1], text[2]};
  static const char *const separate[2] = {"separate returns", "own returns"};
  static const char *const shorted[3] = {"cold amplifiers shorted",
                                         "cold amps shorted", "shorted"};
  if (headphone_cold_into_short(h)) {
    set_colour(cr, COLOUR_WARN, 1);
    note_fitting(cr, shorted, 3, x, g->ground + 7, w, ALIGN_LEFT);
  } else if (h->shared_ohm > 0) {
    note_fitting(cr, shared, 3, x, g->ground + 7, w, ALIGN_LEFT);
  } else {
    note_fitting(cr, separate, 2, x, g->ground + 7, w, ALIGN_LEFT);
  }
}

void schematic_draw_stage(balun_ui *ui, cairo_t *cr, int path, ui_rect part,
                          const geometry *g)
{
  const balun_headphone *h = &ui->hp[path];
  const stage_geometry s = stage_geometry_of(part, g);
  /* The amplifier's box, fed by the receiver's output. */
  rounded_rect(
      cr, (ui_rect){s.box0, g->top, s.box1 - s.box0, g->bottom - g->top}, 4);
  set_colour(cr, COLOUR_WELL, 1);
  cairo_fill_preserve(cr);
  set_colour(cr, COLOUR_EDGE, 1);
  cairo_set_line_width(cr, 1);
  cairo_stroke(cr);
  const double in = receiver_output_y(g, &ui->ifc[path]);
  const bool second = second_leg(h);
  const double last = s.hot[1] + (second ? s.leg : 0);
  set_colour(cr, COLOUR_HOT, 1);
  cairo_set_line_width(cr, 1.3);
  draw_line(cr, g->rcv1 - 4, in, s.box0 + 4, in);
  draw_line(cr, s.box0 + 4, fmin(in, s.hot[0]), s.box0 + 4, fmax(in, last));
  for (int c = 0; c < 2; ++c)
    draw_channel(cr, &s, h, c);
  if (h->shared_ohm > 0) draw_shared_return(cr, &s, h);
  draw_stage_notes(ui, cr, part, g, h,
                   clipping_stage_of(ui, path) == CLIPS_AMPLIFIER);
}
