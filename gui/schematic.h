/* A path's card: its interface selector, a schematic of source, cable and
 * receiver (hot, cold, shield, the ground loop, the adapters), and a
 * warning where the wiring is wrong. */
#ifndef BALUN_GUI_SCHEMATIC_H
#define BALUN_GUI_SCHEMATIC_H

#include "state.h"

void schematic_draw_card(balun_ui *ui, cairo_t *cr, int path);

/* The warning for a path, or NULL: the cold-shorting adapter first. */
const char *path_warning(const balun_ui *ui, int path);

#endif
