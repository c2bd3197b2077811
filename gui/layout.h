/* Where everything sits, in logical pixels (100 % scale). Pure geometry:
 * no Cairo, no X11, so a test host can ask where a control is. */
#ifndef BALUN_GUI_LAYOUT_H
#define BALUN_GUI_LAYOUT_H

#include <stdbool.h>

#include "ports.h"

typedef struct {
  double x, y, w, h;
} ui_rect;

/* The smallest and the first size of the view, logical pixels: both fit
 * a 1366 x 768 laptop screen under a host's title bar and toolbar. */
#define UI_MIN_WIDTH      960
#define UI_MIN_HEIGHT     600
#define UI_DEFAULT_WIDTH  1200
#define UI_DEFAULT_HEIGHT 660

/* The groups of controls: a tab each when the view is too small to show
 * them all. A new group is an entry here and in ui_groups[], and its
 * controls listed in ui_controls[] (layout.c). */
typedef enum {
  GROUP_CABLE,
  GROUP_SOURCE_RECEIVER,
  GROUP_GROUND, /* the ground loop and the mains */
  GROUP_FIELDS, /* magnetic and RF */
  GROUP_HEADPHONES,
  GROUP_AMPLIFIER, /* the headphone amplifier */
  GROUP_COUNT
} control_group;

typedef struct {
  const char *title; /* as shown */
  const char *name;  /* its tab's name for test hosts: "tab_<name>" */
  double tab_w;      /* its tab's width */
} group_info;

extern const group_info ui_groups[GROUP_COUNT];

/* What the pointer can hit: 0 .. PORT_COUNT-1 is the control of that port
 * (the listen port has buttons of its own instead). */
typedef enum {
  HIT_NONE = -1,
  HIT_LISTEN_A = PORT_COUNT,
  HIT_LISTEN_B,
  HIT_LISTEN_X,
  HIT_LISTEN_A_INTERFERENCE,
  HIT_LISTEN_B_INTERFERENCE,
  HIT_ABX_FEWER,
  HIT_ABX_MORE,
  HIT_ABX_START,
  HIT_ABX_IS_A,
  HIT_ABX_IS_B,
  HIT_ABX_STOP,
  HIT_TAB, /* the tab of each group, in group order */
  HIT_COUNT = HIT_TAB + GROUP_COUNT
} ui_hit;

typedef enum {
  CONTROL_SLIDER,  /* a value on a bar: drag, scroll, double-click */
  CONTROL_TOGGLE,  /* a check box */
  CONTROL_CHOICE,  /* an enumeration: arrows and a drop-down list */
  CONTROL_SEGMENTS /* a short enumeration: one button per value */
} control_kind;

/* How each input port is presented. `taper` maps a wide linear range
 * cubically, so that its small typical values get most of the travel. */
typedef struct {
  balun_port port;
  control_kind kind;
  int group; /* a control_group, or -1 outside the groups */
  bool taper;
} control_spec;

extern const control_spec ui_controls[];
extern const int ui_n_controls;
/* The spec of a port's control, or NULL (outputs, audio, listen). */
const control_spec *control_of(balun_port port);

typedef struct {
  double width, height;
  ui_rect header, title;
  ui_rect card[2], badge[2], schematic[2], warning[2];
  ui_rect readouts;
  ui_rect spectrum;
  /* The panel of the controls, with the two small plots at its right. */
  ui_rect controls, cable_plot, cmrr_plot;
  /* Tabs (rect[HIT_TAB + group]) and one group at a time, all groups in
   * the same place; or, when they all fit, every group with its title. */
  bool tabs;
  ui_rect group[GROUP_COUNT]; /* the title row of each group, if no tabs */
  ui_rect listen_bar, listen_title, level_sentence;
  ui_rect abx_bar, abx_title, abx_status;
  ui_rect result; /* an ABX test's result, over the right-hand column */
  ui_rect label[PORT_COUNT]; /* a control's name */
  ui_rect rect[HIT_COUNT];   /* zero size where there is nothing */
} ui_layout;

/* Lays out a view of width x height logical pixels (at least the
 * minimum: smaller sizes are laid out at the minimum and clipped). */
void layout_compute(ui_layout *l, double width, double height);

/* Whether a control or button is shown when group `tab`'s tab is open. */
bool layout_shows(const ui_layout *l, int tab, ui_hit hit);

/* The control or button shown under (x, y) with `tab` open, or HIT_NONE. */
ui_hit layout_hit(const ui_layout *l, int tab, double x, double y);

/* A name for each hit target, for test hosts: a control's port symbol,
 * "listen_b", "abx_start", "tab_cable"... NULL for HIT_NONE. */
const char *hit_name(ui_hit hit);

/* The drop-down list of a choice control with n items, and the item at
 * (x, y) in it or -1. The list opens below the control, or above it when
 * it would leave the view. */
ui_rect layout_menu(const ui_layout *l, balun_port port, int n_items);
int layout_menu_item(const ui_layout *l, balun_port port, int n_items, double x,
                     double y);

/* The left and right arrows of a choice control. */
ui_rect choice_arrow(ui_rect r, int direction);

bool rect_contains(ui_rect r, double x, double y);
/* Whether a and b share any area; whether a is all inside b. */
bool rects_overlap(ui_rect a, ui_rect b);
bool rect_inside(ui_rect a, ui_rect b);
ui_rect rect_inset(ui_rect r, double dx, double dy);

#endif
