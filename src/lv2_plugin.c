/* The LV2 glue: ports in, engine out. Everything physical is in the model
 * and the engine; this file only maps ports and keeps the host's values
 * safe. */
#include <lv2/atom/atom.h>
#include <lv2/buf-size/buf-size.h>
#include <lv2/core/lv2.h>
#include <lv2/options/options.h>
#include <lv2/urid/urid.h>
#include <lv2/worker/worker.h>
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
  readout_clock readouts; /* when the next job is due */
  bool in_flight;         /* a job is on the worker */
  uint32_t era;           /* activate() counts: an answer from before is old */
  bool first;             /* the first job since activate(): done at once */
  bool shown;             /* figures[] as the mixer-strip view shows them */
  inline_display display; /* Ardour's mixer-strip view */
  balun_engine *engine;
  /* the jobs (plugin_job): on the host's worker where it offers one,
   * with its builder; else here, in run(), with the engine's */
  const LV2_Worker_Schedule *worker;
  hum_builder *builder; /* the worker's; run()'s is the engine's */
} plugin;

static const void *feature(const LV2_Feature *const *f, const char *uri)
{
  for (; f && *f; ++f)
    if (!strcmp((*f)->URI, uri)) return (*f)->data;
  return NULL;
}

/* The block the host runs (buf-size:nominalBlockLength, else its
 * maxBlockLength), 0 where it says neither. */
static uint32_t block_of(const LV2_Feature *const *features)
{
  const LV2_URID_Map *map = feature(features, LV2_URID__map);
  const LV2_Options_Option *o = feature(features, LV2_OPTIONS__options);
  if (!map || !o) return 0;
  const LV2_URID nominal =
      map->map(map->handle, LV2_BUF_SIZE__nominalBlockLength);
  const LV2_URID most = map->map(map->handle, LV2_BUF_SIZE__maxBlockLength);
  const LV2_URID type = map->map(map->handle, LV2_ATOM__Int);
  int32_t n = 0;
  for (; o->key; ++o)
    if ((o->key == nominal || (o->key == most && n == 0)) && o->type == type &&
        o->size == sizeof(int32_t))
      n = *(const int32_t *)o->value;
  return n > 0 ? (uint32_t)n : 0;
}

static LV2_Handle instantiate(const LV2_Descriptor *descriptor, double rate,
                              const char *bundle_path,
                              const LV2_Feature *const *features)
{
  (void)descriptor, (void)bundle_path;
  plugin *self = calloc(1, sizeof(*self));
  if (!self) return NULL;
  self->engine = engine_new(rate);
  self->builder = hum_builder_new(rate);
  if (!self->engine || !self->builder) {
    engine_free(self->engine);
    hum_builder_free(self->builder);
    free(self);
    return NULL;
  }
  self->worker = feature(features, LV2_WORKER__schedule);
  engine_set_hum_latency(self->engine, block_of(features));
  port_defaults(self->seen);
  readout_clock_init(&self->readouts, rate);
  inline_display_init(&self->display, (int)self->seen[PORT_LISTEN],
                      self->seen[PORT_ENABLED] >= 0.5f, features);
  self->fresh = true; /* even a host that forgets activate() gets sound */
  self->first = true;
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
  self->first = true;
  self->in_flight = false; /* a late answer from before is dropped */
  ++self->era;
  /* the circuit for the controls as they were (the defaults, or the last
   * run's), solved here, off the audio thread: where the first block
   * brings the same, its solve in run() finds it done (hum_tables.h) */
  hum_builder_lines(engine_builder(self->engine), self->seen);
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

/* What is worked out off the audio thread: the readouts for the controls
 * of the block that asked, and, where the line changed, the hum's tables
 * (engine.h). One at a time; the first after a quiet spell at once, then
 * at most one per 40 ms (readout_clock.h). */
typedef struct {
  hum_job hum; /* its controls are the job's */
  bool tables; /* hum.set is to be built */
  uint32_t era;
  balun_figures figures[2];
} plugin_job;

/* The work itself: on the worker's thread, or in run(). */
static void do_job(plugin *self, plugin_job *job, hum_builder *builder)
{
  if (job->tables)
    hum_tables_build(engine_hum_set(self->engine, &job->hum), job->hum.controls,
                     builder);
  figures_from_hum(job->hum.controls,
                   hum_builder_lines(builder, job->hum.controls), job->figures);
}

/* ... and its answer, on the audio thread (in run(), or in
 * work_response(), which the host calls on it). */
static void job_done(plugin *self, const plugin_job *job)
{
  if (job->tables) engine_hum_built(self->engine, &job->hum);
  if (job->era != self->era) return; /* asked before activate() */
  memcpy(self->figures, job->figures, sizeof self->figures);
  self->in_flight = false;
  self->shown = false;
  /* on the ports at once: a host reads them after the worker's answers,
   * which it delivers after run() (as work_response() is called) */
  write_outputs(self);
}

/* A job when one is due: on the worker, or at once where there is none
 * (or its queue is full), and at once the first after activate(), so the
 * readouts are right from the first block. */
static void ask(plugin *self, bool changed, uint32_t n_samples)
{
  const bool wanted = changed || engine_hum_wanted(self->engine);
  if (!readout_clock_tick(&self->readouts, wanted, self->in_flight, n_samples))
    return;
  plugin_job job;
  job.tables = engine_hum_job(self->engine, &job.hum);
  if (!job.tables) memcpy(job.hum.controls, self->seen, sizeof self->seen);
  job.era = self->era;
  const bool now = self->first || !self->worker;
  self->first = false;
  self->in_flight = true;
  if (!now && self->worker->schedule_work(self->worker->handle, sizeof job,
                                          &job) == LV2_WORKER_SUCCESS)
    return;
  do_job(self, &job, engine_builder(self->engine));
  job_done(self, &job);
}

static void run(LV2_Handle instance, uint32_t n_samples)
{
  plugin *self = instance;
  const fp_mode host_mode = denormals_flush_begin();
  const bool changed = read_controls(self);
  if (changed) engine_set_controls(self->engine, self->seen);
  ask(self, changed, n_samples);
  if (!self->shown || changed)
    inline_display_show(&self->display, (int)self->seen[PORT_LISTEN],
                        self->seen[PORT_ENABLED] >= 0.5f, self->figures);
  self->shown = true;
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
  hum_builder_free(self->builder);
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

/* The worker's side, off the audio thread (one job at a time: ask()). */
static LV2_Worker_Status work(LV2_Handle instance,
                              LV2_Worker_Respond_Function respond,
                              LV2_Worker_Respond_Handle handle, uint32_t size,
                              const void *data)
{
  plugin *self = instance;
  if (size != sizeof(plugin_job)) return LV2_WORKER_ERR_UNKNOWN;
  plugin_job job;
  memcpy(&job, data, sizeof job);
  do_job(self, &job, self->builder);
  return respond(handle, sizeof job, &job);
}

/* ... and back on the audio thread. */
static LV2_Worker_Status work_response(LV2_Handle instance, uint32_t size,
                                       const void *body)
{
  plugin *self = instance;
  if (size != sizeof(plugin_job)) return LV2_WORKER_ERR_UNKNOWN;
  plugin_job job;
  memcpy(&job, body, sizeof job);
  job_done(self, &job);
  return LV2_WORKER_SUCCESS;
}

static const void *extension_data(const char *uri)
{
  static const LV2_Inline_Display_Interface display = {render};
  static const LV2_Worker_Interface worker = {work, work_response, NULL};
  if (!strcmp(uri, LV2_INLINEDISPLAY__interface)) return &display;
  if (!strcmp(uri, LV2_WORKER__interface)) return &worker;
  return NULL;
}

static const LV2_Descriptor descriptor = {
    BALUN_URI, instantiate, connect_port, activate,
    run,       deactivate,  cleanup,      extension_data};

LV2_SYMBOL_EXPORT const LV2_Descriptor *lv2_descriptor(uint32_t index)
{
  return index == 0 ? &descriptor : NULL;
}
