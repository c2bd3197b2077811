/* The state of the view: port values in, the model's view of them, and
 * what the pointer and the keys do. Drawing is delegated to the parts. */
#include "ui.h"

#include <math.h>
#include <string.h>

#include "controls.h"
#include "draw.h"
#include "listening.h"
#include "plot.h"
#include "port_io.h"
#include "readouts.h"
#include "schematic.h"

#define DOUBLE_CLICK_S 0.4

bool ui_init(balun_ui *ui, double scale, ui_write_fn write, void *host)
{
  memset(ui, 0, sizeof(*ui));
  ui->write = write;
  ui->host = host;
  ui->scale = scale > 0 ? scale : 1.0;
  port_defaults(ui->value);
  ui->hover = ui->pressed = ui->last_press = HIT_NONE;
  ui->dragging = ui->menu = ui->showing = PORT_COUNT;
  ui->last_press_time = -INFINITY;
  ui->abx = abx_new();
  ui->abx_trials = ABX_DEFAULT_TRIALS;
  ui->solver = circuit_solver_new();
  if (!ui->abx || !ui->solver) return false;
  port_update_model(ui);
  layout_compute(&ui->layout, UI_DEFAULT_WIDTH, UI_DEFAULT_HEIGHT);
  ui->dirty = true;
  return true;
}

void ui_destroy(balun_ui *ui)
{
  abx_free(ui->abx);
  ui->abx = NULL;
  circuit_solver_free(ui->solver);
  ui->solver = NULL;
}

void ui_resize(balun_ui *ui, double width, double height)
{
  layout_compute(&ui->layout, width / ui->scale, height / ui->scale);
  ui->dirty = true;
}

void ui_port_event(balun_ui *ui, balun_port port, float value)
{
  if ((unsigned)port >= PORT_COUNT) return;
  const balun_port_kind kind = balun_ports[port].kind;
  if (kind == PORT_CONTROL_IN)
    value = port_sanitize(port, value);
  else if (kind != PORT_CONTROL_OUT)
    return;
  if (ui->known[port] && ui->value[port] == value) return;
  ui->value[port] = value;
  ui->known[port] = true;
  if (kind == PORT_CONTROL_IN) {
    port_update_model(ui);
    listening_port_changed(ui, port);
  }
  ui->dirty = true;
}

/* What is under (x, y), logical pixels: what is shown there, and nothing
 * under an ABX result, which covers the controls until it is closed. */
static ui_hit pointed(const balun_ui *ui, double x, double y)
{
  if (abx_phase_of(ui->abx) == ABX_FINISHED &&
      rect_contains(ui->layout.result, x, y))
    return HIT_NONE;
  return layout_hit(&ui->layout, ui->tab, x, y);
}

void ui_tick(balun_ui *ui, double time)
{
  ui->now = time;
  if (ui->showing < PORT_COUNT && time > ui->bubble_until) {
    ui->showing = PORT_COUNT;
    ui->dirty = true;
  }
}

void ui_press(balun_ui *ui, double x, double y, int button)
{
  x /= ui->scale;
  y /= ui->scale;
  if (ui->menu < PORT_COUNT) {
    controls_menu_press(ui, x, y);
    return;
  }
  if (button != 0) return;
  const ui_hit hit = pointed(ui, x, y);
  const bool twice =
      hit == ui->last_press && ui->now - ui->last_press_time < DOUBLE_CLICK_S;
  ui->last_press = twice ? HIT_NONE : hit; /* a third click starts anew */
  ui->last_press_time = ui->now;
  ui->pressed = hit;
  if (hit >= HIT_LISTEN_A && hit < HIT_TAB)
    listening_press(ui, hit);
  else
    controls_press(ui, hit, x, y, twice);
}

void ui_release(balun_ui *ui)
{
  if (ui->dragging < PORT_COUNT) {
    ui->dragging = PORT_COUNT;
    ui->bubble_until = ui->now + 0.6;
  }
  ui->pressed = HIT_NONE;
  ui->dirty = true;
}

void ui_motion(balun_ui *ui, double x, double y, bool fine)
{
  x /= ui->scale;
  y /= ui->scale;
  if (ui->dragging < PORT_COUNT) {
    controls_drag(ui, x, y, fine);
    return;
  }
  if (ui->menu < PORT_COUNT) {
    const int item = layout_menu_item(
        &ui->layout, ui->menu, balun_ports[ui->menu].n_scale_points, x, y);
    if (item != ui->menu_hover) ui->dirty = true;
    ui->menu_hover = item;
    return;
  }
  const ui_hit hit = pointed(ui, x, y);
  if (hit != ui->hover) ui->dirty = true;
  ui->hover = hit;
}

void ui_scroll(balun_ui *ui, double x, double y, double dy, bool fine)
{
  const ui_hit hit = pointed(ui, x / ui->scale, y / ui->scale);
  if (ui->menu == PORT_COUNT && hit >= 0 && hit < (ui_hit)PORT_COUNT)
    controls_scroll(ui, hit, dy, fine);
}

void ui_key(balun_ui *ui, uint32_t key)
{
  if (key == 27 && ui->menu < PORT_COUNT) { /* Escape closes a list */
    ui->menu = PORT_COUNT;
    ui->dirty = true;
    return;
  }
  listening_key(ui, key);
}

void ui_leave(balun_ui *ui)
{
  if (ui->hover != HIT_NONE) ui->dirty = true;
  ui->hover = HIT_NONE;
}

static void draw_header(balun_ui *ui, cairo_t *cr)
{
  const ui_layout *l = &ui->layout;
  set_colour(cr, COLOUR_PANEL, 1);
  cairo_rectangle(cr, 0, 0, l->width, l->header.h);
  cairo_fill(cr);
  set_colour(cr, COLOUR_TEXT, 1);
  const double w = text_width(cr, "Balun", TEXT_TITLE + 2, true);
  draw_text(cr, "Balun", l->title, TEXT_TITLE + 2, true, ALIGN_LEFT);
  set_colour(cr, COLOUR_DIM_TEXT, 1);
  draw_text(cr, "interconnect simulator: two paths, one environment",
            (ui_rect){l->title.x + w + 12, l->title.y, l->title.w - w - 12,
                      l->title.h},
            TEXT_BODY, false, ALIGN_LEFT);
}

void ui_draw(balun_ui *ui, cairo_t *cr)
{
  cairo_save(cr);
  cairo_scale(cr, ui->scale, ui->scale);
  set_colour(cr, COLOUR_BG, 1);
  cairo_paint(cr);
  draw_header(ui, cr);
  for (int p = 0; p < 2; ++p)
    schematic_draw_card(ui, cr, p);
  readouts_draw(ui, cr);
  spectrum_draw(ui, cr);
  listening_draw(ui, cr);
  controls_draw(ui, cr); /* the panel the small plots sit in */
  cable_plot_draw(ui, cr);
  cmrr_plot_draw(ui, cr);
  listening_draw_result(ui, cr);
  controls_draw_overlay(ui, cr);
  cairo_restore(cr);
}
