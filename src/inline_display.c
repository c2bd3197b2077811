#include "inline_display.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Bounds on what a host may ask for, so a bad request cannot take much
 * memory: wider than any mixer strip, taller than any inline display. */
#define MAX_WIDTH  2048u
#define MAX_HEIGHT 1024u
/* Below this there is no room for two bars and their labels. */
#define MIN_WIDTH  24
#define MIN_HEIGHT 8

_Static_assert(ATOMIC_INT_LOCK_FREE == 2 && ATOMIC_BOOL_LOCK_FREE == 2,
               "run() must not take a lock to publish the view");
_Static_assert(sizeof(float) == sizeof(unsigned), "a float in atomic_uint");

static unsigned bits_of(float f)
{
  unsigned u;
  memcpy(&u, &f, sizeof u);
  return u;
}

static float float_of(unsigned u)
{
  float f;
  memcpy(&f, &u, sizeof f);
  return f;
}

static void publish(inline_display *d)
{
  const unsigned s = atomic_load_explicit(&d->sequence, memory_order_relaxed);
  atomic_store_explicit(&d->sequence, s + 1, memory_order_relaxed);
  atomic_thread_fence(memory_order_release);
  atomic_store_explicit(&d->shared_listen, d->shown.listen,
                        memory_order_relaxed);
  atomic_store_explicit(&d->shared_bypassed, d->shown.bypassed,
                        memory_order_relaxed);
  for (int p = 0; p < 2; ++p)
    atomic_store_explicit(&d->shared_interference[p],
                          bits_of(d->shown.interference_dbfs[p]),
                          memory_order_relaxed);
  atomic_store_explicit(&d->sequence, s + 2, memory_order_release);
}

/* What run() published last, all of one publication. */
static strip_view_values published(inline_display *d)
{
  strip_view_values v;
  unsigned before, after;
  do {
    before = atomic_load_explicit(&d->sequence, memory_order_acquire);
    v.listen = atomic_load_explicit(&d->shared_listen, memory_order_relaxed);
    v.bypassed =
        atomic_load_explicit(&d->shared_bypassed, memory_order_relaxed);
    for (int p = 0; p < 2; ++p)
      v.interference_dbfs[p] = float_of(atomic_load_explicit(
          &d->shared_interference[p], memory_order_relaxed));
    atomic_thread_fence(memory_order_acquire);
    after = atomic_load_explicit(&d->sequence, memory_order_relaxed);
  } while (before != after || before % 2);
  return v;
}

void inline_display_init(inline_display *d, int listen, bool enabled,
                         const LV2_Feature *const *features)
{
  memset(d, 0, sizeof *d);
  for (int i = 0; features && features[i]; ++i)
    if (!strcmp(features[i]->URI, LV2_INLINEDISPLAY__queue_draw))
      d->host = features[i]->data;
  d->shown = (strip_view_values){listen, !enabled, {-INFINITY, -INFINITY}};
  publish(d);
}

/* Equal as the view shows them (NaN as NaN: no redraw every block). */
static bool same_view(const strip_view_values *a, const strip_view_values *b)
{
  for (int p = 0; p < 2; ++p)
    if (bits_of(a->interference_dbfs[p]) != bits_of(b->interference_dbfs[p]))
      return false;
  return a->listen == b->listen && a->bypassed == b->bypassed;
}

void inline_display_show(inline_display *d, int listen, bool enabled,
                         const balun_figures figures[2])
{
  const strip_view_values now = {listen,
                                 !enabled,
                                 {(float)figures[0].interference_dbfs,
                                  (float)figures[1].interference_dbfs}};
  if (d->published && same_view(&now, &d->shown)) return;
  d->shown = now;
  d->published = true;
  publish(d);
  if (d->host && d->host->queue_draw) d->host->queue_draw(d->host->handle);
}

LV2_Inline_Display_Image_Surface *
inline_display_render(inline_display *d, uint32_t w, uint32_t max_h)
{
  if (w > MAX_WIDTH) w = MAX_WIDTH;
  if (max_h > MAX_HEIGHT) max_h = MAX_HEIGHT;
  const int width = (int)w, height = strip_view_height(width, (int)max_h);
  if (width < MIN_WIDTH || height < MIN_HEIGHT) return NULL;
  const size_t words = (size_t)width * (size_t)height;
  if (words > d->capacity) {
    uint32_t *grown = realloc(d->pixels, words * sizeof *grown);
    if (!grown) return NULL;
    d->pixels = grown;
    d->capacity = words;
  }
  const strip_view_layout l = strip_view_layout_for(width, height);
  const strip_view_values v = published(d);
  strip_view_draw(d->pixels, width, &l, &v);
  d->surface = (LV2_Inline_Display_Image_Surface){(unsigned char *)d->pixels,
                                                  width, height, width * 4};
  return &d->surface;
}

void inline_display_free(inline_display *d)
{
  free(d->pixels);
  d->pixels = NULL;
  d->capacity = 0;
}
