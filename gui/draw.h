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

/* The same, centred vertically in r. */
void draw_wrapped_centred(cairo_t *cr, const char *text, ui_rect r, double size,
                          bool bold);

/* How many texts did not fit since the view was created: 0 in a layout
 * that clips nothing (the screenshot test reads it). */
int draw_overflows(void);

/* Markers of the two paths: A a circle, B a square; hollow for RF. */
void draw_marker(cairo_t *cr, int path, double x, double y, double size,
                 bool hollow);
/* The line style of a path: A solid, B dashed. */
void set_path_line(cairo_t *cr, int path, double width);

#endif
