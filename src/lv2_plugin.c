/* The LV2 glue: ports in, engine out. Everything physical is in the model
 * and the engine; this file only maps ports and keeps the host's values
 * safe. */
#include <lv2/core/lv2.h>
#include <stdlib.h>
#include <string.h>

#include "denormals.h"
#include "engine.h"
#include "inline_display.h"
#include "model.h"
#include "ports.h"
#include "readout_clock.h"

typedef struct {
  float *port[PORT_COUNT];
  float seen[PORT_COUNT]; /* last sanitized control values */
  bool fresh;             /* controls not read since activate */
  balun_figures figures[2];
  readout_clock readouts; /* when figures[] is worked out again */
  inline_display display; /* Ardour's mixer-strip view */
  balun_engine *engine;
} plugin;

static LV2_Handle instantiate(const LV2_Descriptor *descriptor, double rate,
                              const char *bundle_path,
                              const LV2_Feature *const *features)
{
  (void)descriptor, (void)bundle_path;
  plugin *self = calloc(1, sizeof(*self));
  if (!self) return NULL;
  self->engine = engine_new(rate);
  if (!self->engine) {
    free(self);
    return NULL;
  }
  port_defaults(self->seen);
  readout_clock_init(&self->readouts, rate);
  inline_display_init(&self->display, (int)self->seen[PORT_LISTEN],
                      self->seen[PORT_ENABLED] >= 0.5f, features);
  self->fresh = true; /* even a host that forgets activate() gets sound */
  return self;
}

static void connect_port(LV2_Handle instance, uint32_t port, void *data)
{
  plugin *self = instance;
  if (port < PORT_COUNT) self->port[port] = data;
}

static void activate(LV2_Handle instance)
{
  plugin *self = instance;
  engine_reset(self->engine);
  readout_clock_restart(&self->readouts);
  self->fresh = true;
}

/* Reads the control ports; true when any of them changed. */
static bool read_controls(plugin *self)
{
  bool changed = self->fresh;
  for (int k = 0; k < PORT_N_CONTROLS; ++k) {
    const balun_port i = port_controls[k];
    if (!self->port[i]) continue; /* unconnected: keep the last value */
    const float v = port_sanitize((balun_port)i, *self->port[i]);
    if (v != self->seen[i]) {
      self->seen[i] = v;
      changed = true;
    }
  }
  self->fresh = false;
  return changed;
}

static void write_outputs(plugin *self)
{
  for (int k = 0; k < PORT_N_OUTPUTS; ++k) {
    const balun_port o = port_outputs[k];
    if (self->port[o])
      *self->port[o] = port_output_value(o, figures_readout(self->figures, o));
  }
}

static void run(LV2_Handle instance, uint32_t n_samples)
{
  plugin *self = instance;
  const fp_mode host_mode = denormals_flush_begin();
  const bool changed = read_controls(self);
  if (changed) engine_set_controls(self->engine, self->seen);
  const bool worked_out =
      readout_clock_tick(&self->readouts, changed, n_samples);
  if (worked_out) figures_from_ports(self->seen, self->figures);
  if (worked_out || changed)
    inline_display_show(&self->display, (int)self->seen[PORT_LISTEN],
                        self->seen[PORT_ENABLED] >= 0.5f, self->figures);
  write_outputs(self);
  if (self->port[PORT_IN_L] && self->port[PORT_IN_R] &&
      self->port[PORT_OUT_L] && self->port[PORT_OUT_R])
    engine_process(self->engine, self->port[PORT_IN_L], self->port[PORT_IN_R],
                   self->port[PORT_OUT_L], self->port[PORT_OUT_R], n_samples);
  denormals_flush_end(host_mode);
}

static void deactivate(LV2_Handle instance)
{
  (void)instance;
}

static void cleanup(LV2_Handle instance)
{
  plugin *self = instance;
  engine_free(self->engine);
  inline_display_free(&self->display);
  free(self);
}

/* Called by the host's GUI thread, never from run(). */
static LV2_Inline_Display_Image_Surface *render(LV2_Handle instance, uint32_t w,
                                                uint32_t max_h)
{
  plugin *self = instance;
  return inline_display_render(&self->display, w, max_h);
}

static const void *extension_data(const char *uri)
{
  static const LV2_Inline_Display_Interface display = {render};
  if (!strcmp(uri, LV2_INLINEDISPLAY__interface)) return &display;
  return NULL;
}

static const LV2_Descriptor descriptor = {
    BALUN_URI, instantiate, connect_port, activate,
    run,       deactivate,  cleanup,      extension_data};

LV2_SYMBOL_EXPORT const LV2_Descriptor *lv2_descriptor(uint32_t index)
{
  return index == 0 ? &descriptor : NULL;
}
