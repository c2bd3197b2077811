/* The state of the view, shared by its parts (controls, listening,
 * readouts, schematic, plots): every port's value, the model's view of
 * them, the pointer and the blind test. No functions here: ui.c owns the
 * state, port_io.c writes ports, and the parts read it to draw. */
#ifndef BALUN_GUI_STATE_H
#define BALUN_GUI_STATE_H

#include <cairo.h>
#include <stdbool.h>
#include <stdint.h>

#include "abx.h"
#include "layout.h"
#include "model.h"
#include "path_hum.h"

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
  balun_headphone hp[2];    /* each path's headphone stage (kind NONE: none) */
  balun_figures figures[2]; /* the whole chain, as the ports report it */
  /* each path's hum lines from the circuit solved, as the DSP plays them
   * and the ports sum them (path_hum.h), with the solver's memory */
  path_hum hum[2];
  circuit_solver *solver;
  double receiver_headroom_db[2]; /* the receiver's own margin (§11) */

  int tab; /* the group of controls shown, when they are in tabs */

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

#endif
