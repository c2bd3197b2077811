/* The LV2 UI glue: features in, ports both ways, an idle callback. The
 * view talks to the plugin only through ports, so it works in a separate
 * process (Carla's bridges) as well as in the host's. */
#include <stdlib.h>
#include <string.h>

#include <lv2/atom/atom.h>
#include <lv2/options/options.h>
#include <lv2/ui/ui.h>
#include <lv2/urid/urid.h>

#include "ui.h"
#include "window.h"

typedef struct {
  balun_ui ui;
  balun_window *window;
  LV2UI_Write_Function write;
  LV2UI_Controller controller;
} glue;

/* The view's port writes, in LV2's float protocol (format 0). */
static void write_port(void *host, balun_port port, float value)
{
  glue *g = host;
  g->write(g->controller, (uint32_t)port, sizeof(float), 0, &value);
}

/* ui:scaleFactor from the host's options, or 0 if it sends none. */
static double scale_factor(const LV2_Options_Option *options,
                           const LV2_URID_Map *map)
{
  if (!options || !map) return 0.0;
  const LV2_URID key = map->map(map->handle, LV2_UI__scaleFactor);
  const LV2_URID type = map->map(map->handle, LV2_ATOM__Float);
  for (const LV2_Options_Option *o = options; o->key; ++o)
    if (o->key == key && o->type == type && o->size == sizeof(float))
      return *(const float *)o->value;
  return 0.0;
}

static LV2UI_Handle instantiate(const LV2UI_Descriptor *descriptor,
                                const char *plugin_uri, const char *bundle_path,
                                LV2UI_Write_Function write,
                                LV2UI_Controller controller,
                                LV2UI_Widget *widget,
                                const LV2_Feature *const *features)
{
  (void)descriptor, (void)bundle_path;
  if (strcmp(plugin_uri, BALUN_URI)) return NULL;
  void *parent = NULL;
  const LV2_URID_Map *map = NULL;
  const LV2_Options_Option *options = NULL;
  for (int i = 0; features && features[i]; ++i) {
    if (!strcmp(features[i]->URI, LV2_UI__parent))
      parent = features[i]->data;
    else if (!strcmp(features[i]->URI, LV2_URID__map))
      map = features[i]->data;
    else if (!strcmp(features[i]->URI, LV2_OPTIONS__options))
      options = features[i]->data;
  }
  glue *g = calloc(1, sizeof(*g));
  if (!g) return NULL;
  g->write = write;
  g->controller = controller;
  if (!ui_init(&g->ui, 1.0, write_port, g)) {
    ui_destroy(&g->ui);
    free(g);
    return NULL;
  }
  g->window = window_new((uintptr_t)parent, scale_factor(options, map), &g->ui);
  if (!g->window) {
    ui_destroy(&g->ui);
    free(g);
    return NULL;
  }
  *widget = (LV2UI_Widget)window_native(g->window);
  return g;
}

static void cleanup(LV2UI_Handle handle)
{
  glue *g = handle;
  window_free(g->window);
  ui_destroy(&g->ui);
  free(g);
}

static void port_event(LV2UI_Handle handle, uint32_t port, uint32_t size,
                       uint32_t format, const void *buffer)
{
  glue *g = handle;
  if (format == 0 && size == sizeof(float) && port < PORT_COUNT)
    ui_port_event(&g->ui, (balun_port)port, *(const float *)buffer);
}

static int idle(LV2UI_Handle handle)
{
  glue *g = handle;
  window_idle(g->window);
  return 0;
}

static const void *extension_data(const char *uri)
{
  static const LV2UI_Idle_Interface idle_interface = {idle};
  if (!strcmp(uri, LV2_UI__idleInterface)) return &idle_interface;
  return NULL;
}

static const LV2UI_Descriptor descriptor = {BALUN_UI_URI, instantiate, cleanup,
                                            port_event, extension_data};

LV2_SYMBOL_EXPORT const LV2UI_Descriptor *lv2ui_descriptor(uint32_t index)
{
  return index == 0 ? &descriptor : NULL;
}
