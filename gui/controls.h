/* The controls of the input ports: sliders, check boxes, choices and
 * segmented buttons, all read from the port table (names, ranges, units,
 * scale points). */
#ifndef BALUN_GUI_CONTROLS_H
#define BALUN_GUI_CONTROLS_H

#include "state.h"

/* A slider's travel, 0..1, for a value: logarithmic for pprops:logarithmic
 * ports, cubic for tapered ones, linear otherwise. */
double control_position(const control_spec *c, float value);
float control_value(const control_spec *c, double position);

void controls_draw(balun_ui *ui, cairo_t *cr);
/* What floats above everything: the open list and the value bubble. */
void controls_draw_overlay(balun_ui *ui, cairo_t *cr);

/* A press on a control or a tab; double_click resets a slider to its
 * default. */
void controls_press(balun_ui *ui, ui_hit hit, double x, double y,
                    bool double_click);
/* A press while a list is open: picks an item or closes the list. */
void controls_menu_press(balun_ui *ui, double x, double y);
void controls_drag(balun_ui *ui, double x, double y, bool fine);
void controls_scroll(balun_ui *ui, ui_hit hit, double dy, bool fine);

#endif
