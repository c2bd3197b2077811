/* A path's card and schematic: source -> cable -> receiver, the shield,
 * the safety-ground loop and what flows in it, the adapters, and the
 * headphone stage after the receiver if the path has one. The wiring is
 * the model's (interface_of, headphone_of), drawn, not described again
 * here; every number comes from the model. */
#include "schematic.h"

#include <math.h>
#include <stdio.h>

#include "clip.h"
#include "draw.h"
#include "format.h"
#include "schematic_parts.h"
#include "schematic_stage.h"

/* Row by row: the names, the ground-loop current, the chassis, the
 * safety-ground wire and its note. Inside the chassis, the shield, hot
 * and cold are spread in proportion in a tall schematic; in a short one
 * (a chassis of COMPACT_H) they are packed at its top, so that the note
 * below them keeps clear of them. */
#define COMPACT_H  53.0 /* the chassis at the minimum size */
#define ROOMY_H    170.0
#define TWO_NOTE_H 64.0 /* a chassis with room for two notes */
/* The share of the width the line keeps when a headphone stage follows. */
#define LINE_SHARE 0.62

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
  g.hot = g.top + lerp(15, 0.38 * h, t);
  g.cold = g.top + lerp(28, 0.58 * h, t);
  g.sh_bot = g.top + lerp(34, 0.72 * h, t);
  g.compact = h < TWO_NOTE_H;
  return g;
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

/* The cold conductor as the model describes it (interface_of). */
static bool cold_driven(const balun_interface *ifc)
{
  return ifc->cold_source == COLD_SOURCE_DRIVEN;
}

static bool cold_shorted(const balun_interface *ifc)
{
  return ifc->cold_receiver == COLD_RECEIVER_SHORTED;
}

static void draw_source(cairo_t *cr, const geometry *g,
                        const balun_interface *ifc)
{
  const double ax = g->src0 + 12, size = fmin(18, g->cold - g->hot);
  set_colour(cr, COLOUR_HOT, 1);
  cairo_set_line_width(cr, 1.5);
  draw_amp(cr, ax, g->hot, size);
  draw_resistor(cr, ax + size, g->src1, g->hot);
  if (cold_driven(ifc)) {
    set_colour(cr, cold_shorted(ifc) ? COLOUR_WARN : COLOUR_COLD, 1);
    draw_amp(cr, ax, g->cold, size);
    draw_resistor(cr, ax + size, g->src1, g->cold);
  } else if (ifc->cold_source == COLD_SOURCE_NONE) { /* the return: ground */
    set_colour(cr, COLOUR_SHIELD, 1);
    draw_line(cr, g->src1, g->sh_bot - 6, g->src1 - 14, g->sh_bot - 6);
    draw_ground(cr, g->src1 - 14, g->sh_bot - 6);
  }
  set_colour(cr, COLOUR_TEXT, 0.85);
  note(cr, "+", ax + 1, g->hot - 7, 10, ALIGN_LEFT);
  if (cold_driven(ifc)) note(cr, "−", ax + 1, g->cold - 7, 10, ALIGN_LEFT);
  if (ifc->cold_source == COLD_SOURCE_TO_GROUND) { /* the adapter */
    set_colour(cr, COLOUR_COLD, 1);
    draw_line(cr, g->src1, g->cold, g->src1 - 14, g->cold);
    draw_line(cr, g->src1 - 14, g->cold, g->src1 - 14, g->cold + 8);
    draw_ground(cr, g->src1 - 14, g->cold + 8);
  }
  /* Each leg's level: the receiver hears both legs, or the hot one alone
   * (ports.md: fake-balanced and cold-shorted lose 6.02 dB). */
  char level[32];
  snprintf(level, sizeof(level), "%.3g Vrms", ifc->full_scale_vrms);
  if (cold_driven(ifc))
    snprintf(level, sizeof(level), "2 × %.3g V",
             ifc->full_scale_vrms /
                 (ifc->cold_receiver == COLD_RECEIVER_RECEIVED ? 2 : 1));
  set_colour(cr, COLOUR_DIM_TEXT, 1);
  const char *const levels[1] = {level};
  note_fitting(cr, levels, 1, g->src0 + 4, g->bottom - 15,
               g->src1 - g->src0 - 8, ALIGN_LEFT);
}

static void draw_receiver(balun_ui *ui, cairo_t *cr, const geometry *g,
                          const balun_interface *ifc)
{
  const double ax = g->rcv0 + 28, size = 24, out = receiver_output_y(g, ifc);
  char label[64];
  cairo_set_line_width(cr, 1.5);
  set_colour(cr, COLOUR_HOT, 1);
  if (ifc->balanced_receiver) {
    draw_line(cr, g->rcv0, g->hot, ax, g->hot);
    set_colour(cr, COLOUR_COLD, 1);
    draw_line(cr, g->rcv0, g->cold, ax, g->cold);
    set_colour(cr, COLOUR_HOT, 1);
    if (ui->setup.receiver == RECEIVER_TRANSFORMER) { /* two windings */
      for (int k = 0; k < 4; ++k)
        cairo_arc(cr, ax + 3, g->hot + (k + 0.5) * (g->cold - g->hot) / 4,
                  (g->cold - g->hot) / 8, -UI_PI / 2, UI_PI / 2);
      cairo_stroke(cr);
      draw_line(cr, ax + 9, g->hot, ax + 9, g->cold);
      draw_line(cr, ax + 12, g->hot, ax + 12, g->cold);
      draw_line(cr, ax + 14, out, g->rcv1 - 4, out);
    } else {
      draw_amp(cr, ax, out, g->cold - g->hot + 10);
      note(cr, "+", ax + 2, g->hot - 6, 10, ALIGN_LEFT);
      note(cr, "−", ax + 2, g->cold - 5, 10, ALIGN_LEFT);
      draw_line(cr, ax + g->cold - g->hot + 10, out, g->rcv1 - 4, out);
    }
    snprintf(label, sizeof(label), "%s",
             ui->setup.receiver == RECEIVER_DIFF_AMP   ? "4 × 10 kΩ"
             : ui->setup.receiver == RECEIVER_HIGH_ZCM ? "InGenius-type"
                                                       : "transformer");
  } else { /* one input, loaded by R_in to the shield (the return) */
    draw_line(cr, g->rcv0, g->hot, ax, g->hot);
    draw_amp(cr, ax, g->hot, size);
    draw_line(cr, ax + size, g->hot, g->rcv1 - 4, g->hot);
    const double rx = g->rcv0 + 14;
    cairo_save(cr);
    cairo_translate(cr, rx, g->hot);
    cairo_rotate(cr, UI_PI / 2);
    draw_resistor(cr, 0, g->sh_bot - 6 - g->hot, 0);
    cairo_restore(cr);
    set_colour(cr, COLOUR_SHIELD, 1); /* to the shield, the return */
    draw_line(cr, g->rcv0, g->sh_bot - 6, rx, g->sh_bot - 6);
    char r_in[24];
    format_value(PORT_INPUT_IMPEDANCE, (float)ifc->load_ohm, r_in,
                 sizeof(r_in));
    snprintf(label, sizeof(label), "R in %s", r_in);
    if (ifc->cold_receiver == COLD_RECEIVER_IGNORED) { /* pin 3: nowhere */
      set_colour(cr, COLOUR_COLD, 1);
      draw_line(cr, g->rcv0 - 8, g->cold, g->rcv0 + 2, g->cold);
      cairo_arc(cr, g->rcv0 + 5, g->cold, 3, 0, 2 * UI_PI);
      cairo_stroke(cr);
    }
  }
  const double w = g->rcv1 - g->rcv0 - 8;
  char hears[2][32];
  snprintf(hears[0], sizeof(hears[0]), "hears %.3g Vrms", ifc->full_scale_vrms);
  snprintf(hears[1], sizeof(hears[1]), "%.3g Vrms", ifc->full_scale_vrms);
  const char *const labels[1] = {label}, *const heard[2] = {hears[0], hears[1]};
  set_colour(cr, COLOUR_DIM_TEXT, 1);
  note_fitting(cr, labels, 1, g->rcv0 + 4, g->bottom - 15, w, ALIGN_LEFT);
  if (!g->compact)
    note_fitting(cr, heard, 2, g->rcv0 + 4, g->bottom - 28, w, ALIGN_LEFT);
}

/* What the shield note says, long and short. */
static void shield_words(const balun_ui *ui, const balun_interface *ifc,
                         const char *words[2], bool *warn)
{
  const bool pin1 = ifc->balanced_receiver && ui->setup.pin1_problem;
  *warn = pin1 || cold_shorted(ifc);
  words[0] = "shield to chassis (pin 1)", words[1] = "shield: pin 1";
  if (!ifc->balanced_receiver)
    words[0] = "shield = signal return", words[1] = "shield = return";
  if (ifc->cold_receiver == COLD_RECEIVER_IGNORED)
    words[0] = "pin 3 not connected", words[1] = "pin 3 open";
  if (ifc->cold_source == COLD_SOURCE_TO_GROUND)
    words[0] = "cold to source ground", words[1] = "cold to ground";
  if (cold_shorted(ifc))
    words[0] = "cold shorted in the plug", words[1] = "cold shorted";
  if (pin1) words[0] = "pin 1 to signal ground", words[1] = "pin-1 problem";
}

static void draw_cable(balun_ui *ui, cairo_t *cr, const geometry *g,
                       const balun_interface *ifc)
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
  draw_line(cr, x0, g->hot, x1, g->hot);
  if (ifc->cold_source != COLD_SOURCE_NONE) {
    const bool shorted = cold_shorted(ifc);
    const bool grounded = ifc->cold_source == COLD_SOURCE_TO_GROUND;
    set_colour(cr, shorted ? COLOUR_WARN : COLOUR_COLD, 1);
    cairo_set_dash(cr, cold_dash, 2, 0);
    const double end = shorted ? x1 - 14 : x1;
    draw_line(cr, grounded ? x0 - 14 : x0, g->cold, end, g->cold);
    cairo_set_dash(cr, NULL, 0, 0);
    if (shorted) { /* the plug's short to the shield */
      draw_line(cr, end, g->cold, end, g->sh_bot);
      draw_cross(cr, end, (g->cold + g->sh_bot) / 2);
    }
  }
  set_colour(cr, COLOUR_TEXT, 0.85);
  note(cr, "hot", x0 + 4, g->hot - 14, 40, ALIGN_LEFT);
  if (ifc->cold_source != COLD_SOURCE_NONE)
    note(cr, "cold", x0 + 4, g->cold - 14, 40, ALIGN_LEFT);

  const char *what[2];
  bool warn;
  shield_words(ui, ifc, what, &warn);
  set_colour(cr, warn ? COLOUR_WARN : COLOUR_DIM_TEXT, 1);
  note_fitting(cr, what, 2, x0 + 2, g->sh_bot + 1, x1 - x0 - 4, ALIGN_CENTRE);
  if (ifc->balanced_receiver && ui->setup.pin1_problem) {
    /* the shield's current enters the amplifier's ground */
    const double size = g->cold - g->hot + 10, x = x1 + 28 + size / 2;
    cairo_set_line_width(cr, 1.5);
    draw_line(cr, x1, g->sh_bot - 4, x, g->sh_bot - 4);
    draw_line(cr, x, g->sh_bot - 4, x, (g->hot + g->cold) / 2 + size / 4);
    cairo_arc(cr, x, (g->hot + g->cold) / 2 + size / 4, 2.5, 0, 2 * UI_PI);
    cairo_fill(cr);
  }
}

/* The loop's source, at the middle of the ground line: the chassis
 * voltage behind the loop impedance (three-prong), or two-prong gear's
 * leakage current (§4, §13), a current source that nothing else in the
 * loop limits, so no impedance is drawn. Its notes, long to short. */
static void draw_loop_source(balun_ui *ui, cairo_t *cr, const geometry *g,
                             double sx, double rx, char text[3][128])
{
  const double mid = (sx + rx) / 2;
  draw_line(cr, sx, g->ground, mid - 7, g->ground);
  cairo_arc(cr, mid, g->ground, 7, 0, 2 * UI_PI);
  cairo_stroke(cr);
  if (ui->setup.two_prong) { /* a current source: an arrow in the circle */
    draw_line(cr, mid + 7, g->ground, rx, g->ground);
    draw_line(cr, mid + 3, g->ground, mid - 2, g->ground);
    draw_arrow(cr, mid - 2, g->ground, -0.8);
    char a[32];
    format_value(PORT_LEAKAGE_CURRENT, ui->value[PORT_LEAKAGE_CURRENT], a,
                 sizeof(a));
    snprintf(text[0], 128, "two-prong gear: %s leakage (Y-capacitance)", a);
    snprintf(text[1], 128, "two-prong: %s leakage", a);
    snprintf(text[2], 128, "%s leakage", a);
    return;
  }
  note(cr, "~", mid - 7, g->ground - 7, 14, ALIGN_CENTRE); /* V_g */
  draw_resistor(cr, mid + 7, rx, g->ground);
  char v[32], z[32];
  format_value(PORT_GROUND_VOLTAGE, ui->value[PORT_GROUND_VOLTAGE], v,
               sizeof(v));
  format_value(PORT_GROUND_IMPEDANCE, ui->value[PORT_GROUND_IMPEDANCE], z,
               sizeof(z));
  snprintf(text[0], 128, "safety ground: %s between chassis, %s loop", v, z);
  snprintf(text[1], 128, "ground: %s, %s loop", v, z);
  snprintf(text[2], 128, "%s, %s", v, z);
}

/* The ground loop: its source, and the current it drives through the
 * shield. */
static void draw_ground_loop(balun_ui *ui, cairo_t *cr, const geometry *g,
                             ui_rect r)
{
  const double sx = (g->src0 + g->src1) / 2, rx = (g->rcv0 + g->rcv1) / 2;
  set_colour(cr, COLOUR_SHIELD, 1);
  cairo_set_line_width(cr, 1.2);
  for (int side = 0; side < 2; ++side) {
    const double x = side ? rx : sx;
    draw_line(cr, x, g->bottom, x, g->ground);
  }
  const double mid = (sx + rx) / 2;
  char text[3][128];
  draw_loop_source(ui, cr, g, sx, rx, text);
  const char *const grounds[3] = {text[0], text[1], text[2]};
  set_colour(cr, COLOUR_DIM_TEXT, 1);
  note_fitting(cr, grounds, 3, r.x, g->ground + 7, r.w, ALIGN_CENTRE);

  /* The current in the shield at the mains fundamental. */
  const double amps = cabs(shield_current(&ui->setup, 1));
  if (!(amps > 1e-9)) return;
  set_colour(cr, COLOUR_GROUND, 1);
  cairo_set_line_width(cr, 2);
  draw_line(cr, g->src1 + 10, g->sh_top - 4, g->rcv0 - 10, g->sh_top - 4);
  draw_arrow(cr, g->rcv0 - 12, g->sh_top - 4, 1);
  draw_arrow(cr, mid - 30, g->ground - 5, -1);
  char current[32];
  format_current(amps, current, sizeof(current));
  snprintf(text[0], sizeof(text[0]), "%s current %s",
           ui->setup.two_prong ? "leakage" : "ground-loop", current);
  snprintf(text[1], sizeof(text[1]), "loop %s", current);
  const char *const currents[3] = {text[0], text[1], current};
  note_fitting(cr, currents, 3, g->src1, g->sh_top - 19, g->rcv0 - g->src1,
               ALIGN_CENTRE);
}

/* ---- what the card says under the schematic ---- */

/* A message in plain words, long and short; `severe` where it can do
 * damage. */
typedef struct {
  char text[2][256];
  bool severe;
} message;

/* What a 0 dBFS programme does to the stage that clips (§11). */
static void clip_message(const balun_ui *ui, int path, clipping_stage where,
                         message *m)
{
  const double headroom = ui->figures[path].headroom_db;
  const double thd = 100.0 * clipped_sine_thd(pow(10.0, headroom / 20.0));
  const char *stage =
      where == CLIPS_RECEIVER ? "The receiver's input" : "The amplifier";
  char percent[16];
  snprintf(percent, sizeof(percent), thd < 1 ? "%.1f %%" : "%.0f %%", thd);
  snprintf(m->text[0], sizeof(m->text[0]),
           "⚠ %s clips 0 dBFS by %.1f dB: a full-scale sine comes out %s "
           "distorted (THD).",
           stage, -headroom, percent);
  snprintf(m->text[1], sizeof(m->text[1]),
           "⚠ %s clips 0 dBFS by %.1f dB: %s THD at full scale.", stage,
           -headroom, percent);
}

/* The messages of a path, the most important first; returns how many. */
static int path_messages(const balun_ui *ui, int path, message m[4])
{
  const balun_interface *ifc = &ui->ifc[path];
  const balun_headphone *h = &ui->hp[path];
  int n = 0;
  if (headphone_cold_into_short(h)) {
    char demand[32], limit[32];
    format_current(headphone_short_current_a(h, &ui->setup), demand,
                   sizeof(demand));
    format_current(headphone_current_limit_a(), limit, sizeof(limit));
    snprintf(m[n].text[0], sizeof(m[n].text[0]),
             "⚠ This adapter shorts the player's cold amplifiers: each "
             "would have to deliver %s, and a leg gives %s at most. This can "
             "damage the player.",
             demand, limit);
    snprintf(m[n].text[1], sizeof(m[n].text[1]),
             "⚠ The adapter shorts the cold amplifiers: %s each, a leg gives "
             "%s. It can damage the player.",
             demand, limit);
    m[n++].severe = true;
  }
  if (ifc->output_into_short) {
    for (int k = 0; k < 2; ++k)
      snprintf(m[n].text[k], sizeof(m[n].text[k]), "%s",
               "⚠ This adapter shorts the cold output to ground: its "
               "amplifier drives a short (distortion, possible damage).");
    m[n++].severe = true;
  }
  const clipping_stage clips = clipping_stage_of(ui, path);
  if (clips != CLIPS_NONE) {
    clip_message(ui, path, clips, &m[n]);
    m[n++].severe = false;
  }
  const char *other = NULL;
  if (ifc->balanced_receiver && ui->setup.pin1_problem)
    other = "⚠ Pin-1 problem: shield current flows in the receiver's signal "
            "ground and bypasses its CMRR.";
  else if (ifc->cold_receiver == COLD_RECEIVER_IGNORED)
    other = "⚠ Fake-balanced input: pin 3 is ignored, so there is no "
            "common-mode rejection (CMRR 0 dB).";
  if (other) {
    for (int k = 0; k < 2; ++k)
      snprintf(m[n].text[k], sizeof(m[n].text[k]), "%s", other);
    m[n++].severe = false;
  }
  return n;
}

/* As many of the messages as fit in r, the most important first, each as
 * long as the room allows; the first always. Returns whether a severe
 * one is among them. */
static bool draw_messages(cairo_t *cr, const message *m, int n, ui_rect r)
{
  char text[1024];
  for (int count = n; count >= 1; --count)
    for (int k = 0; k < 2; ++k) {
      bool severe = false;
      size_t used = 0;
      for (int i = 0; i < count; ++i) {
        used += (size_t)snprintf(text + used, sizeof(text) - used, "%s%s",
                                 i ? " " : "", m[i].text[k]);
        severe = severe || m[i].severe;
      }
      const bool bold = severe && count == 1;
      if (wrapped_height(cr, text, r.w, TEXT_SMALL, bold) <= r.h + 0.5 ||
          (count == 1 && k == 1)) {
        set_colour(cr, COLOUR_WARN, 1);
        draw_wrapped_centred(cr, text, r, TEXT_SMALL, bold);
        return severe;
      }
    }
  return false;
}

static const char *cable_name(const balun_interface *ifc, balun_path p)
{
  if (!ifc->pair) return "coax";
  if (p == PATH_BALANCED_RCA) return "pair, 3-pin RCA";
  return ifc->star_quad ? "star-quad" : "twisted pair";
}

/* The title row: the two chassis' names and the cable between them. */
static void draw_titles(balun_ui *ui, cairo_t *cr, const geometry *g, ui_rect r,
                        int path)
{
  const balun_interface *ifc = &ui->ifc[path];
  const balun_path p = (balun_path)ui->value[PORT_PATH_A + path];
  char cable[3][96], len[24], cap[24];
  format_value(PORT_CABLE_LENGTH, ui->value[PORT_CABLE_LENGTH], len,
               sizeof(len));
  format_value(PORT_CABLE_CAPACITANCE, ui->value[PORT_CABLE_CAPACITANCE], cap,
               sizeof(cap));
  snprintf(cable[0], sizeof(cable[0]), "%s, %s, %s", cable_name(ifc, p), len,
           cap);
  snprintf(cable[1], sizeof(cable[1]), "%s, %s", cable_name(ifc, p), len);
  snprintf(cable[2], sizeof(cable[2]), "%s", len);
  static const char *const receiver[2] = {"Receiver", "Input"};
  set_colour(cr, COLOUR_TEXT, 1);
  draw_text(cr, "Source", (ui_rect){g->src0, r.y, g->src1 - g->src0, 14},
            TEXT_SMALL, true, ALIGN_LEFT);
  draw_text_fitting(cr, receiver, 2,
                    (ui_rect){g->rcv0, r.y, g->rcv1 - g->rcv0, 14}, TEXT_SMALL,
                    true, ALIGN_LEFT);
  set_colour(cr, COLOUR_DIM_TEXT, 1); /* from the end of "Source" on */
  const double cable_x =
      g->src0 + text_width(cr, "Source", TEXT_SMALL, true) + 8;
  const char *const cables[3] = {cable[0], cable[1], cable[2]};
  draw_text_fitting(cr, cables, 3,
                    (ui_rect){cable_x, r.y, g->rcv0 - 4 - cable_x, 14},
                    NOTE_SIZE, false, ALIGN_CENTRE);
}

void schematic_draw_card(balun_ui *ui, cairo_t *cr, int path)
{
  const ui_layout *l = &ui->layout;
  const balun_interface *ifc = &ui->ifc[path];
  const ui_rect c = l->card[path];
  message m[4];
  const int n = path_messages(ui, path, m);
  const bool severe = n > 0 && m[0].severe;
  draw_panel(cr, c, COLOUR_PANEL, severe ? COLOUR_WARN : COLOUR_EDGE);
  if (severe) { /* a heavier border for the adapter that can do damage */
    rounded_rect(cr, rect_inset(c, 1.5, 1.5), 5);
    cairo_set_line_width(cr, 2.5);
    cairo_stroke(cr);
  }
  /* The path's badge: its letter and its marker. */
  draw_badge(cr, path ? "B" : "A", l->badge[path], TEXT_TITLE,
             path ? COLOUR_B : COLOUR_A, COLOUR_BG);

  /* The line, then the headphone stage at its right if there is one. */
  const ui_rect r = l->schematic[path];
  const bool stage = ui->hp[path].kind != HEADPHONE_NONE;
  ui_rect line = r;
  if (stage) line.w = round(LINE_SHARE * r.w);
  const geometry g = geometry_of(line);
  draw_titles(ui, cr, &g, line, path);
  for (int side = 0; side < 2; ++side) { /* the two chassis */
    const double x0 = side ? g.rcv0 : g.src0, x1 = side ? g.rcv1 : g.src1;
    rounded_rect(cr, (ui_rect){x0, g.top, x1 - x0, g.bottom - g.top}, 4);
    set_colour(cr, COLOUR_WELL, 1);
    cairo_fill_preserve(cr);
    set_colour(cr, COLOUR_EDGE, 1);
    cairo_set_line_width(cr, 1);
    cairo_stroke(cr);
  }
  draw_ground_loop(ui, cr, &g, (ui_rect){line.x, line.y, line.w - 4, line.h});
  draw_cable(ui, cr, &g, ifc);
  draw_source(cr, &g, ifc);
  draw_receiver(ui, cr, &g, ifc);
  if (clipping_stage_of(ui, path) == CLIPS_RECEIVER)
    clip_mark(cr, g.rcv0 + 6, g.top - 15);
  if (stage)
    schematic_draw_stage(ui, cr, path,
                         (ui_rect){r.x + line.w, r.y, r.w - line.w, r.h}, &g);
  if (n > 0) draw_messages(cr, m, n, l->warning[path]);
}
