/* The plugin's output ports, A and B side by side, with the difference. */
#ifndef BALUN_GUI_READOUTS_H
#define BALUN_GUI_READOUTS_H

#include "state.h"

void readouts_draw(balun_ui *ui, cairo_t *cr);

#endif
