/* The mixer-strip view (Ardour's inline display), as pixels: which path is
 * heard, and A's and B's interference as two bars on one dBFS scale. It
 * draws what it is given (the readouts the plugin already computed), knows
 * nothing of LV2, and allocates nothing.
 *
 * The scale: STRIP_VIEW_FLOOR_DBFS at column bar_x0, 0 dBFS at column
 * bar_x1, linear in dB; a bar fills [bar_x0, strip_view_bar_end()). Above
 * 0 dBFS the bar is full and the over-range cap [over_x0, over_x1) turns
 * red; below the floor (or not a number) there is no bar. */
#ifndef BALUN_STRIP_VIEW_H
#define BALUN_STRIP_VIEW_H

#include <stdbool.h>
#include <stdint.h>

#define STRIP_VIEW_FLOOR_DBFS (-160.0)

typedef struct {
  int listen;                 /* the listen port: 0 A, 1 B, 2/3 A/B alone */
  bool bypassed;              /* enabled off: neither path is heard */
  float interference_dbfs[2]; /* the interference_a/_b readouts */
} strip_view_values;

typedef struct {
  int width, height;
  int row_top[2], row_height; /* A above, B below */
  int label_x, label_width;   /* the box with the letter (or a colour chip) */
  int glyph_scale;            /* letter pixels per font pixel; 0: no letter */
  int bar_x0, bar_x1;         /* the scale's floor and 0 dBFS */
  int over_x0, over_x1;       /* the over-range cap */
} strip_view_layout;

/* The height the view takes in a strip `width` wide, at most `max_height`
 * (proportional to the width, as Ardour's other inline displays). */
int strip_view_height(int width, int max_height);

strip_view_layout strip_view_layout_for(int width, int height);

/* The first column past the bar that shows `dbfs`. */
int strip_view_bar_end(const strip_view_layout *l, float dbfs);

/* Draws the whole view into `pixels`: opaque ARGB32 (native-endian
 * 0xAARRGGBB words), `stride` words per row, l->width × l->height. */
void strip_view_draw(uint32_t *pixels, int stride, const strip_view_layout *l,
                     const strip_view_values *v);

#endif
