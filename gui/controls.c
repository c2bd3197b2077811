/* The controls of the input ports. Names, ranges, units and scale points
 * all come from the port table (src/ports.c); this file only decides how
 * they look and how they respond: drag (Shift for fine), wheel, double-
 * click for the default, and the value with its unit while adjusting. */
#include "controls.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "draw.h"

/* Drag distance for the whole travel, logical pixels; Shift: ten times. */
#define DRAG_TRAVEL_PX 250.0
#define FINE_FACTOR    10.0
/* Wheel steps for the whole travel. */
#define WHEEL_STEPS 50.0
/* How long the value bubble stays after a wheel step, seconds. */
#define BUBBLE_S 1.2

static const char *const group_titles[GROUP_COUNT] = {
    "Cable", "Source & receiver", "Environment"};

/* ---- values ---- */

double control_position(const control_spec *c, float value)
{
  const balun_port_info *p = &balun_ports[c->port];
  double t;
  if (p->flags & PORT_LOGARITHMIC)
    t = log(value / p->minimum) / log(p->maximum / p->minimum);
  else
    t = (value - p->minimum) / (p->maximum - p->minimum);
  if (c->taper && t > 0) t = cbrt(t);
  return t < 0 ? 0 : t > 1 ? 1 : t;
}

float control_value(const control_spec *c, double t)
{
  const balun_port_info *p = &balun_ports[c->port];
  t = t < 0 ? 0 : t > 1 ? 1 : t;
  if (c->taper) t = t * t * t;
  if (p->flags & PORT_LOGARITHMIC)
    return (float)(p->minimum * pow(p->maximum / p->minimum, t));
  return (float)(p->minimum + t * (p->maximum - p->minimum));
}

int choice_index(balun_port port, float value)
{
  const balun_port_info *p = &balun_ports[port];
  int best = 0;
  for (int i = 1; i < p->n_scale_points; ++i)
    if (fabsf(value - p->scale_points[i].value) <
        fabsf(value - p->scale_points[best].value))
      best = i;
  return best;
}

/* Three significant figures, with k/M for ohms and hertz and V for
 * thousands of millivolts. */
void format_value(balun_port port, float value, char *out, size_t size)
{
  const balun_port_info *p = &balun_ports[port];
  if (p->flags & PORT_ENUMERATION) {
    snprintf(out, size, "%s", p->scale_points[choice_index(port, value)].label);
    return;
  }
  if (p->flags & PORT_TOGGLED) {
    snprintf(out, size, "%s", value >= 0.5f ? "on" : "off");
    return;
  }
  double v = value;
  const char *unit = p->unit ? p->unit : "";
  char scaled[16] = "";
  if (!strcmp(unit, "Ω") || !strcmp(unit, "Hz")) {
    const char *prefix = fabs(v) >= 1e6 ? "M" : fabs(v) >= 1e3 ? "k" : "";
    v /= *prefix == 'M' ? 1e6 : *prefix == 'k' ? 1e3 : 1.0;
    snprintf(scaled, sizeof(scaled), "%s%s", prefix, unit);
    unit = scaled;
  } else if (!strcmp(unit, "mV") && fabs(v) >= 1e3) {
    v /= 1e3;
    unit = "V";
  }
  int decimals = 0;
  if (fabs(v) > 1e-9) decimals = 2 - (int)floor(log10(fabs(v)) + 1e-9);
  decimals = decimals < 0 ? 0 : decimals > 5 ? 5 : decimals;
  snprintf(out, size, "%.*f %s", decimals, v, unit);
}

/* ---- drawing ---- */

static bool locked(const balun_ui *ui)
{
  return abx_phase_of(ui->abx) == ABX_RUNNING;
}

/* "A" and "B" badges: filled where the control applies to that path,
 * hollow and dim where it does not. */
static void draw_tags(balun_ui *ui, cairo_t *cr, balun_port port, double x,
                      double y)
{
  for (int path = 0; path < 2; ++path) {
    const bool on = control_applies(ui, port, path);
    const ui_rect t = {x + path * 16, y + 5, 14, 14};
    rounded_rect(cr, t, 3);
    set_colour(cr, path ? COLOUR_B : COLOUR_A, on ? 1 : 0.45);
    if (on) {
      cairo_fill(cr);
      set_colour(cr, COLOUR_BG, 1);
    } else {
      cairo_set_line_width(cr, 1);
      cairo_stroke(cr);
      set_colour(cr, COLOUR_DIM_TEXT, 0.8);
    }
    draw_text(cr, path ? "B" : "A", t, TEXT_SMALL - 1, true, ALIGN_CENTRE);
  }
}

static void draw_checkbox(cairo_t *cr, double x, double y, bool on)
{
  const ui_rect box = {x, y, 14, 14};
  rounded_rect(cr, box, 3);
  set_colour(cr, on ? COLOUR_FILL : COLOUR_WELL, 1);
  cairo_fill_preserve(cr);
  set_colour(cr, COLOUR_EDGE, 1);
  cairo_set_line_width(cr, 1);
  cairo_stroke(cr);
  if (on) {
    set_colour(cr, COLOUR_TEXT, 1);
    cairo_set_line_width(cr, 2);
    cairo_move_to(cr, x + 3, y + 7);
    cairo_line_to(cr, x + 6, y + 10.5);
    cairo_line_to(cr, x + 11, y + 3.5);
    cairo_stroke(cr);
  }
}

static void draw_slider(balun_ui *ui, cairo_t *cr, const control_spec *c,
                        ui_rect r, bool hot)
{
  const float v = ui->value[c->port];
  const double t = control_position(c, v);
  rounded_rect(cr, r, 4);
  set_colour(cr, COLOUR_WELL, 1);
  cairo_fill(cr);
  rounded_rect(cr, (ui_rect){r.x, r.y, fmax(r.w * t, 4), r.h}, 4);
  set_colour(cr, COLOUR_ACTIVE, 1);
  cairo_fill(cr);
  set_colour(cr, COLOUR_TEXT, 1); /* the handle: ticks clear of the text */
  const double hx = r.x + fmin(fmax(r.w * t - 1.5, 0), r.w - 3);
  cairo_rectangle(cr, hx, r.y, 3, 4);
  cairo_rectangle(cr, hx, r.y + r.h - 4, 3, 4);
  cairo_fill(cr);
  rounded_rect(cr, r, 4);
  set_colour(cr, hot ? COLOUR_TEXT : COLOUR_EDGE, hot ? 0.8 : 1);
  cairo_set_line_width(cr, 1);
  cairo_stroke(cr);
  char text[48];
  format_value(c->port, v, text, sizeof(text));
  set_colour(cr, COLOUR_TEXT, 1);
  draw_text(cr, text, rect_inset(r, 6, 0), TEXT_SMALL, false, ALIGN_CENTRE);
}

static void draw_choice(balun_ui *ui, cairo_t *cr, balun_port port, ui_rect r,
                        bool hot)
{
  const balun_port_info *p = &balun_ports[port];
  const int i = choice_index(port, ui->value[port]);
  draw_panel(cr, r, COLOUR_WELL, hot ? COLOUR_DIM_TEXT : COLOUR_EDGE);
  for (int dir = -1; dir <= 1; dir += 2) {
    const ui_rect a = choice_arrow(r, dir);
    const bool can = dir < 0 ? i > 0 : i < p->n_scale_points - 1;
    set_colour(cr, COLOUR_TEXT, can ? 0.9 : 0.25);
    draw_text(cr, dir < 0 ? "◀" : "▶", a, TEXT_SMALL - 2, false, ALIGN_CENTRE);
  }
  set_colour(cr, COLOUR_TEXT, 1); /* the paths' cards have room for more */
  draw_text(cr, p->scale_points[i].label, rect_inset(r, 22, 0),
            control_of(port)->group < 0 ? TEXT_BODY : TEXT_SMALL, false,
            ALIGN_CENTRE);
}

static void draw_segments(balun_ui *ui, cairo_t *cr, balun_port port, ui_rect r)
{
  const balun_port_info *p = &balun_ports[port];
  const int sel = choice_index(port, ui->value[port]);
  const double w = r.w / p->n_scale_points;
  for (int i = 0; i < p->n_scale_points; ++i) {
    const ui_rect s = {r.x + i * w + 1, r.y, w - 2, r.h};
    draw_panel(cr, s, i == sel ? COLOUR_ACTIVE : COLOUR_WELL, COLOUR_EDGE);
    set_colour(cr, COLOUR_TEXT, i == sel ? 1 : 0.7);
    draw_text(cr, p->scale_points[i].label, s, TEXT_SMALL, i == sel,
              ALIGN_CENTRE);
  }
}

/* A check box with its name beside it (the header and listening bar). */
static void draw_named_toggle(balun_ui *ui, cairo_t *cr, balun_port port,
                              const char *name)
{
  const ui_rect r = ui->layout.rect[port];
  draw_checkbox(cr, r.x + 2, r.y + r.h / 2 - 7, ui->value[port] >= 0.5f);
  set_colour(cr, COLOUR_TEXT, 1);
  draw_text(cr, name, (ui_rect){r.x + 22, r.y, r.w - 22, r.h}, TEXT_BODY, false,
            ALIGN_LEFT);
}

static void draw_row(balun_ui *ui, cairo_t *cr, const control_spec *c)
{
  const ui_layout *l = &ui->layout;
  const balun_port port = c->port;
  const bool applies =
      control_applies(ui, port, 0) || control_applies(ui, port, 1);
  const bool hot = ui->hover == (ui_hit)port || ui->dragging == port;
  cairo_push_group(cr);
  const ui_rect name = l->label[port];
  set_colour(cr, COLOUR_TEXT, 1);
  draw_text(cr, balun_ports[port].name,
            (ui_rect){name.x, name.y, name.w - 4, name.h}, TEXT_SMALL, false,
            ALIGN_LEFT);
  draw_tags(ui, cr, port, name.x + name.w, name.y);
  const ui_rect r = l->rect[port];
  const double cx = name.x + name.w + 34;
  switch (c->kind) {
  case CONTROL_SLIDER:
    draw_slider(ui, cr, c, r, hot);
    break;
  case CONTROL_TOGGLE:
    draw_checkbox(cr, cx, r.y + r.h / 2 - 7, ui->value[port] >= 0.5f);
    set_colour(cr, COLOUR_TEXT, 0.8);
    draw_text(cr, ui->value[port] >= 0.5f ? "on" : "off",
              (ui_rect){cx + 20, r.y, 40, r.h}, TEXT_SMALL, false, ALIGN_LEFT);
    break;
  case CONTROL_CHOICE:
    draw_choice(ui, cr, port, r, hot);
    break;
  case CONTROL_SEGMENTS:
    draw_segments(ui, cr, port, r);
    break;
  }
  cairo_pop_group_to_source(cr);
  cairo_paint_with_alpha(cr, applies && !locked(ui) ? 1 : GREYED_ALPHA);
}

void controls_draw(balun_ui *ui, cairo_t *cr)
{
  const ui_layout *l = &ui->layout;
  for (int g = 0; g < GROUP_COUNT; ++g) {
    const ui_rect t = l->group[g];
    set_colour(cr, COLOUR_TEXT, 1);
    draw_text(cr, group_titles[g], (ui_rect){t.x, t.y, t.w - 40, t.h - 4},
              TEXT_BODY, true, ALIGN_LEFT);
    set_colour(cr, COLOUR_EDGE, 1);
    cairo_rectangle(cr, t.x, t.y + t.h - 3, t.w, 1);
    cairo_fill(cr);
  }
  for (int i = 0; i < ui_n_controls; ++i)
    if (ui_controls[i].group >= 0) draw_row(ui, cr, &ui_controls[i]);
  cairo_push_group(cr); /* the controls outside the groups */
  for (int path = 0; path < 2; ++path)
    draw_choice(ui, cr, PORT_PATH_A + path, l->rect[PORT_PATH_A + path],
                ui->hover == (ui_hit)(PORT_PATH_A + path));
  draw_named_toggle(ui, cr, PORT_ENABLED, "Simulate (off: clean bypass)");
  draw_named_toggle(ui, cr, PORT_LEVEL_MATCH,
                    balun_ports[PORT_LEVEL_MATCH].name);
  cairo_pop_group_to_source(cr);
  cairo_paint_with_alpha(cr, locked(ui) ? GREYED_ALPHA : 1);
}

static void draw_menu(balun_ui *ui, cairo_t *cr)
{
  const balun_port_info *p = &balun_ports[ui->menu];
  const ui_rect m = layout_menu(&ui->layout, ui->menu, p->n_scale_points);
  draw_panel(cr, m, COLOUR_PANEL, COLOUR_DIM_TEXT);
  const int sel = choice_index(ui->menu, ui->value[ui->menu]);
  const double item_h = (m.h - 4) / p->n_scale_points;
  for (int i = 0; i < p->n_scale_points; ++i) {
    const ui_rect it = {m.x + 2, m.y + 2 + i * item_h, m.w - 4, item_h};
    if (i == ui->menu_hover || i == sel) {
      rounded_rect(cr, it, 3);
      set_colour(cr, i == ui->menu_hover ? COLOUR_ACTIVE : COLOUR_WELL, 1);
      cairo_fill(cr);
    }
    set_colour(cr, COLOUR_TEXT, 1);
    draw_text(cr, p->scale_points[i].label, rect_inset(it, 8, 0), TEXT_BODY,
              i == sel, ALIGN_LEFT);
  }
}

/* "Cable length: 12.3 m" above the control being adjusted. */
static void draw_bubble(balun_ui *ui, cairo_t *cr)
{
  const balun_port port = ui->showing;
  char value[48], text[128];
  format_value(port, ui->value[port], value, sizeof(value));
  snprintf(text, sizeof(text), "%s: %s", balun_ports[port].name, value);
  const double w = text_width(cr, text, TEXT_BODY, true) + 16;
  const ui_rect c = ui->layout.rect[port];
  double x = c.x + c.w / 2 - w / 2;
  x = fmax(4, fmin(x, ui->layout.width - w - 4));
  const ui_rect b = {x, c.y - 26, w, 22};
  draw_panel(cr, b, COLOUR_ACTIVE, COLOUR_TEXT);
  set_colour(cr, COLOUR_TEXT, 1);
  draw_text(cr, text, rect_inset(b, 8, 0), TEXT_BODY, true, ALIGN_CENTRE);
}

void controls_draw_overlay(balun_ui *ui, cairo_t *cr)
{
  if (ui->menu < PORT_COUNT) draw_menu(ui, cr);
  if (ui->showing < PORT_COUNT) draw_bubble(ui, cr);
}

/* ---- interaction ---- */

static void step_choice(balun_ui *ui, balun_port port, int step)
{
  const balun_port_info *p = &balun_ports[port];
  int i = choice_index(port, ui->value[port]) + step;
  i = i < 0 ? 0 : i >= p->n_scale_points ? p->n_scale_points - 1 : i;
  ui_set_port(ui, port, p->scale_points[i].value);
}

void controls_press(balun_ui *ui, ui_hit hit, double x, double y,
                    bool double_click)
{
  if (hit < 0 || hit >= (ui_hit)PORT_COUNT) return;
  const balun_port port = (balun_port)hit;
  const control_spec *c = control_of(port);
  if (!c || locked(ui)) return; /* settings stay put during a test */
  const balun_port_info *p = &balun_ports[port];
  const ui_rect r = ui->layout.rect[port];
  switch (c->kind) {
  case CONTROL_SLIDER:
    if (double_click) {
      ui_set_port(ui, port, p->fallback);
      ui->showing = port;
      ui->bubble_until = ui->now + BUBBLE_S;
      return;
    }
    ui->dragging = port;
    ui->drag_x = x;
    ui->drag_y = y;
    ui->drag_position = control_position(c, ui->value[port]);
    ui->showing = port;
    ui->bubble_until = INFINITY;
    break;
  case CONTROL_TOGGLE:
    ui_set_port(ui, port, ui->value[port] >= 0.5f ? 0.0f : 1.0f);
    break;
  case CONTROL_CHOICE:
    if (rect_contains(choice_arrow(r, -1), x, y))
      step_choice(ui, port, -1);
    else if (rect_contains(choice_arrow(r, +1), x, y))
      step_choice(ui, port, +1);
    else {
      ui->menu = port;
      ui->menu_hover = -1;
    }
    break;
  case CONTROL_SEGMENTS: {
    const int i = (int)((x - r.x) / (r.w / p->n_scale_points));
    if (i >= 0 && i < p->n_scale_points)
      ui_set_port(ui, port, p->scale_points[i].value);
    break;
  }
  }
  ui->dirty = true;
}

void controls_menu_press(balun_ui *ui, double x, double y)
{
  const balun_port_info *p = &balun_ports[ui->menu];
  const int i =
      layout_menu_item(&ui->layout, ui->menu, p->n_scale_points, x, y);
  if (i >= 0) ui_set_port(ui, ui->menu, p->scale_points[i].value);
  ui->menu = PORT_COUNT;
  ui->dirty = true;
}

void controls_drag(balun_ui *ui, double x, double y, bool fine)
{
  const control_spec *c = control_of(ui->dragging);
  if (!c) return;
  const double moved = (x - ui->drag_x) - (y - ui->drag_y);
  ui->drag_x = x;
  ui->drag_y = y;
  ui->drag_position += moved / (DRAG_TRAVEL_PX * (fine ? FINE_FACTOR : 1));
  ui->drag_position = fmin(fmax(ui->drag_position, 0), 1);
  const float v = control_value(c, ui->drag_position);
  if (v != ui->value[c->port]) ui_set_port(ui, c->port, v);
}

void controls_scroll(balun_ui *ui, ui_hit hit, double dy, bool fine)
{
  if (hit < 0 || hit >= (ui_hit)PORT_COUNT || locked(ui)) return;
  const control_spec *c = control_of((balun_port)hit);
  if (!c) return;
  if (c->kind == CONTROL_CHOICE || c->kind == CONTROL_SEGMENTS) {
    step_choice(ui, c->port, dy > 0 ? 1 : -1);
    return;
  }
  if (c->kind != CONTROL_SLIDER) return;
  double t = control_position(c, ui->value[c->port]);
  t += dy / (WHEEL_STEPS * (fine ? FINE_FACTOR : 1));
  ui_set_port(ui, c->port, control_value(c, t));
  ui->showing = c->port;
  ui->bubble_until = ui->now + BUBBLE_S;
}
