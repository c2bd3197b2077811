/* Small Cairo helpers shared by every part of the view: colours, boxes,
 * and text that is measured before it is drawn, so that none is clipped. */
#ifndef BALUN_GUI_DRAW_H
#define BALUN_GUI_DRAW_H

#include <cairo.h>
#include <stdbool.h>

#include "layout.h"
#include "theme.h"

#define UI_PI 3.14159265358979323846

typedef enum { ALIGN_LEFT, ALIGN_CENTRE, ALIGN_RIGHT } text_align;

void set_colour(cairo_t *cr, ui_colour c, double alpha);
void rounded_rect(cairo_t *cr, ui_rect r, double radius);
/* A panel: a filled rounded box with an edge. */
void draw_panel(cairo_t *cr, ui_rect r, ui_colour fill, ui_colour edge);

void set_font(cairo_t *cr, double size, bool bold);
double text_width(cairo_t *cr, const char *text, double size, bool bold);

/* One line of text in r, centred vertically, in the current source
 * colour. A line too wide is drawn smaller (down to 85 %), then cut with
 * an ellipsis; either counts as an overflow. */
void draw_text(cairo_t *cr, const char *text, ui_rect r, double size, bool bold,
               text_align align);

/* Text wrapped at spaces into lines of r's width, from r's top. Returns
 * the height used; lines that do not fit in r.h count as an overflow. */
double draw_wrapped(cairo_t *cr, const char *text, ui_rect r, double size,
                    bool bold);

/* The height that text wrapped into lines of w would take. */
double wrapped_height(cairo_t *cr, const char *text, double w, double size,
                      bool bold);

/* The same, centred vertically in r. */
void draw_wrapped_centred(cairo_t *cr, const char *text, ui_rect r, double size,
                          bool bold);

/* The first of texts[0..n) that fits in r at its size, drawn as
 * draw_text() does; returns its index, or -1 (nothing drawn) if none
 * fits: long words where there is room, fewer where there is not. */
int draw_text_fitting(cairo_t *cr, const char *const *texts, int n, ui_rect r,
                      double size, bool bold, text_align align);

/* A label on a filled rounded box: bold text in `ink` on `fill`. */
void draw_badge(cairo_t *cr, const char *text, ui_rect r, double size,
                ui_colour fill, ui_colour ink);

/* Schematic symbols in the current colour and line width. */
void draw_line(cairo_t *cr, double x0, double y0, double x1, double y1);
/* An amplifier pointing right, its tip at (x + size, y). */
void draw_amp(cairo_t *cr, double x, double y, double size);
/* A resistor along y from x0 to x1: leads and a box. */
void draw_resistor(cairo_t *cr, double x0, double x1, double y);
/* Ground: three bars below (x, y). */
void draw_ground(cairo_t *cr, double x, double y);
/* A cross at (x, y): where a conductor is shorted. */
void draw_cross(cairo_t *cr, double x, double y);
/* A filled arrow head at (x, y), pointing right (direction 1) or left. */
void draw_arrow(cairo_t *cr, double x, double y, double direction);
/* A junction of wires. */
void draw_dot(cairo_t *cr, double x, double y);
/* A loudspeaker driver between its terminals (x, y) and (x, y + d): its
 * magnet and its cone, facing right. */
void draw_driver(cairo_t *cr, double x, double y, double d);

/* How many texts did not fit since the view was created: 0 in a layout
 * that clips nothing (the screenshot test reads it). */
int draw_overflows(void);

/* What a trace keeps of a drawing (for tests): every line of text, where
 * its letters sit (advance by ascent + descent), its size and whether it
 * fitted, and every panel. A panel drawn over texts hides them: whole if
 * they are inside it, else half; and it hides the panels inside it. Coordinates
 * are the user space of each call (logical pixels inside ui_draw). */
#define DRAW_TRACE_MAX 1024
typedef struct {
  ui_rect box;
  double size;      /* of the type, 0 for a panel */
  bool hidden;      /* under a panel drawn later */
  bool half_hidden; /* in part */
  bool overflowed;  /* shrunk or cut to fit */
  char text[128];
} draw_mark;
typedef struct {
  int n, dropped;
  draw_mark marks[DRAW_TRACE_MAX];
} draw_trace;
/* Starts tracing into t (emptied first); NULL stops. */
void draw_trace_into(draw_trace *t);

/* Markers of the two paths: A a circle, B a square; hollow for RF. */
void draw_marker(cairo_t *cr, int path, double x, double y, double size,
                 bool hollow);
/* The line style of a path: A solid, B dashed. */
void set_path_line(cairo_t *cr, int path, double width);

#endif
