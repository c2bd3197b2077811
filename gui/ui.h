/* The state of the view and what the user does to it, in logical pixels.
 * No LV2 and no Pugl here: ui_lv2.c and window.c feed it host and window
 * events, and it talks back only through the write callback (the port
 * protocol) and the `dirty` flag (redraw me). */
#ifndef BALUN_GUI_UI_H
#define BALUN_GUI_UI_H

#include <cairo.h>
#include <stdbool.h>
#include <stdint.h>

#include "abx.h"
#include "layout.h"
#include "model.h"

typedef void (*ui_write_fn)(void *host, balun_port port, float value);

/* What the listener picked in an ABX test (the listen port itself would
 * give X away, so it is not what the buttons show during a test). */
typedef enum { PICK_A, PICK_B, PICK_X } abx_pick;

typedef struct balun_ui {
  ui_write_fn write;
  void *host;
  double scale; /* device pixels per logical pixel */
  ui_layout layout;
  bool dirty;
  double now; /* seconds, the time of the last event */

  /* Every port's last value: inputs as sent or received, outputs as the
   * host reported them (`known` once reported). */
  float value[PORT_COUNT];
  bool known[PORT_COUNT];
  /* The model, for the values above: what the plots and the schematic
   * draw. */
  balun_setup setup;
  balun_interface ifc[2];
  balun_figures figures[2];

  /* Pointer state. */
  ui_hit hover, pressed;
  balun_port dragging; /* PORT_COUNT when none */
  double drag_x, drag_y, drag_position;
  double last_press_time;
  ui_hit last_press;
  balun_port menu; /* the open drop-down list, or PORT_COUNT */
  int menu_hover;
  balun_port showing; /* a control whose value bubble is up */
  double bubble_until;

  /* The blind test. */
  abx_test *abx;
  int abx_trials;
  abx_pick pick;
  float abx_settings[PORT_COUNT]; /* the settings it compares */
  bool abx_disturbed;             /* settings changed during the test */
} balun_ui;

/* Sets up `ui` at the ports' defaults; false if out of memory. */
bool ui_init(balun_ui *ui, double scale, ui_write_fn write, void *host);
void ui_destroy(balun_ui *ui);

/* The view was resized to width x height device pixels. */
void ui_resize(balun_ui *ui, double width, double height);

/* A value from the host (automation, a preset, the plugin's outputs). */
void ui_port_event(balun_ui *ui, balun_port port, float value);
/* A value from the user: stored, sent to the host, drawn. */
void ui_set_port(balun_ui *ui, balun_port port, float value);

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

/* Whether a control means anything for path 0 (A) or 1 (B), by asking
 * the model what that path's interface uses. */
bool control_applies(const balun_ui *ui, balun_port port, int path);

#endif
