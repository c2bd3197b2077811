/* A path's card: its interface selector, a schematic of source, cable and
 * receiver (hot, cold, shield, the ground loop, the adapters) and of the
 * headphone stage after it, and in plain words what is wrong: an adapter
 * that shorts an amplifier, a stage that clips, a pin-1 problem, a
 * fake-balanced input. */
#ifndef BALUN_GUI_SCHEMATIC_H
#define BALUN_GUI_SCHEMATIC_H

#include "state.h"

void schematic_draw_card(balun_ui *ui, cairo_t *cr, int path);

#endif
