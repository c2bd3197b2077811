/* A path's card and schematic: source -> cable -> receiver, the shield,
 * the safety-ground loop and what flows in it, and the adapters. The
 * topology is the path's definition (ports.md, "Paths"); every number
 * comes from the model. */
#include "schematic.h"

#include <math.h>
#include <stdio.h>

#include "draw.h"
#include "format.h"

#define NOTE_SIZE (TEXT_SMALL - 1)

/* Where things are in one schematic. */
typedef struct {
  double src0, src1, rcv0, rcv1; /* the two chassis, x */
  double top, bottom;            /* the chassis, y */
  double hot, cold;              /* the conductors, y */
  double sh_top, sh_bot;         /* the shield, y */
  double ground;                 /* the safety-ground wire, y */
} geometry;

/* What the path's wiring is (ports.md, "Paths"). */
typedef struct {
  bool balanced_source;    /* two output amplifiers, hot and cold */
  bool cold_shorted;       /* the plug ties cold to the shield */
  bool cold_open;          /* the receiver ignores pin 3 */
  bool cold_source_ground; /* the adapter ties cold to the source ground */
} wiring;

static wiring wiring_of(balun_path path)
{
  wiring w = {0};
  w.balanced_source = path != PATH_RCA && path != PATH_RCA_TO_BALANCED;
  w.cold_shorted = path == PATH_COLD_SHORTED;
  w.cold_open = path == PATH_XLR_FAKE_BALANCED;
  w.cold_source_ground = path == PATH_RCA_TO_BALANCED;
  return w;
}

/* Row by row: the names, the ground-loop current, the chassis, the
 * safety-ground wire and its note. Inside the chassis, the shield, hot
 * and cold are spread in proportion in a tall schematic; in a short one
 * (a chassis of COMPACT_H) they are packed at its top, so that the notes
 * below them keep clear of them. */
#define COMPACT_H 67.0 /* the chassis at the minimum size */
#define ROOMY_H   170.0

static double lerp(double a, double b, double t)
{
  return a + (b - a) * t;
}

static geometry geometry_of(ui_rect r)
{
  geometry g;
  g.src0 = r.x + 2;
  g.src1 = r.x + 0.27 * r.w;
  g.rcv0 = r.x + 0.73 * r.w;
  g.rcv1 = r.x + r.w - 2;
  g.top = r.y + 30;
  g.ground = r.y + r.h - 20;
  g.bottom = g.ground - 10;
  const double h = g.bottom - g.top;
  const double t = fmin(fmax((h - COMPACT_H) / (ROOMY_H - COMPACT_H), 0), 1);
  g.sh_top = g.top + lerp(3, 0.20 * h, t);
  g.hot = g.top + lerp(18, 0.38 * h, t);
  g.cold = g.top + lerp(32, 0.58 * h, t);
  g.sh_bot = g.top + lerp(40, 0.72 * h, t);
  return g;
}

static void line(cairo_t *cr, double x0, double y0, double x1, double y1)
{
  cairo_move_to(cr, x0, y0);
  cairo_line_to(cr, x1, y1);
  cairo_stroke(cr);
}

static void note(cairo_t *cr, const char *text, double x, double y, double w,
                 text_align align)
{
  draw_text(cr, text, (ui_rect){x, y, w, 13}, NOTE_SIZE, false, align);
}

/* An amplifier pointing right, its tip at (x + size, y). */
static void amp(cairo_t *cr, double x, double y, double size)
{
  cairo_move_to(cr, x, y - size / 2);
  cairo_line_to(cr, x + size, y);
  cairo_line_to(cr, x, y + size / 2);
  cairo_close_path(cr);
  cairo_stroke(cr);
}

static void resistor(cairo_t *cr, double x0, double x1, double y)
{
  const double mid = (x0 + x1) / 2, half = fmin(9, (x1 - x0) / 2 - 2);
  line(cr, x0, y, mid - half, y);
  cairo_rectangle(cr, mid - half, y - 3.5, 2 * half, 7);
  cairo_stroke(cr);
  line(cr, mid + half, y, x1, y);
}

static void ground_symbol(cairo_t *cr, double x, double y)
{
  for (int i = 0; i < 3; ++i)
    line(cr, x - 6 + 2 * i, y + 3 * i, x + 6 - 2 * i, y + 3 * i);
}

static void arrow(cairo_t *cr, double x, double y, double direction)
{
  cairo_move_to(cr, x + 5 * direction, y);
  cairo_line_to(cr, x - 3 * direction, y - 4);
  cairo_line_to(cr, x - 3 * direction, y + 4);
  cairo_close_path(cr);
  cairo_fill(cr);
}

static void cross(cairo_t *cr, double x, double y)
{
  line(cr, x - 5, y - 5, x + 5, y + 5);
  line(cr, x - 5, y + 5, x + 5, y - 5);
}

static void format_current(double amps, char *out, size_t size)
{
  if (amps >= 1.0)
    snprintf(out, size, "%.3g A", amps);
  else if (amps >= 1e-3)
    snprintf(out, size, "%.3g mA", amps * 1e3);
  else
    snprintf(out, size, "%.3g µA", amps * 1e6);
}

static void draw_source(cairo_t *cr, const geometry *g,
                        const balun_interface *ifc, wiring w)
{
  const double ax = g->src0 + 12, size = 18;
  set_colour(cr, COLOUR_HOT, 1);
  cairo_set_line_width(cr, 1.5);
  amp(cr, ax, g->hot, size);
  resistor(cr, ax + size, g->src1, g->hot);
  if (w.balanced_source) {
    set_colour(cr, w.cold_shorted ? COLOUR_WARN : COLOUR_COLD, 1);
    amp(cr, ax, g->cold, size);
    resistor(cr, ax + size, g->src1, g->cold);
  } else if (!w.cold_source_ground) { /* the return: ground, the shield */
    set_colour(cr, COLOUR_SHIELD, 1);
    line(cr, g->src1, g->sh_bot - 6, g->src1 - 14, g->sh_bot - 6);
    ground_symbol(cr, g->src1 - 14, g->sh_bot - 6);
  }
  set_colour(cr, COLOUR_TEXT, 0.85);
  note(cr, "+", ax + 1, g->hot - 7, 10, ALIGN_LEFT);
  if (w.balanced_source) note(cr, "−", ax + 1, g->cold - 7, 10, ALIGN_LEFT);
  if (w.cold_source_ground) { /* the adapter at the source end */
    set_colour(cr, COLOUR_COLD, 1);
    line(cr, g->src1, g->cold, g->src1 - 14, g->cold);
    line(cr, g->src1 - 14, g->cold, g->src1 - 14, g->cold + 8);
    ground_symbol(cr, g->src1 - 14, g->cold + 8);
  }
  /* Each leg's level: the receiver hears both legs, or the hot one alone
   * (ports.md: fake-balanced and cold-shorted lose 6.02 dB). */
  char level[32];
  snprintf(level, sizeof(level), "%.3g Vrms", ifc->full_scale_vrms);
  if (w.balanced_source)
    snprintf(level, sizeof(level), "2 × %.3g V",
             ifc->full_scale_vrms / (w.cold_shorted || w.cold_open ? 1 : 2));
  set_colour(cr, COLOUR_DIM_TEXT, 1);
  note(cr, level, g->src0 + 4, g->bottom - 15, g->src1 - g->src0 - 8,
       ALIGN_LEFT);
}

static void draw_receiver(balun_ui *ui, cairo_t *cr, const geometry *g,
                          const balun_interface *ifc, wiring w)
{
  const double ax = g->rcv0 + 28, size = 24;
  char label[64];
  cairo_set_line_width(cr, 1.5);
  set_colour(cr, COLOUR_HOT, 1);
  if (ifc->balanced_receiver) {
    const double mid = (g->hot + g->cold) / 2;
    line(cr, g->rcv0, g->hot, ax, g->hot);
    set_colour(cr, COLOUR_COLD, 1);
    line(cr, g->rcv0, g->cold, ax, g->cold);
    set_colour(cr, COLOUR_HOT, 1);
    if (ui->setup.receiver == RECEIVER_TRANSFORMER) { /* two windings */
      for (int k = 0; k < 4; ++k)
        cairo_arc(cr, ax + 3, g->hot + (k + 0.5) * (g->cold - g->hot) / 4,
                  (g->cold - g->hot) / 8, -UI_PI / 2, UI_PI / 2);
      cairo_stroke(cr);
      line(cr, ax + 9, g->hot, ax + 9, g->cold);
      line(cr, ax + 12, g->hot, ax + 12, g->cold);
      line(cr, ax + 14, mid, g->rcv1 - 4, mid);
    } else {
      amp(cr, ax, mid, g->cold - g->hot + 10);
      note(cr, "+", ax + 2, g->hot - 6, 10, ALIGN_LEFT);
      note(cr, "−", ax + 2, g->cold - 7, 10, ALIGN_LEFT);
      line(cr, ax + g->cold - g->hot + 10, mid, g->rcv1 - 4, mid);
    }
    snprintf(label, sizeof(label), "%s",
             ui->setup.receiver == RECEIVER_DIFF_AMP   ? "4 × 10 kΩ"
             : ui->setup.receiver == RECEIVER_HIGH_ZCM ? "InGenius-type"
                                                       : "transformer");
  } else { /* one input, loaded by R_in to the shield (the return) */
    line(cr, g->rcv0, g->hot, ax, g->hot);
    amp(cr, ax, g->hot, size);
    line(cr, ax + size, g->hot, g->rcv1 - 4, g->hot);
    const double rx = g->rcv0 + 14;
    cairo_save(cr);
    cairo_translate(cr, rx, g->hot);
    cairo_rotate(cr, UI_PI / 2);
    resistor(cr, 0, g->sh_bot - 6 - g->hot, 0);
    cairo_restore(cr);
    set_colour(cr, COLOUR_SHIELD, 1); /* to the shield, the return */
    line(cr, g->rcv0, g->sh_bot - 6, rx, g->sh_bot - 6);
    char r_in[24];
    format_value(PORT_INPUT_IMPEDANCE, (float)ifc->load_ohm, r_in,
                 sizeof(r_in));
    snprintf(label, sizeof(label), "R in %s", r_in);
    if (w.cold_open) { /* pin 3 goes nowhere */
      set_colour(cr, COLOUR_COLD, 1);
      line(cr, g->rcv0 - 8, g->cold, g->rcv0 + 2, g->cold);
      cairo_arc(cr, g->rcv0 + 5, g->cold, 3, 0, 2 * UI_PI);
      cairo_stroke(cr);
    }
  }
  set_colour(cr, COLOUR_DIM_TEXT, 1);
  note(cr, label, g->rcv0 + 4, g->bottom - 15, g->rcv1 - g->rcv0 - 8,
       ALIGN_LEFT);
  snprintf(label, sizeof(label), "hears %.3g Vrms", ifc->full_scale_vrms);
  note(cr, label, g->rcv0 + 4, g->bottom - 28, g->rcv1 - g->rcv0 - 8,
       ALIGN_LEFT);
}

static void draw_cable(balun_ui *ui, cairo_t *cr, const geometry *g,
                       const balun_interface *ifc, wiring w)
{
  static const double cold_dash[2] = {5, 3};
  const double x0 = g->src1, x1 = g->rcv0;
  /* The shield: a tube bonded to both chassis (pin 1, or the sleeve). */
  set_colour(cr, COLOUR_SHIELD, 1);
  cairo_set_line_width(cr, 1.5);
  cairo_set_dash(cr, cold_dash, 2, 0);
  rounded_rect(cr, (ui_rect){x0, g->sh_top, x1 - x0, g->sh_bot - g->sh_top}, 8);
  cairo_stroke(cr);
  cairo_set_dash(cr, NULL, 0, 0);
  /* Hot, solid; cold, dashed. */
  set_colour(cr, COLOUR_HOT, 1);
  cairo_set_line_width(cr, 2);
  line(cr, x0, g->hot, x1, g->hot);
  if (ifc->pair) {
    set_colour(cr, w.cold_shorted ? COLOUR_WARN : COLOUR_COLD, 1);
    cairo_set_dash(cr, cold_dash, 2, 0);
    const double end = w.cold_shorted ? x1 - 14 : x1;
    line(cr, w.cold_source_ground ? x0 - 14 : x0, g->cold, end, g->cold);
    cairo_set_dash(cr, NULL, 0, 0);
    if (w.cold_shorted) { /* the plug's short to the shield */
      line(cr, end, g->cold, end, g->sh_bot);
      cross(cr, end, (g->cold + g->sh_bot) / 2);
    }
  }
  set_colour(cr, COLOUR_TEXT, 0.85);
  note(cr, "hot", x0 + 4, g->hot - 14, 40, ALIGN_LEFT);
  if (ifc->pair) note(cr, "cold", x0 + 4, g->cold - 14, 40, ALIGN_LEFT);

  const char *what = "shield to chassis (pin 1)";
  if (!ifc->balanced_receiver) what = "shield = signal return";
  if (w.cold_open) what = "pin 3 not connected";
  if (w.cold_source_ground) what = "cold to source ground";
  if (w.cold_shorted) what = "cold shorted in the plug";
  const bool pin1 = ifc->balanced_receiver && ui->setup.pin1_problem;
  if (pin1) what = "pin 1 to signal ground";
  set_colour(cr, pin1 || w.cold_shorted ? COLOUR_WARN : COLOUR_DIM_TEXT, 1);
  note(cr, what, x0 + 2, g->sh_bot + 1, x1 - x0 - 4, ALIGN_CENTRE);
  if (pin1) { /* the shield's current enters the amplifier's ground */
    const double size = g->cold - g->hot + 10, x = x1 + 28 + size / 2;
    cairo_set_line_width(cr, 1.5);
    line(cr, x1, g->sh_bot - 4, x, g->sh_bot - 4);
    line(cr, x, g->sh_bot - 4, x, (g->hot + g->cold) / 2 + size / 4);
    cairo_arc(cr, x, (g->hot + g->cold) / 2 + size / 4, 2.5, 0, 2 * UI_PI);
    cairo_fill(cr);
  }
}

/* The safety-ground loop: the chassis voltage and the loop impedance, and
 * the current they drive through the shield. */
static void draw_ground_loop(balun_ui *ui, cairo_t *cr, const geometry *g,
                             ui_rect r)
{
  const double sx = (g->src0 + g->src1) / 2, rx = (g->rcv0 + g->rcv1) / 2;
  set_colour(cr, COLOUR_SHIELD, 1);
  cairo_set_line_width(cr, 1.2);
  for (int side = 0; side < 2; ++side) {
    const double x = side ? rx : sx;
    line(cr, x, g->bottom, x, g->ground);
  }
  const double mid = (sx + rx) / 2;
  line(cr, sx, g->ground, mid - 7, g->ground);
  cairo_arc(cr, mid, g->ground, 7, 0, 2 * UI_PI); /* V_g */
  cairo_stroke(cr);
  note(cr, "~", mid - 7, g->ground - 7, 14, ALIGN_CENTRE);
  resistor(cr, mid + 7, rx, g->ground);

  char v[32], z[32], text[128];
  format_value(PORT_GROUND_VOLTAGE, ui->value[PORT_GROUND_VOLTAGE], v,
               sizeof(v));
  format_value(PORT_GROUND_IMPEDANCE, ui->value[PORT_GROUND_IMPEDANCE], z,
               sizeof(z));
  snprintf(text, sizeof(text), "safety ground: %s between chassis, %s loop", v,
           z);
  set_colour(cr, COLOUR_DIM_TEXT, 1);
  note(cr, text, r.x, g->ground + 7, r.w, ALIGN_CENTRE);

  /* The current in the shield at the mains fundamental. */
  const double amps = cabs(shield_current(&ui->setup, 1));
  if (!(amps > 1e-9)) return;
  set_colour(cr, COLOUR_GROUND, 1);
  cairo_set_line_width(cr, 2);
  line(cr, g->src1 + 10, g->sh_top - 4, g->rcv0 - 10, g->sh_top - 4);
  arrow(cr, g->rcv0 - 12, g->sh_top - 4, 1);
  arrow(cr, mid - 30, g->ground - 5, -1);
  char current[32];
  format_current(amps, current, sizeof(current));
  snprintf(text, sizeof(text), "ground-loop current %s", current);
  note(cr, text, g->src1, g->sh_top - 19, g->rcv0 - g->src1, ALIGN_CENTRE);
}

const char *path_warning(const balun_ui *ui, int path)
{
  const balun_interface *ifc = &ui->ifc[path];
  const balun_path p = (balun_path)ui->value[PORT_PATH_A + path];
  if (ifc->output_into_short)
    return "⚠ This adapter shorts the cold output to ground: its "
           "amplifier drives a short (distortion, possible damage).";
  if (ifc->balanced_receiver && ui->setup.pin1_problem)
    return "⚠ Pin-1 problem: shield current flows in the receiver's signal "
           "ground and bypasses its CMRR.";
  if (p == PATH_XLR_FAKE_BALANCED)
    return "⚠ Fake-balanced input: pin 3 is ignored, so there is no "
           "common-mode rejection (CMRR 0 dB).";
  return NULL;
}

static const char *cable_name(const balun_interface *ifc, balun_path p)
{
  if (!ifc->pair) return "coax";
  if (p == PATH_BALANCED_RCA) return "pair, 3-pin RCA";
  return ifc->star_quad ? "star-quad" : "twisted pair";
}

void schematic_draw_card(balun_ui *ui, cairo_t *cr, int path)
{
  const ui_layout *l = &ui->layout;
  const balun_interface *ifc = &ui->ifc[path];
  const balun_path p = (balun_path)ui->value[PORT_PATH_A + path];
  const char *warning = path_warning(ui, path);
  const bool severe = ifc->output_into_short;
  const ui_rect c = l->card[path];
  draw_panel(cr, c, COLOUR_PANEL, severe ? COLOUR_WARN : COLOUR_EDGE);
  if (severe) { /* a heavier border for the adapter that can do damage */
    rounded_rect(cr, rect_inset(c, 1.5, 1.5), 5);
    cairo_set_line_width(cr, 2.5);
    cairo_stroke(cr);
  }
  /* The path's badge: its letter and its marker. */
  const ui_rect badge = l->badge[path];
  rounded_rect(cr, badge, 4);
  set_colour(cr, path ? COLOUR_B : COLOUR_A, 1);
  cairo_fill(cr);
  set_colour(cr, COLOUR_BG, 1);
  draw_text(cr, path ? "B" : "A", badge, TEXT_TITLE, true, ALIGN_CENTRE);

  const ui_rect r = l->schematic[path];
  const geometry g = geometry_of(r);
  const wiring w = wiring_of(p);
  char cable[96], len[24], cap[24];
  format_value(PORT_CABLE_LENGTH, ui->value[PORT_CABLE_LENGTH], len,
               sizeof(len));
  format_value(PORT_CABLE_CAPACITANCE, ui->value[PORT_CABLE_CAPACITANCE], cap,
               sizeof(cap));
  snprintf(cable, sizeof(cable), "%s, %s, %s", cable_name(ifc, p), len, cap);
  set_colour(cr, COLOUR_TEXT, 1);
  draw_text(cr, "Source", (ui_rect){g.src0, r.y, g.src1 - g.src0, 14},
            TEXT_SMALL, true, ALIGN_LEFT);
  draw_text(cr, "Receiver", (ui_rect){g.rcv0, r.y, g.rcv1 - g.rcv0, 14},
            TEXT_SMALL, true, ALIGN_LEFT);
  set_colour(cr, COLOUR_DIM_TEXT, 1); /* from the end of "Source" on */
  const double cable_x =
      g.src0 + text_width(cr, "Source", TEXT_SMALL, true) + 8;
  draw_text(cr, cable, (ui_rect){cable_x, r.y, g.rcv0 - 4 - cable_x, 14},
            NOTE_SIZE, false, ALIGN_CENTRE);
  for (int side = 0; side < 2; ++side) { /* the two chassis */
    const double x0 = side ? g.rcv0 : g.src0, x1 = side ? g.rcv1 : g.src1;
    rounded_rect(cr, (ui_rect){x0, g.top, x1 - x0, g.bottom - g.top}, 4);
    set_colour(cr, COLOUR_WELL, 1);
    cairo_fill_preserve(cr);
    set_colour(cr, COLOUR_EDGE, 1);
    cairo_set_line_width(cr, 1);
    cairo_stroke(cr);
  }
  draw_ground_loop(ui, cr, &g, r);
  draw_cable(ui, cr, &g, ifc, w);
  draw_source(cr, &g, ifc, w);
  draw_receiver(ui, cr, &g, ifc, w);
  if (warning) {
    set_colour(cr, COLOUR_WARN, 1);
    draw_wrapped_centred(cr, warning, l->warning[path], TEXT_SMALL, severe);
  }
}
