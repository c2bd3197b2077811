/* Small Cairo helpers: colours, boxes, measured text, markers. */
#include "draw.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static int overflows;
static draw_trace *trace;

int draw_overflows(void)
{
  return overflows;
}

void draw_trace_into(draw_trace *t)
{
  trace = t;
  if (t) *t = (draw_trace){0};
}

static void mark(ui_rect box, double size, bool overflowed, const char *text)
{
  if (!trace) return;
  if (size == 0) /* a panel: texts under it are hidden, or half hidden */
    for (int i = 0; i < trace->n; ++i) {
      draw_mark *m = &trace->marks[i];
      if (m->hidden || !rects_overlap(m->box, box)) continue;
      if (m->size > 0) {
        m->hidden = true;
        m->half_hidden = !rect_inside(m->box, box);
      } else if (rect_inside(m->box, box)) { /* and panels inside it */
        m->hidden = true;
      }
    }
  if (trace->n == DRAW_TRACE_MAX) {
    ++trace->dropped;
    return;
  }
  draw_mark *m = &trace->marks[trace->n++];
  *m = (draw_mark){box, size, false, false, overflowed, ""};
  size_t n = strlen(text);
  if (n >= sizeof(m->text)) n = sizeof(m->text) - 1;
  while (n > 0 && ((unsigned char)text[n] & 0xC0) == 0x80)
    --n; /* whole characters only */
  memcpy(m->text, text, n);
  m->text[n] = 0;
}

void set_colour(cairo_t *cr, ui_colour c, double alpha)
{
  cairo_set_source_rgba(cr, c.r, c.g, c.b, alpha);
}

void rounded_rect(cairo_t *cr, ui_rect r, double radius)
{
  const double k = radius < r.h / 2 ? radius : r.h / 2;
  cairo_new_sub_path(cr);
  cairo_arc(cr, r.x + r.w - k, r.y + k, k, -UI_PI / 2, 0);
  cairo_arc(cr, r.x + r.w - k, r.y + r.h - k, k, 0, UI_PI / 2);
  cairo_arc(cr, r.x + k, r.y + r.h - k, k, UI_PI / 2, UI_PI);
  cairo_arc(cr, r.x + k, r.y + k, k, UI_PI, 3 * UI_PI / 2);
  cairo_close_path(cr);
}

void draw_panel(cairo_t *cr, ui_rect r, ui_colour fill, ui_colour edge)
{
  mark(r, 0, false, "");
  rounded_rect(cr, r, 5);
  set_colour(cr, fill, 1);
  cairo_fill_preserve(cr);
  set_colour(cr, edge, 1);
  cairo_set_line_width(cr, 1);
  cairo_stroke(cr);
}

void set_font(cairo_t *cr, double size, bool bold)
{
  cairo_select_font_face(cr, FONT_FACE, CAIRO_FONT_SLANT_NORMAL,
                         bold ? CAIRO_FONT_WEIGHT_BOLD
                              : CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size(cr, size);
}

double text_width(cairo_t *cr, const char *text, double size, bool bold)
{
  cairo_text_extents_t e;
  set_font(cr, size, bold);
  cairo_text_extents(cr, text, &e);
  return e.x_advance;
}

/* The longest prefix of text (whole UTF-8 characters) that fits in w with
 * an ellipsis after it, written to out. */
static void ellipsize(cairo_t *cr, const char *text, double w, char *out,
                      size_t size)
{
  size_t n = strlen(text);
  if (n + 4 > size) n = size - 4;
  for (; n > 0; --n) {
    if (((unsigned char)text[n] & 0xC0) == 0x80) continue; /* mid-char */
    memcpy(out, text, n);
    strcpy(out + n, "…");
    cairo_text_extents_t e;
    cairo_text_extents(cr, out, &e);
    if (e.x_advance <= w) return;
  }
  strcpy(out, "…");
}

void draw_text(cairo_t *cr, const char *text, ui_rect r, double size, bool bold,
               text_align align)
{
  double s = size;
  double w = text_width(cr, text, s, bold);
  const bool overflowed = w > r.w;
  if (overflowed) {
    ++overflows;
    s = size * (r.w / w > 0.85 ? r.w / w : 0.85);
    w = text_width(cr, text, s, bold);
  }
  char cut[256];
  const char *shown = text;
  if (w > r.w + 0.5) {
    ellipsize(cr, text, r.w, cut, sizeof(cut));
    shown = cut;
    cairo_text_extents_t e;
    cairo_text_extents(cr, cut, &e);
    w = e.x_advance;
  }
  cairo_font_extents_t fe;
  cairo_font_extents(cr, &fe);
  double x = r.x;
  if (align == ALIGN_CENTRE) x = r.x + (r.w - w) / 2;
  if (align == ALIGN_RIGHT) x = r.x + r.w - w;
  const double y = r.y + r.h / 2 + (fe.ascent - fe.descent) / 2;
  cairo_move_to(cr, x, y);
  cairo_show_text(cr, shown);
  mark((ui_rect){x, y - fe.ascent, w, fe.ascent + fe.descent}, s, overflowed,
       shown);
}

int draw_text_fitting(cairo_t *cr, const char *const *texts, int n, ui_rect r,
                      double size, bool bold, text_align align)
{
  for (int i = 0; i < n; ++i)
    if (text_width(cr, texts[i], size, bold) <= r.w) {
      draw_text(cr, texts[i], r, size, bold, align);
      return i;
    }
  return -1;
}

void draw_badge(cairo_t *cr, const char *text, ui_rect r, double size,
                ui_colour fill, ui_colour ink)
{
  rounded_rect(cr, r, 3);
  set_colour(cr, fill, 1);
  cairo_fill(cr);
  set_colour(cr, ink, 1);
  draw_text(cr, text, r, size, true, ALIGN_CENTRE);
}

void draw_line(cairo_t *cr, double x0, double y0, double x1, double y1)
{
  cairo_move_to(cr, x0, y0);
  cairo_line_to(cr, x1, y1);
  cairo_stroke(cr);
}

void draw_amp(cairo_t *cr, double x, double y, double size)
{
  cairo_move_to(cr, x, y - size / 2);
  cairo_line_to(cr, x + size, y);
  cairo_line_to(cr, x, y + size / 2);
  cairo_close_path(cr);
  cairo_stroke(cr);
}

void draw_resistor(cairo_t *cr, double x0, double x1, double y)
{
  const double mid = (x0 + x1) / 2, half = fmin(9, (x1 - x0) / 2 - 2);
  draw_line(cr, x0, y, mid - half, y);
  cairo_rectangle(cr, mid - half, y - 3.5, 2 * half, 7);
  cairo_stroke(cr);
  draw_line(cr, mid + half, y, x1, y);
}

void draw_ground(cairo_t *cr, double x, double y)
{
  for (int i = 0; i < 3; ++i)
    draw_line(cr, x - 6 + 2 * i, y + 3 * i, x + 6 - 2 * i, y + 3 * i);
}

void draw_cross(cairo_t *cr, double x, double y)
{
  draw_line(cr, x - 5, y - 5, x + 5, y + 5);
  draw_line(cr, x - 5, y + 5, x + 5, y - 5);
}

void draw_arrow(cairo_t *cr, double x, double y, double direction)
{
  cairo_move_to(cr, x + 5 * direction, y);
  cairo_line_to(cr, x - 3 * direction, y - 4);
  cairo_line_to(cr, x - 3 * direction, y + 4);
  cairo_close_path(cr);
  cairo_fill(cr);
}

void draw_dot(cairo_t *cr, double x, double y)
{
  cairo_arc(cr, x, y, 2.2, 0, 2 * UI_PI);
  cairo_fill(cr);
}

void draw_driver(cairo_t *cr, double x, double y, double d)
{
  const double m = y + d / 2, k = fmin(3, d / 3);
  draw_line(cr, x, y, x, y + d);
  cairo_rectangle(cr, x, m - k, 4, 2 * k);
  cairo_move_to(cr, x + 4, m - k);
  cairo_line_to(cr, x + 10, y - 1);
  cairo_line_to(cr, x + 10, y + d + 1);
  cairo_line_to(cr, x + 4, m + k);
  cairo_close_path(cr);
  cairo_stroke(cr);
}

/* Lays text out in lines of r.w; draws them if `draw`. Returns the height. */
static double wrap(cairo_t *cr, const char *text, ui_rect r, double size,
                   bool bold, bool draw)
{
  set_font(cr, size, bold);
  cairo_font_extents_t fe;
  cairo_font_extents(cr, &fe);
  const double line_h = fe.ascent + fe.descent + 1;
  char line[512];
  double y = r.y;
  const char *p = text;
  while (*p) {
    /* The most words that fit (at least one). */
    const size_t total = strlen(p);
    size_t fit = 0;
    while (fit < total) {
      const char *space = strchr(p + fit + 1, ' ');
      const size_t next = space ? (size_t)(space - p) : total;
      if (next >= sizeof(line)) break;
      memcpy(line, p, next);
      line[next] = 0;
      cairo_text_extents_t e;
      cairo_text_extents(cr, line, &e);
      if (e.x_advance > r.w && fit > 0) break;
      fit = next;
    }
    if (fit == 0) fit = total < sizeof(line) ? total : sizeof(line) - 1;
    memcpy(line, p, fit);
    line[fit] = 0;
    if (draw && y + line_h > r.y + r.h + 0.5) {
      ++overflows;
      mark((ui_rect){r.x, y, r.w, line_h}, size, true, line);
      break;
    }
    if (draw)
      draw_text(cr, line, (ui_rect){r.x, y, r.w, line_h}, size, bold,
                ALIGN_LEFT);
    y += line_h;
    p += fit;
    while (*p == ' ')
      ++p;
  }
  return y - r.y;
}

double draw_wrapped(cairo_t *cr, const char *text, ui_rect r, double size,
                    bool bold)
{
  return wrap(cr, text, r, size, bold, true);
}

double wrapped_height(cairo_t *cr, const char *text, double w, double size,
                      bool bold)
{
  return wrap(cr, text, (ui_rect){0, 0, w, INFINITY}, size, bold, false);
}

void draw_wrapped_centred(cairo_t *cr, const char *text, ui_rect r, double size,
                          bool bold)
{
  const double h = wrap(cr, text, r, size, bold, false);
  if (h < r.h) r = (ui_rect){r.x, r.y + (r.h - h) / 2, r.w, h};
  wrap(cr, text, r, size, bold, true);
}

void draw_marker(cairo_t *cr, int path, double x, double y, double size,
                 bool hollow)
{
  cairo_new_path(cr); /* no line from wherever the last text ended */
  if (path == 0)
    cairo_arc(cr, x, y, size, 0, 2 * UI_PI);
  else
    cairo_rectangle(cr, x - size, y - size, 2 * size, 2 * size);
  if (hollow) {
    cairo_set_line_width(cr, 1.2);
    cairo_stroke(cr);
  } else {
    cairo_fill(cr);
  }
}

void set_path_line(cairo_t *cr, int path, double width)
{
  static const double dash[2] = {DASH_B_ON, DASH_B_OFF};
  cairo_set_line_width(cr, width);
  cairo_set_dash(cr, dash, path == 0 ? 0 : 2, 0);
}
