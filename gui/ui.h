/* The state of the view and what the user does to it, in logical pixels.
 * No LV2 and no Pugl here: ui_lv2.c and window.c feed it host and window
 * events, and it talks back only through the write callback (the port
 * protocol) and the `dirty` flag (redraw me). */
#ifndef BALUN_GUI_UI_H
#define BALUN_GUI_UI_H

#include "state.h"

/* Sets up `ui` at the ports' defaults; false if out of memory. */
bool ui_init(balun_ui *ui, double scale, ui_write_fn write, void *host);
void ui_destroy(balun_ui *ui);

/* The view was resized to width x height device pixels. */
void ui_resize(balun_ui *ui, double width, double height);

/* A value from the host (automation, a preset, the plugin's outputs). */
void ui_port_event(balun_ui *ui, balun_port port, float value);

/* Pointer and keys, in device pixels. `fine` when the fine-adjust
 * modifier (Shift) is held. Call ui_tick() with the time (seconds, any
 * monotonic clock) before each event: it dates double clicks and times
 * the value bubbles out. */
void ui_tick(balun_ui *ui, double time);
void ui_press(balun_ui *ui, double x, double y, int button);
void ui_release(balun_ui *ui);
void ui_motion(balun_ui *ui, double x, double y, bool fine);
void ui_scroll(balun_ui *ui, double x, double y, double dy, bool fine);
void ui_key(balun_ui *ui, uint32_t key);
void ui_leave(balun_ui *ui);

/* Draws the whole view; cr is in device pixels. */
void ui_draw(balun_ui *ui, cairo_t *cr);

#endif
