/* A small LV2 UI host for the tests, the way suil and jalv do it without
 * their toolkits: lilv finds the plugin's X11 UI, dlopen loads its binary,
 * an X11 window of ours is its ui:parent, and the plugin itself runs
 * through tools/host.c so that the UI sees real output ports.
 *
 *   ui-host [--scale S] [--cycles N]
 *
 * Checks as it opens the UI (exit 1 on failure): the bundle declares an
 * X11UI, the binary gives its descriptor, instantiate returns a widget that
 * is a child of our window, the UI offers the idle interface and sets a
 * minimum size hint without fixing its size.
 *
 * --cycles N opens and closes the UI N times (for valgrind) and exits.
 * Otherwise it reads commands on stdin, one per line, while calling idle:
 *   port SYMBOL VALUE   set a control as host automation would
 *   where NAME          "at NAME X Y W H": a control's screen rectangle
 *                       (NAME as hit_name() in gui/layout.h has it: a
 *                       port symbol, listen_b, abx_start, tab_cable...)
 *   info                "info widget=0x.. parent=0x.. min=WxH ..."
 *   resize W H          resize our window and the UI's, as suil does
 *   wait MS             keep idling for MS milliseconds, then "ok"
 *   sync N              "synced N" (everything before it is done)
 *   quit
 * and prints "write SYMBOL VALUE" for every value the UI writes
 * ("write-rejected ..." for one the plugin refuses). */
#define _POSIX_C_SOURCE 200809L

#include <dlfcn.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <X11/Xlib.h>
#include <X11/Xutil.h>
#include <lilv/lilv.h>
#include <lv2/atom/atom.h>
#include <lv2/options/options.h>
#include <lv2/ui/ui.h>
#include <lv2/urid/urid.h>

#include "../gui/layout.h"
#include "host.h"
#include "ports.h"

#define BLOCK 256

typedef struct {
  Display *dpy;
  Window parent, widget;
  LilvWorld *world;
  host_plugin *dsp;
  char *binary, *bundle;
  void *lib;
  const LV2UI_Descriptor *desc;
  LV2UI_Handle handle;
  const LV2UI_Idle_Interface *idle;
  float scale;
  float sent[PORT_COUNT];
  const char *uris[8];
  int n_uris;
} ui_host;

static LV2_URID map_uri(LV2_URID_Map_Handle data, const char *uri)
{
  ui_host *h = data;
  for (int i = 0; i < h->n_uris; ++i)
    if (!strcmp(h->uris[i], uri)) return (LV2_URID)i + 1;
  if (h->n_uris == 8) return 0;
  h->uris[h->n_uris++] = uri; /* only literals are mapped here */
  return (LV2_URID)h->n_uris;
}

static double now_s(void)
{
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec * 1e-9;
}

/* Runs the plugin one block and tells the UI what its outputs say. */
static void run_plugin(ui_host *h, bool all)
{
  static float in[BLOCK], out_l[BLOCK], out_r[BLOCK];
  host_run(h->dsp, in, in, out_l, out_r, BLOCK);
  for (int p = 0; p < PORT_COUNT; ++p) {
    const balun_port_kind kind = balun_ports[p].kind;
    if (kind != PORT_CONTROL_IN && kind != PORT_CONTROL_OUT) continue;
    const float v = host_get(h->dsp, balun_ports[p].symbol);
    if (!all && v == h->sent[p]) continue;
    h->sent[p] = v;
    h->desc->port_event(h->handle, (uint32_t)p, sizeof(float), 0, &v);
  }
}

/* The UI wrote a port: the plugin takes it (or refuses it). */
static void ui_write(LV2UI_Controller controller, uint32_t port, uint32_t size,
                     uint32_t format, const void *buffer)
{
  ui_host *h = controller;
  if (format != 0 || size != sizeof(float) || port >= PORT_COUNT) {
    printf("write-rejected port %u format %u\n", port, format);
    return;
  }
  const float v = *(const float *)buffer;
  const char *symbol = balun_ports[port].symbol;
  const bool taken = host_set(h->dsp, symbol, v) == 0;
  if (taken) h->sent[port] = v; /* the UI has it: only a change is news */
  printf("%s %s %.9g\n", taken ? "write" : "write-rejected", symbol, v);
  fflush(stdout);
}

static bool fail(const char *what)
{
  fprintf(stderr, "ui-host: %s\n", what);
  return false;
}

/* Finds the UI in the bundle and loads its binary. */
static bool load_ui(ui_host *h)
{
  const LilvPlugin *plugin = host_lilv_plugin(h->dsp);
  LilvUIs *uis = lilv_plugin_get_uis(plugin);
  LilvNode *x11 = lilv_new_uri(h->world, LV2_UI__X11UI);
  const LilvUI *found = NULL;
  LILV_FOREACH(uis, i, uis)
  {
    const LilvUI *ui = lilv_uis_get(uis, i);
    if (!strcmp(lilv_node_as_uri(lilv_ui_get_uri(ui)), BALUN_UI_URI) &&
        lilv_ui_is_a(ui, x11))
      found = ui;
  }
  if (found) {
    h->binary = lilv_file_uri_parse(
        lilv_node_as_uri(lilv_ui_get_binary_uri(found)), NULL);
    h->bundle = lilv_file_uri_parse(
        lilv_node_as_uri(lilv_ui_get_bundle_uri(found)), NULL);
  }
  lilv_node_free(x11);
  lilv_uis_free(uis);
  if (!found) return fail("the plugin declares no X11 UI " BALUN_UI_URI);
  /* Kept loaded to the end, as hosts that cache UI libraries do: cairo's
   * and fontconfig's caches then stay reachable, so that valgrind tells a
   * leak of ours from memory a library keeps on purpose. */
  h->lib = dlopen(h->binary, RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE);
  if (!h->lib) return fail(dlerror());
  LV2UI_DescriptorFunction get =
      (LV2UI_DescriptorFunction)dlsym(h->lib, "lv2ui_descriptor");
  h->desc = get ? get(0) : NULL;
  if (!h->desc || strcmp(h->desc->URI, BALUN_UI_URI))
    return fail("lv2ui_descriptor(0) is not " BALUN_UI_URI);
  return true;
}

/* Instantiates the UI in our window and checks what it gives back. */
static bool open_ui(ui_host *h)
{
  LV2_URID_Map map = {h, map_uri};
  LV2_Options_Option options[2] = {
      {LV2_OPTIONS_INSTANCE, 0, map_uri(h, LV2_UI__scaleFactor), sizeof(float),
       map_uri(h, LV2_ATOM__Float), &h->scale},
      {LV2_OPTIONS_INSTANCE, 0, 0, 0, 0, NULL}};
  const LV2_Feature parent = {LV2_UI__parent, (void *)h->parent};
  const LV2_Feature idle = {LV2_UI__idleInterface, NULL};
  const LV2_Feature map_f = {LV2_URID__map, &map};
  const LV2_Feature options_f = {LV2_OPTIONS__options, options};
  const LV2_Feature *features[5] = {&parent, &idle, &map_f, &options_f, NULL};
  if (h->scale <= 0) features[3] = NULL; /* no ui:scaleFactor given */
  LV2UI_Widget widget = NULL;
  h->handle = h->desc->instantiate(h->desc, BALUN_URI, h->bundle, ui_write, h,
                                   &widget, features);
  if (!h->handle) return fail("instantiate returned NULL");
  h->widget = (Window)(uintptr_t)widget;
  if (!h->widget) return fail("instantiate gave no widget");
  h->idle = h->desc->extension_data(LV2_UI__idleInterface);
  if (!h->idle) return fail("no ui:idleInterface extension data");

  Window root, up, *children = NULL;
  unsigned n = 0;
  XSync(h->dpy, False);
  if (!XQueryTree(h->dpy, h->widget, &root, &up, &children, &n))
    return fail("the widget is not a window");
  XFree(children);
  if (up != h->parent) return fail("the widget is not a child of ui:parent");
  XSizeHints hints;
  long supplied = 0;
  if (!XGetWMNormalHints(h->dpy, h->widget, &hints, &supplied) ||
      !(hints.flags & PMinSize) || hints.min_width <= 0)
    return fail("no minimum size hint");
  if ((hints.flags & PMaxSize) && hints.max_width <= hints.min_width)
    return fail("the size is fixed: the UI should be resizable");
  XWindowAttributes a;
  XGetWindowAttributes(h->dpy, h->widget, &a);
  XResizeWindow(h->dpy, h->parent, (unsigned)a.width, (unsigned)a.height);
  XSync(h->dpy, False);
  run_plugin(h, true); /* every control's value, as jalv sends them */
  return true;
}

static void close_ui(ui_host *h)
{
  if (h->handle) h->desc->cleanup(h->handle);
  h->handle = NULL;
}

static void idle_for(ui_host *h, double seconds)
{
  const double end = now_s() + seconds;
  do {
    while (XPending(h->dpy)) {
      XEvent e;
      XNextEvent(h->dpy, &e);
    }
    if (h->idle->idle(h->handle)) return;
    struct timespec pause = {0, 10 * 1000 * 1000};
    nanosleep(&pause, NULL);
  } while (now_s() < end);
}

/* Whether the UI has drawn itself: a blank or black window has one or two
 * colours, the view dozens. */
static bool drawn(ui_host *h)
{
  XWindowAttributes a;
  XGetWindowAttributes(h->dpy, h->widget, &a);
  XImage *image = XGetImage(h->dpy, h->widget, 0, 0, (unsigned)a.width,
                            (unsigned)a.height, AllPlanes, ZPixmap);
  if (!image) return false;
  unsigned long seen[16];
  int n = 0;
  for (int y = 0; y < a.height && n < 16; y += 7)
    for (int x = 0; x < a.width && n < 16; x += 7) {
      const unsigned long p = XGetPixel(image, x, y);
      int i = 0;
      while (i < n && seen[i] != p)
        ++i;
      if (i == n) seen[n++] = p;
    }
  XDestroyImage(image);
  return n >= 16;
}

/* "at NAME X Y W H": where a control is on the screen, in pixels. */
static void where(ui_host *h, const char *name)
{
  int hit = -1;
  for (int i = 0; hit < 0 && i < HIT_COUNT; ++i)
    if (hit_name((ui_hit)i) && !strcmp(hit_name((ui_hit)i), name)) hit = i;
  XWindowAttributes a;
  XGetWindowAttributes(h->dpy, h->widget, &a);
  const double s = h->scale > 0 ? h->scale : 1.0;
  ui_layout l;
  layout_compute(&l, a.width / s, a.height / s);
  if (hit < 0 || l.rect[hit].w <= 0) {
    printf("at %s unknown\n", name);
    return;
  }
  int x = 0, y = 0;
  Window child;
  XTranslateCoordinates(h->dpy, h->widget, DefaultRootWindow(h->dpy),
                        (int)(l.rect[hit].x * s), (int)(l.rect[hit].y * s), &x,
                        &y, &child);
  printf("at %s %d %d %d %d\n", name, x, y, (int)(l.rect[hit].w * s),
         (int)(l.rect[hit].h * s));
}

static void info(ui_host *h)
{
  XSizeHints hints;
  long supplied = 0;
  XGetWMNormalHints(h->dpy, h->widget, &hints, &supplied);
  XWindowAttributes a;
  XGetWindowAttributes(h->dpy, h->widget, &a);
  printf("info widget=0x%lx parent=0x%lx size=%dx%d min=%dx%d resizable=%d\n",
         h->widget, h->parent, a.width, a.height, hints.min_width,
         hints.min_height,
         !(hints.flags & PMaxSize) || hints.max_width > hints.min_width);
}

static bool command(ui_host *h, char *line)
{
  char word[64] = "", name[64] = "";
  double value = 0, width = 0, height = 0;
  if (sscanf(line, "%63s", word) != 1) return true;
  if (!strcmp(word, "quit")) return false;
  if (!strcmp(word, "port") &&
      sscanf(line, "%*s %63s %lf", name, &value) == 2) {
    if (host_set(h->dsp, name, (float)value))
      printf("error: port %s %g refused\n", name, value);
    run_plugin(h, false);
  } else if (!strcmp(word, "where") && sscanf(line, "%*s %63s", name) == 1) {
    where(h, name);
  } else if (!strcmp(word, "resize") &&
             sscanf(line, "%*s %lf %lf", &width, &height) == 2) {
    /* as suil does when the host's window is resized */
    XResizeWindow(h->dpy, h->parent, (unsigned)width, (unsigned)height);
    XResizeWindow(h->dpy, h->widget, (unsigned)width, (unsigned)height);
    XSync(h->dpy, False);
    printf("ok\n");
  } else if (!strcmp(word, "info")) {
    info(h);
  } else if (!strcmp(word, "wait") && sscanf(line, "%*s %lf", &value) == 1) {
    idle_for(h, value / 1000);
    printf("ok\n");
  } else if (!strcmp(word, "sync") && sscanf(line, "%*s %63s", name) == 1) {
    printf("synced %s\n", name);
  } else {
    printf("error: unknown command: %s\n", line);
  }
  fflush(stdout);
  return true;
}

/* Reads commands with read(2), not stdio, so that no line waits in a
 * buffer that poll(2) cannot see. */
static void serve(ui_host *h)
{
  char buf[4096];
  size_t len = 0;
  for (;;) {
    struct pollfd in = {0, POLLIN, 0};
    idle_for(h, 0);
    if (poll(&in, 1, 10) <= 0) continue;
    const ssize_t got = read(0, buf + len, sizeof(buf) - 1 - len);
    if (got <= 0) return;
    len += (size_t)got;
    buf[len] = 0;
    char *line = buf, *end;
    while ((end = strchr(line, '\n'))) {
      *end = 0;
      if (!command(h, line)) return;
      run_plugin(h, false); /* the UI's writes change the outputs */
      line = end + 1;
    }
    len = strlen(line);
    memmove(buf, line, len + 1);
    if (len == sizeof(buf) - 1) len = 0; /* a line too long: dropped */
  }
}

int main(int argc, char **argv)
{
  ui_host h = {0};
  int cycles = 0;
  h.scale = 1.0f;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!strcmp(argv[i], "--scale")) h.scale = (float)atof(argv[i + 1]);
    if (!strcmp(argv[i], "--cycles")) cycles = atoi(argv[i + 1]);
  }
  setvbuf(stdout, NULL, _IOLBF, 0);
  h.dpy = XOpenDisplay(NULL);
  if (!h.dpy) {
    fail("cannot open the X display");
    return 1;
  }
  h.parent = XCreateSimpleWindow(h.dpy, DefaultRootWindow(h.dpy), 0, 0, 640,
                                 480, 0, 0, 0);
  XStoreName(h.dpy, h.parent, "ui-host");
  XMapRaised(h.dpy, h.parent);
  XSync(h.dpy, False);

  char err[256] = "";
  h.world = host_world();
  h.dsp = h.world
              ? host_load(h.world, BALUN_URI, 48000, BLOCK, err, sizeof(err))
              : NULL;
  int status = 1;
  if (!h.dsp) {
    fprintf(stderr, "ui-host: cannot load %s: %s\n", BALUN_URI, err);
  } else if (load_ui(&h)) {
    status = 0;
    for (int c = 0; c < (cycles ? cycles : 1) && !status; ++c) {
      if (!open_ui(&h)) {
        close_ui(&h);
        status = 1;
        break;
      }
      if (cycles) { /* draw, take automation, draw again */
        idle_for(&h, 0.3);
        host_set(h.dsp, "cable_length", 30.0f);
        host_set(h.dsp, "path_a", 5.0f);
        host_set(h.dsp, "headphone_a", 3.0f); /* the adapter, warning */
        host_set(h.dsp, "headphone_b", 2.0f);
        host_set(h.dsp, "headphone_volume", 6.0f); /* clipping */
        run_plugin(&h, false);
        idle_for(&h, 0.3);
        if (!drawn(&h)) {
          fail("the UI did not draw itself");
          status = 1;
        }
      } else
        serve(&h);
      close_ui(&h);
    }
  }
  if (h.lib) dlclose(h.lib);
  lilv_free(h.binary);
  lilv_free(h.bundle);
  host_free(h.dsp);
  if (h.world) lilv_world_free(h.world);
  XDestroyWindow(h.dpy, h.parent);
  XCloseDisplay(h.dpy);
  return status;
}
