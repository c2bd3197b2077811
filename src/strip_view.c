#include "strip_view.h"

#include <math.h>

/* Opaque colours (alpha 255, so premultiplied as they are), those of the
 * GUI (gui/theme.h) where it has one: the path colours, its background,
 * well and grid; red for over full scale, and the GUI's ground-current
 * green for "only the interference is heard". */
#define RGB(r, g, b) (0xff000000u | (r) << 16 | (g) << 8 | (b))
static const uint32_t background = RGB(30, 33, 37);
static const uint32_t track = RGB(23, 25, 28);
static const uint32_t tick = RGB(59, 62, 69);
static const uint32_t path_colour[2] = {RGB(86, 180, 233), RGB(230, 159, 0)};
static const uint32_t heard_box = RGB(232, 233, 236);
static const uint32_t alone_box = RGB(0, 158, 115);
static const uint32_t quiet_box = RGB(41, 45, 50);
static const uint32_t quiet_letter = RGB(158, 163, 171);
static const uint32_t over_lit = RGB(235, 45, 45);
static const uint32_t over_unlit = RGB(64, 30, 32);

/* Ticks every 40 dB between the floor and 0 dBFS. */
#define TICK_STEP_DB 40.0

/* 5 × 7 letters, one byte per row, bit 4 leftmost. */
static const uint8_t letter[2][7] = {
    {0x0e, 0x11, 0x11, 0x1f, 0x11, 0x11, 0x11}, /* A */
    {0x1e, 0x11, 0x11, 0x1e, 0x11, 0x11, 0x1e}, /* B */
};

int strip_view_height(int width, int max_height)
{
  int h = width * 3 / 10;
  if (h < 40) h = 40;
  return h < max_height ? h : max_height;
}

static int at_least(int v, int floor)
{
  return v > floor ? v : floor;
}

strip_view_layout strip_view_layout_for(int width, int height)
{
  strip_view_layout l = {.width = width, .height = height};
  const int margin = at_least(height / 20, 2);
  l.row_height = at_least((height - 3 * margin) / 2, 1);
  l.row_top[0] = margin;
  l.row_top[1] = 2 * margin + l.row_height;
  /* letters at least 14 px tall (8 px is the least that reads), at most
   * 28; a colour chip where they do not fit */
  l.glyph_scale = (l.row_height - 2) / 7;
  if (l.glyph_scale > 4) l.glyph_scale = 4;
  if (l.glyph_scale < 2) l.glyph_scale = 0;
  l.label_x = margin;
  l.label_width = l.glyph_scale ? 7 * l.glyph_scale : at_least(width / 16, 3);
  l.bar_x0 = l.label_x + l.label_width + margin;
  l.over_x1 = width - margin;
  l.over_x0 = l.over_x1 - at_least(width / 20, 3);
  l.bar_x1 = l.over_x0 - 1;
  if (l.bar_x1 < l.bar_x0) l.bar_x1 = l.bar_x0;
  return l;
}

int strip_view_bar_end(const strip_view_layout *l, float dbfs)
{
  if (!(dbfs > STRIP_VIEW_FLOOR_DBFS)) return l->bar_x0; /* and NaN */
  if (dbfs >= 0.0f) return l->bar_x1;
  const double part = (dbfs - STRIP_VIEW_FLOOR_DBFS) / -STRIP_VIEW_FLOOR_DBFS;
  return l->bar_x0 + (int)lround(part * (l->bar_x1 - l->bar_x0));
}

/* Half way between two colours, channel by channel. */
static uint32_t halfway(uint32_t a, uint32_t b)
{
  return 0xff000000u | (((a & 0xfefefeu) >> 1) + ((b & 0xfefefeu) >> 1));
}

typedef struct {
  uint32_t *pixels;
  int stride, width, height;
} canvas;

static void fill(const canvas *c, int x0, int y0, int x1, int y1,
                 uint32_t colour)
{
  if (x0 < 0) x0 = 0;
  if (y0 < 0) y0 = 0;
  if (x1 > c->width) x1 = c->width;
  if (y1 > c->height) y1 = c->height;
  for (int y = y0; y < y1; ++y)
    for (int x = x0; x < x1; ++x)
      c->pixels[(long)y * c->stride + x] = colour;
}

static void draw_letter(const canvas *c, int p, int x, int y, int scale,
                        uint32_t colour)
{
  for (int row = 0; row < 7; ++row)
    for (int col = 0; col < 5; ++col)
      if (letter[p][row] >> (4 - col) & 1)
        fill(c, x + col * scale, y + row * scale, x + (col + 1) * scale,
             y + (row + 1) * scale, colour);
}

static bool heard(const strip_view_values *v, int p)
{
  return !v->bypassed && v->listen % 2 == p;
}

/* The label: a box with the path's letter, bright for the path heard
 * (green when only its interference is heard); or, too small for
 * letters, a chip of the path's colour in the same states. */
static void draw_label(const canvas *c, const strip_view_layout *l, int p,
                       const strip_view_values *v)
{
  const bool on = heard(v, p), alone = v->listen >= 2;
  const int top = l->row_top[p], bottom = top + l->row_height;
  const int x1 = l->label_x + l->label_width;
  if (!l->glyph_scale) {
    const uint32_t chip = !on     ? halfway(path_colour[p], track)
                          : alone ? alone_box
                                  : path_colour[p];
    fill(c, l->label_x, top, x1, bottom, chip);
    return;
  }
  fill(c, l->label_x, top, x1, bottom,
       !on     ? quiet_box
       : alone ? alone_box
               : heard_box);
  const int s = l->glyph_scale;
  draw_letter(c, p, l->label_x + s, top + (l->row_height - 7 * s) / 2, s,
              on ? background : quiet_letter);
}

static void draw_bar(const canvas *c, const strip_view_layout *l, int p,
                     const strip_view_values *v)
{
  const int top = l->row_top[p], bottom = top + l->row_height;
  fill(c, l->bar_x0, top, l->bar_x1, bottom, track);
  for (double db = STRIP_VIEW_FLOOR_DBFS + TICK_STEP_DB; db < 0.0;
       db += TICK_STEP_DB) {
    const int x = strip_view_bar_end(l, (float)db);
    fill(c, x, top, x + 1, bottom, tick);
  }
  const float dbfs = v->interference_dbfs[p];
  fill(c, l->bar_x0, top + 1, strip_view_bar_end(l, dbfs), bottom - 1,
       heard(v, p) ? path_colour[p] : halfway(path_colour[p], track));
  fill(c, l->over_x0, top, l->over_x1, bottom,
       dbfs > 0.0f ? over_lit : over_unlit);
}

void strip_view_draw(uint32_t *pixels, int stride, const strip_view_layout *l,
                     const strip_view_values *v)
{
  const canvas c = {pixels, stride, l->width, l->height};
  fill(&c, 0, 0, l->width, l->height, background);
  for (int p = 0; p < 2; ++p) {
    draw_label(&c, l, p, v);
    draw_bar(&c, l, p, v);
  }
}
