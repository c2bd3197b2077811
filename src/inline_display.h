/* Ardour's inline display (the small view in a mixer strip), the LV2 side.
 * The extension's header is not in lv2-dev; its few types are defined here
 * from Ardour's lv2_extensions.h: the host calls render() from its GUI
 * thread, never from run(), for a view at most `w` wide and `max_h` tall;
 * the plugin picks its size within that and owns the pixels (ARGB32,
 * premultiplied) until the next render() or cleanup. From run() the plugin
 * may ask for a render with the optional queue_draw feature.
 *
 * What the view shows (listen, bypass, the interference readouts) passes
 * from run() to render() through a sequence counter over atomics: run()
 * never waits, render() retries while run() is writing. */
#ifndef BALUN_INLINE_DISPLAY_H
#define BALUN_INLINE_DISPLAY_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <lv2/core/lv2.h>

#include "model.h"
#include "strip_view.h"

#define LV2_INLINEDISPLAY_PREFIX                                               \
  "http://harrisonconsoles.com/lv2/inlinedisplay#"
#define LV2_INLINEDISPLAY__interface  LV2_INLINEDISPLAY_PREFIX "interface"
#define LV2_INLINEDISPLAY__queue_draw LV2_INLINEDISPLAY_PREFIX "queue_draw"

typedef void *LV2_Inline_Display_Handle;

/* The queue_draw feature's data. */
typedef struct {
  LV2_Inline_Display_Handle handle;
  void (*queue_draw)(LV2_Inline_Display_Handle handle);
} LV2_Inline_Display;

typedef struct {
  unsigned char *data;
  int width, height, stride; /* stride in bytes */
} LV2_Inline_Display_Image_Surface;

/* The extension data. */
typedef struct {
  LV2_Inline_Display_Image_Surface *(*render)(LV2_Handle instance, uint32_t w,
                                              uint32_t max_h);
} LV2_Inline_Display_Interface;

typedef struct {
  /* run()'s side */
  const LV2_Inline_Display *host; /* NULL: the host did not offer it */
  strip_view_values shown;        /* as last published */
  bool published;
  /* shared: odd `sequence` while run() writes; floats as their bits, in
   * atomics that are lock-free (checked in inline_display.c) */
  atomic_uint sequence;
  atomic_int shared_listen;
  atomic_bool shared_bypassed;
  atomic_uint shared_interference[2];
  /* render()'s side */
  uint32_t *pixels;
  size_t capacity; /* words */
  LV2_Inline_Display_Image_Surface surface;
} inline_display;

/* Before the first run(): shows the controls' defaults and no readouts;
 * finds queue_draw among the host's features (which may be NULL). */
void inline_display_init(inline_display *d, int listen, bool enabled,
                         const LV2_Feature *const *features);

/* From run(), when the controls changed or the figures were worked out
 * again: publishes what the view shows and asks the host to draw it, only
 * when that differs from what was published before. Allocates nothing. */
void inline_display_show(inline_display *d, int listen, bool enabled,
                         const balun_figures figures[2]);

/* From the host's GUI thread: the view drawn for a strip `w` wide, at most
 * `max_h` tall; NULL if that is too small for it (under 24 × 8) or memory
 * runs out. */
LV2_Inline_Display_Image_Surface *
inline_display_render(inline_display *d, uint32_t w, uint32_t max_h);

void inline_display_free(inline_display *d);

#endif
