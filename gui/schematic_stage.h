/* The headphone stage in a path's schematic (headphone_of, physics.md
 * §12): the amplifier's legs (one per channel, two in antiphase bridged,
 * the adapter's cold legs into their short), the output impedance, the
 * drivers and the return, shared or each its own. */
#ifndef BALUN_GUI_SCHEMATIC_STAGE_H
#define BALUN_GUI_SCHEMATIC_STAGE_H

#include "schematic_parts.h"

/* In `part`, right of the receiver of the line drawn at `g`. */
void schematic_draw_stage(balun_ui *ui, cairo_t *cr, int path, ui_rect part,
                          const geometry *g);

#endif
