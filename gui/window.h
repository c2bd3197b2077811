/* The Pugl window the view lives in: Cairo backend, embedded in the host's
 * parent window when there is one, resizable above a minimum size. */
#ifndef BALUN_GUI_WINDOW_H
#define BALUN_GUI_WINDOW_H

#include <stdint.h>

#include "ui.h"

typedef struct balun_window balun_window;

/* Opens the window for `ui` inside `parent` (0: a top-level window). A
 * scale of 0 takes the display's (Xft.dpi); ui->scale is set to the scale
 * used. NULL if the window cannot be made. */
balun_window *window_new(uintptr_t parent, double scale, balun_ui *ui);
void window_free(balun_window *w);

/* The native window (an X11 Window), the LV2 widget. */
uintptr_t window_native(balun_window *w);

/* Handles what happened since the last call and redraws if needed;
 * never blocks. */
void window_idle(balun_window *w);

#endif
