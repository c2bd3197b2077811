/* The Pugl window: turns Pugl's events into the view's, and redraws only
 * when something changed. */
#include "window.h"

#include <math.h>
#include <stdlib.h>

#include <X11/Xlib.h>
#include <pugl/cairo.h>
#include <pugl/pugl.h>

struct balun_window {
  PuglWorld *world;
  PuglView *view;
  balun_ui *ui;
  cairo_surface_t *image; /* the view, drawn in memory */
};

/* Draws the view into an image in memory, then puts that on the window.
 * Text and shapes are then rendered by cairo's image code, and the X
 * connection holds no glyph caches of ours when it closes: drawn on the
 * window's own surfaces, each closed connection leaked ~10 kB inside
 * cairo-xlib. The image is "similar" to the window (shared memory where
 * the X server offers it) and lives as long as the window, so that no
 * upload is in flight when the connection closes (see window_free). */
static void expose(balun_window *w, cairo_t *cr)
{
  const PuglRect frame = puglGetFrame(w->view);
  if (!w->image || cairo_image_surface_get_width(w->image) != frame.width ||
      cairo_image_surface_get_height(w->image) != frame.height) {
    cairo_surface_destroy(w->image);
    w->image = cairo_surface_create_similar_image(
        cairo_get_target(cr), CAIRO_FORMAT_RGB24, frame.width, frame.height);
  }
  cairo_t *image = cairo_create(w->image);
  ui_draw(w->ui, image);
  cairo_destroy(image);
  cairo_set_source_surface(cr, w->image, 0, 0);
  cairo_paint(cr);
}

static PuglStatus on_event(PuglView *view, const PuglEvent *e)
{
  balun_window *w = puglGetHandle(view);
  balun_ui *ui = w->ui;
  ui_tick(ui, puglGetTime(w->world));
  switch (e->type) {
  case PUGL_CONFIGURE:
    ui_resize(ui, e->configure.width, e->configure.height);
    break;
  case PUGL_EXPOSE:
    expose(w, (cairo_t *)puglGetContext(view));
    ui->dirty = false;
    return PUGL_SUCCESS;
  case PUGL_BUTTON_PRESS:
    puglGrabFocus(view); /* so that the shortcuts reach us */
    ui_press(ui, e->button.x, e->button.y, (int)e->button.button);
    break;
  case PUGL_BUTTON_RELEASE:
    ui_release(ui);
    break;
  case PUGL_MOTION:
    ui_motion(ui, e->motion.x, e->motion.y, e->motion.state & PUGL_MOD_SHIFT);
    break;
  case PUGL_SCROLL:
    ui_scroll(ui, e->scroll.x, e->scroll.y, e->scroll.dy,
              e->scroll.state & PUGL_MOD_SHIFT);
    break;
  case PUGL_KEY_PRESS:
    ui_key(ui, e->key.key);
    break;
  case PUGL_POINTER_OUT:
    ui_leave(ui);
    break;
  default:
    break;
  }
  if (ui->dirty) puglPostRedisplay(view);
  return PUGL_SUCCESS;
}

static PuglSpan span(double logical, double scale)
{
  return (PuglSpan)lround(logical * scale);
}

balun_window *window_new(uintptr_t parent, double scale, balun_ui *ui)
{
  balun_window *w = calloc(1, sizeof(*w));
  if (!w) return NULL;
  w->ui = ui;
  w->world = puglNewWorld(PUGL_MODULE, 0);
  if (!w->world) {
    free(w);
    return NULL;
  }
  puglSetClassName(w->world, "Balun");
  w->view = puglNewView(w->world);
  if (!w->view) {
    window_free(w);
    return NULL;
  }
  ui->scale = scale > 0 ? scale : puglGetScaleFactor(w->view);
  if (!(ui->scale > 0)) ui->scale = 1.0;
  puglSetBackend(w->view, puglCairoBackend());
  puglSetHandle(w->view, w);
  puglSetEventFunc(w->view, on_event);
  puglSetWindowTitle(w->view, "Balun");
  puglSetViewHint(w->view, PUGL_RESIZABLE, 1);
  puglSetSizeHint(w->view, PUGL_DEFAULT_SIZE, span(UI_DEFAULT_WIDTH, ui->scale),
                  span(UI_DEFAULT_HEIGHT, ui->scale));
  puglSetSizeHint(w->view, PUGL_MIN_SIZE, span(UI_MIN_WIDTH, ui->scale),
                  span(UI_MIN_HEIGHT, ui->scale));
  if (parent) puglSetParentWindow(w->view, (PuglNativeView)parent);
  if (puglRealize(w->view) || puglShow(w->view)) {
    window_free(w);
    return NULL;
  }
  ui_resize(ui, span(UI_DEFAULT_WIDTH, ui->scale),
            span(UI_DEFAULT_HEIGHT, ui->scale));
  return w;
}

void window_free(balun_window *w)
{
  if (!w) return;
  if (w->image) { /* once the server has it all, the image can go */
    XSync((Display *)puglGetNativeWorld(w->world), False);
    cairo_surface_destroy(w->image);
  }
  if (w->view) puglFreeView(w->view);
  if (w->world) puglFreeWorld(w->world);
  free(w);
}

uintptr_t window_native(balun_window *w)
{
  return (uintptr_t)puglGetNativeView(w->view);
}

void window_idle(balun_window *w)
{
  ui_tick(w->ui, puglGetTime(w->world));
  if (w->ui->dirty) puglPostRedisplay(w->view);
  puglUpdate(w->world, 0.0);
}
