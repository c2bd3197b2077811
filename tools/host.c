/* A small lilv host; see host.h. Everything is allocated in host_load() so
 * that the run functions only connect pointers and call the plugin. */
/* strdup() */
#define _POSIX_C_SOURCE 200809L

#include "host_private.h"

#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lv2/atom/atom.h>
#include <lv2/buf-size/buf-size.h>
#include <lv2/core/lv2.h>
#include <lv2/options/options.h>
#include <lv2/parameters/parameters.h>
#include <lv2/resize-port/resize-port.h>
#include <lv2/units/units.h>
#include <lv2/urid/urid.h>

/* Enough for any notify port we host: x42-eq asks for less. */
#define ATOM_MIN_CAPACITY 8192u

void host_fail(char *err, size_t err_len, const char *fmt, ...)
{
  if (!err || !err_len) return;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(err, err_len, fmt, ap);
  va_end(ap);
}

/* ---- urid:map and urid:unmap ---- */

static LV2_URID urid_map(LV2_URID_Map_Handle handle, const char *uri)
{
  urid_table *t = handle;
  for (uint32_t i = 0; i < t->count; ++i)
    if (!strcmp(t->uris[i], uri)) return i + 1;
  if (t->count == t->capacity) {
    uint32_t capacity = t->capacity ? 2 * t->capacity : 64;
    char **grown = realloc(t->uris, capacity * sizeof *grown);
    if (!grown) return 0; /* 0 is how urid:map says it failed */
    t->uris = grown;
    t->capacity = capacity;
  }
  char *copy = strdup(uri);
  if (!copy) return 0;
  t->uris[t->count++] = copy;
  return t->count;
}

static const char *urid_unmap(LV2_URID_Unmap_Handle handle, LV2_URID urid)
{
  const urid_table *t = handle;
  return urid >= 1 && urid <= t->count ? t->uris[urid - 1] : NULL;
}

static void urid_free(urid_table *t)
{
  for (uint32_t i = 0; i < t->count; ++i)
    free(t->uris[i]);
  free(t->uris);
}

/* ---- features and options ---- */

static void set_option(LV2_Options_Option *o, LV2_URID key, LV2_URID type,
                       uint32_t size, const void *value)
{
  *o = (LV2_Options_Option){LV2_OPTIONS_INSTANCE, 0, key, size, type, value};
}

/* ---- the worker: the plugin's jobs run right after its run(), on the
 * same thread, as a host rendering offline runs them, so a render repeats
 * exactly; their replies go back before run() returns to the caller ---- */

static LV2_Worker_Status queue_message(host_messages *q, uint32_t size,
                                       const void *data)
{
  if (q->count == HOST_WORK_SLOTS || size > HOST_WORK_BYTES)
    return LV2_WORKER_ERR_NO_SPACE;
  q->message[q->count].size = size;
  memcpy(q->message[q->count].data, data, size);
  ++q->count;
  return LV2_WORKER_SUCCESS;
}

static LV2_Worker_Status schedule_work(LV2_Worker_Schedule_Handle handle,
                                       uint32_t size, const void *data)
{
  host_plugin *h = handle;
  return queue_message(&h->jobs, size, data);
}

static LV2_Worker_Status respond(LV2_Worker_Respond_Handle handle,
                                 uint32_t size, const void *data)
{
  host_plugin *h = handle;
  return queue_message(&h->replies, size, data);
}

void host_run_worker(host_plugin *h)
{
  if (!h->worker) return;
  LV2_Handle instance = lilv_instance_get_handle(h->instance);
  for (uint32_t i = 0; i < h->jobs.count; ++i)
    h->worker->work(instance, respond, h, h->jobs.message[i].size,
                    h->jobs.message[i].data);
  h->jobs.count = 0;
  for (uint32_t i = 0; i < h->replies.count; ++i)
    h->worker->work_response(instance, h->replies.message[i].size,
                             h->replies.message[i].data);
  h->replies.count = 0;
  if (h->worker->end_run) h->worker->end_run(instance);
}

static void init_features(host_plugin *h, double rate, const LV2_Feature *extra,
                          bool worker)
{
  h->map = (LV2_URID_Map){&h->urids, urid_map};
  h->unmap = (LV2_URID_Unmap){&h->urids, urid_unmap};
  LV2_URID_Map *m = &h->map;
  h->atom_float = urid_map(m->handle, LV2_ATOM__Float);
  h->atom_double = urid_map(m->handle, LV2_ATOM__Double);
  h->atom_int = urid_map(m->handle, LV2_ATOM__Int);
  h->atom_long = urid_map(m->handle, LV2_ATOM__Long);
  h->atom_bool = urid_map(m->handle, LV2_ATOM__Bool);
  h->atom_sequence = urid_map(m->handle, LV2_ATOM__Sequence);
  h->atom_chunk = urid_map(m->handle, LV2_ATOM__Chunk);

  /* Run blocks vary from 0 to max_block frames (host_run's last block). */
  h->block_min = 0;
  h->block_max = (int32_t)h->max_block;
  h->sequence_size = (int32_t)h->atom_size;
  h->sample_rate = (float)rate;
  LV2_Options_Option *o = h->options;
  set_option(o++, urid_map(m->handle, LV2_BUF_SIZE__minBlockLength),
             h->atom_int, sizeof(int32_t), &h->block_min);
  set_option(o++, urid_map(m->handle, LV2_BUF_SIZE__maxBlockLength),
             h->atom_int, sizeof(int32_t), &h->block_max);
  set_option(o++, urid_map(m->handle, LV2_BUF_SIZE__nominalBlockLength),
             h->atom_int, sizeof(int32_t), &h->block_max);
  set_option(o++, urid_map(m->handle, LV2_BUF_SIZE__sequenceSize), h->atom_int,
             sizeof(int32_t), &h->sequence_size);
  set_option(o++, urid_map(m->handle, LV2_PARAMETERS__sampleRate),
             h->atom_float, sizeof(float), &h->sample_rate);
  *o = (LV2_Options_Option){LV2_OPTIONS_INSTANCE, 0, 0, 0, 0, NULL};

  h->f_map = (LV2_Feature){LV2_URID__map, &h->map};
  h->f_unmap = (LV2_Feature){LV2_URID__unmap, &h->unmap};
  h->f_options = (LV2_Feature){LV2_OPTIONS__options, h->options};
  h->f_bounded = (LV2_Feature){LV2_BUF_SIZE__boundedBlockLength, NULL};
  h->features[0] = &h->f_map;
  h->features[1] = &h->f_unmap;
  h->features[2] = &h->f_options;
  h->features[3] = &h->f_bounded;
  h->schedule = (LV2_Worker_Schedule){h, schedule_work};
  h->f_schedule = (LV2_Feature){LV2_WORKER__schedule, &h->schedule};
  int n = 4;
  if (worker) h->features[n++] = &h->f_schedule;
  h->features[n++] = extra;
  h->features[n] = NULL;
}

static bool is_supported_feature(const host_plugin *h, const char *uri)
{
  for (const LV2_Feature *const *f = h->features; *f; ++f)
    if (!strcmp((*f)->URI, uri)) return true;
  /* A property of the plugin some TTLs list as required: nothing to pass. */
  return !strcmp(uri, LV2_CORE__hardRTCapable);
}

static bool is_provided_option(const host_plugin *h, const char *uri)
{
  for (const LV2_Options_Option *o = h->options; o->key; ++o)
    if (!strcmp(urid_unmap(h->unmap.handle, o->key), uri)) return true;
  return false;
}

static const char *plugin_uri(const host_plugin *h)
{
  return lilv_node_as_uri(lilv_plugin_get_uri(h->plugin));
}

/* The first of `nodes` for which `provided` is false, or NULL. */
static const char *first_missing(const host_plugin *h, const LilvNodes *nodes,
                                 bool (*provided)(const host_plugin *,
                                                  const char *))
{
  for (LilvIter *i = lilv_nodes_begin(nodes); !lilv_nodes_is_end(nodes, i);
       i = lilv_nodes_next(nodes, i)) {
    const char *uri = lilv_node_as_uri(lilv_nodes_get(nodes, i));
    if (!provided(h, uri)) return uri;
  }
  return NULL;
}

/* Every required feature and option must be one this host provides. */
static bool check_requirements(host_plugin *h, char *err, size_t err_len)
{
  LilvNodes *features = lilv_plugin_get_required_features(h->plugin);
  const char *missing = first_missing(h, features, is_supported_feature);
  if (missing)
    host_fail(err, err_len,
              "%s requires the feature <%s>, unsupported by this host",
              plugin_uri(h), missing);
  lilv_nodes_free(features);
  if (missing) return false;

  LilvNode *pred = lilv_new_uri(h->world, LV2_OPTIONS__requiredOption);
  LilvNodes *options = lilv_plugin_get_value(h->plugin, pred);
  missing = first_missing(h, options, is_provided_option);
  if (missing)
    host_fail(err, err_len,
              "%s requires the option <%s>, unsupported by this host",
              plugin_uri(h), missing);
  lilv_nodes_free(options);
  lilv_node_free(pred);
  return !missing;
}

/* ---- ports ---- */

static char *node_strdup(LilvNode *node)
{
  char *s = strdup(node ? lilv_node_as_string(node) : "");
  lilv_node_free(node);
  return s;
}

/* units:symbol of the port's unit, for a standard unit (described in the
 * units bundle) or one the plugin defines; else the unit URI's fragment. */
static char *port_unit(const host_plugin *h, const LilvPort *port)
{
  LilvNode *pred = lilv_new_uri(h->world, LV2_UNITS__unit);
  LilvNode *unit = lilv_port_get(h->plugin, port, pred);
  lilv_node_free(pred);
  if (!unit) return NULL;
  pred = lilv_new_uri(h->world, LV2_UNITS__symbol);
  LilvNode *symbol = lilv_world_get(h->world, unit, pred, NULL);
  lilv_node_free(pred);
  char *result;
  if (symbol) {
    result = strdup(lilv_node_as_string(symbol));
  } else {
    const char *uri = lilv_node_as_string(unit);
    const char *hash = strrchr(uri, '#');
    result = strdup(hash ? hash + 1 : uri);
  }
  lilv_node_free(symbol);
  lilv_node_free(unit);
  return result;
}

static bool port_is(const host_plugin *h, const LilvPort *port,
                    const char *class_uri)
{
  LilvNode *c = lilv_new_uri(h->world, class_uri);
  bool is = lilv_port_is_a(h->plugin, port, c);
  lilv_node_free(c);
  return is;
}

static bool port_has(const host_plugin *h, const LilvPort *port,
                     const char *property_uri)
{
  LilvNode *p = lilv_new_uri(h->world, property_uri);
  bool has = lilv_port_has_property(h->plugin, port, p);
  lilv_node_free(p);
  return has;
}

/* The byte size an atom port asks for with rsz:minimumSize, or 0. */
static uint32_t port_minimum_size(const host_plugin *h, const LilvPort *port)
{
  LilvNode *pred = lilv_new_uri(h->world, LV2_RESIZE_PORT__minimumSize);
  LilvNode *size = lilv_port_get(h->plugin, port, pred);
  lilv_node_free(pred);
  int n = size && lilv_node_is_int(size) ? lilv_node_as_int(size) : 0;
  lilv_node_free(size);
  return n > 0 ? (uint32_t)n : 0;
}

/* A NaN-free starting value inside the declared range. */
static float initial_value(float minimum, float fallback, float maximum)
{
  float v = fallback;
  if (isnan(v)) v = isfinite(minimum) ? minimum : 0.0f;
  if (v < minimum) v = minimum; /* comparisons with NaN are false */
  if (v > maximum) v = maximum;
  return v;
}

static bool describe_ports(host_plugin *h, char *err, size_t err_len)
{
  const uint32_t n = h->n_ports;
  float *mins = malloc(n * sizeof *mins);
  float *maxs = malloc(n * sizeof *maxs);
  float *defs = malloc(n * sizeof *defs);
  bool ok = mins && maxs && defs;
  if (ok) lilv_plugin_get_port_ranges_float(h->plugin, mins, maxs, defs);
  int audio_ins = 0, audio_outs = 0;
  for (uint32_t i = 0; ok && i < n; ++i) {
    const LilvPort *port = lilv_plugin_get_port_by_index(h->plugin, i);
    host_port_info *p = &h->ports[i];
    p->symbol =
        strdup(lilv_node_as_string(lilv_port_get_symbol(h->plugin, port)));
    p->name = node_strdup(lilv_port_get_name(h->plugin, port));
    p->unit = port_unit(h, port);
    p->minimum = mins[i];
    p->fallback = defs[i];
    p->maximum = maxs[i];
    const bool input = port_is(h, port, LV2_CORE__InputPort);
    if (port_is(h, port, LV2_CORE__ControlPort)) {
      p->kind = input ? HOST_CONTROL_IN : HOST_CONTROL_OUT;
      h->controls[i] = input ? initial_value(mins[i], defs[i], maxs[i]) : 0;
    } else if (port_is(h, port, LV2_CORE__AudioPort)) {
      p->kind = input ? HOST_AUDIO_IN : HOST_AUDIO_OUT;
      if (input && audio_ins < 2) h->audio_in[audio_ins++] = (int)i;
      if (!input && audio_outs < 2) h->audio_out[audio_outs++] = (int)i;
    } else if (port_is(h, port, LV2_ATOM__AtomPort)) {
      p->kind = input ? HOST_ATOM_IN : HOST_ATOM_OUT;
      uint32_t size = port_minimum_size(h, port);
      if (size > h->atom_size) h->atom_size = size;
    } else if (port_is(h, port, LV2_CORE__CVPort)) {
      p->kind = input ? HOST_CV_IN : HOST_CV_OUT;
    } else if (port_has(h, port, LV2_CORE__connectionOptional)) {
      p->kind = HOST_UNCONNECTED;
    } else {
      host_fail(err, err_len, "port '%s' has a type this host does not support",
                p->symbol);
      ok = false;
    }
    if (ok && (!p->symbol || !p->name)) {
      host_fail(err, err_len, "out of memory");
      ok = false;
    }
  }
  if (!mins || !maxs || !defs) host_fail(err, err_len, "out of memory");
  free(mins);
  free(maxs);
  free(defs);
  return ok;
}

static bool allocate_buffers(host_plugin *h, char *err, size_t err_len)
{
  h->silence = calloc(h->max_block, sizeof(float));
  h->scratch = calloc(h->max_block, sizeof(float));
  bool ok = h->silence && h->scratch;
  for (int c = 0; ok && h->in_place_broken && c < 2; ++c)
    ok = (h->in_copy[c] = calloc(h->max_block, sizeof(float))) != NULL;
  for (uint32_t i = 0; ok && i < h->n_ports; ++i) {
    host_port_kind k = h->ports[i].kind;
    if (k != HOST_ATOM_IN && k != HOST_ATOM_OUT) continue;
    /* calloc: atoms want 64-bit alignment, which malloc gives. */
    ok = (h->atoms[i] = calloc(1, h->atom_size)) != NULL;
  }
  if (!ok) host_fail(err, err_len, "out of memory");
  return ok;
}

/* Before every run: inputs hold an empty sequence, outputs a chunk as big
 * as the buffer, as the atom spec asks of hosts. */
static void reset_atoms(host_plugin *h)
{
  for (uint32_t i = 0; i < h->n_ports; ++i) {
    LV2_Atom *a = h->atoms[i];
    if (!a) continue;
    if (h->ports[i].kind == HOST_ATOM_IN) {
      LV2_Atom_Sequence *seq = (LV2_Atom_Sequence *)a;
      seq->atom.size = sizeof(LV2_Atom_Sequence_Body);
      seq->atom.type = h->atom_sequence;
      seq->body.unit = 0;
      seq->body.pad = 0;
    } else {
      a->size = h->atom_size - sizeof(LV2_Atom);
      a->type = h->atom_chunk;
    }
  }
}

static void connect_ports(host_plugin *h)
{
  for (uint32_t i = 0; i < h->n_ports; ++i) {
    void *buf = NULL;
    switch (h->ports[i].kind) {
    case HOST_CONTROL_IN:
    case HOST_CONTROL_OUT:
      buf = &h->controls[i];
      break;
    case HOST_AUDIO_IN:
    case HOST_CV_IN:
      buf = h->silence;
      break;
    case HOST_AUDIO_OUT:
    case HOST_CV_OUT:
      buf = h->scratch;
      break;
    case HOST_ATOM_IN:
    case HOST_ATOM_OUT:
      buf = h->atoms[i];
      break;
    case HOST_UNCONNECTED:
      break;
    }
    lilv_instance_connect_port(h->instance, i, buf);
  }
  reset_atoms(h);
}

/* ---- load and free ---- */

LilvWorld *host_world(void)
{
  LilvWorld *world = lilv_world_new();
  if (world) lilv_world_load_all(world);
  return world;
}

const LilvPlugin *host_find(LilvWorld *world, const char *uri)
{
  LilvNode *node = lilv_new_uri(world, uri);
  const LilvPlugin *plugin =
      lilv_plugins_get_by_uri(lilv_world_get_all_plugins(world), node);
  lilv_node_free(node);
  return plugin;
}

static bool plugin_has(const host_plugin *h, const char *property_uri)
{
  LilvNode *p = lilv_new_uri(h->world, property_uri);
  bool has = lilv_plugin_has_feature(h->plugin, p);
  lilv_node_free(p);
  return has;
}

host_plugin *host_load(LilvWorld *world, const char *uri, double rate,
                       uint32_t max_block, char *err, size_t err_len)
{
  return host_load_with(world, uri, rate, max_block, NULL, err, err_len);
}

static host_plugin *load(LilvWorld *world, const char *uri, double rate,
                         uint32_t max_block, const LV2_Feature *extra,
                         bool worker, char *err, size_t err_len);

host_plugin *host_load_with(LilvWorld *world, const char *uri, double rate,
                            uint32_t max_block, const LV2_Feature *extra,
                            char *err, size_t err_len)
{
  return load(world, uri, rate, max_block, extra, true, err, err_len);
}

host_plugin *host_load_without_worker(LilvWorld *world, const char *uri,
                                      double rate, uint32_t max_block,
                                      char *err, size_t err_len)
{
  return load(world, uri, rate, max_block, NULL, false, err, err_len);
}

static host_plugin *load(LilvWorld *world, const char *uri, double rate,
                         uint32_t max_block, const LV2_Feature *extra,
                         bool worker, char *err, size_t err_len)
{
  if (!(rate > 0) || max_block == 0 || max_block > INT32_MAX) {
    host_fail(err, err_len, "invalid sample rate %g or block length %u", rate,
              max_block);
    return NULL;
  }
  const LilvPlugin *plugin = host_find(world, uri);
  if (!plugin) {
    const char *path = getenv("LV2_PATH");
    host_fail(err, err_len, "plugin <%s> not found on LV2_PATH (%s)", uri,
              path ? path : "unset: ~/.lv2:/usr/local/lib/lv2:/usr/lib/lv2");
    return NULL;
  }
  host_plugin *h = calloc(1, sizeof *h);
  if (!h) {
    host_fail(err, err_len, "out of memory");
    return NULL;
  }
  h->world = world;
  h->plugin = plugin;
  h->max_block = max_block;
  h->n_ports = lilv_plugin_get_num_ports(plugin);
  h->audio_in[0] = h->audio_in[1] = h->audio_out[0] = h->audio_out[1] = -1;
  h->atom_size = ATOM_MIN_CAPACITY;
  h->ports = calloc(h->n_ports ? h->n_ports : 1, sizeof *h->ports);
  h->controls = calloc(h->n_ports ? h->n_ports : 1, sizeof *h->controls);
  h->atoms = calloc(h->n_ports ? h->n_ports : 1, sizeof *h->atoms);
  if (!h->ports || !h->controls || !h->atoms) {
    host_fail(err, err_len, "out of memory");
    host_free(h);
    return NULL;
  }
  h->in_place_broken = plugin_has(h, LV2_CORE__inPlaceBroken);
  if (!describe_ports(h, err, err_len) || !allocate_buffers(h, err, err_len)) {
    host_free(h);
    return NULL;
  }
  init_features(h, rate, extra, worker);
  if (!check_requirements(h, err, err_len)) {
    host_free(h);
    return NULL;
  }
  h->instance = lilv_plugin_instantiate(plugin, rate, h->features);
  if (!h->instance) {
    host_fail(err, err_len,
              "instantiating <%s> at %g Hz failed (its binary "
              "did not load or its instantiate() returned NULL)",
              uri, rate);
    host_free(h);
    return NULL;
  }
  h->worker =
      lilv_instance_get_extension_data(h->instance, LV2_WORKER__interface);
  connect_ports(h);
  lilv_instance_activate(h->instance);
  return h;
}

void host_free(host_plugin *h)
{
  if (!h) return;
  if (h->instance) {
    lilv_instance_deactivate(h->instance);
    lilv_instance_free(h->instance);
  }
  for (uint32_t i = 0; h->ports && i < h->n_ports; ++i) {
    free((char *)h->ports[i].symbol);
    free((char *)h->ports[i].name);
    free((char *)h->ports[i].unit);
  }
  for (uint32_t i = 0; h->atoms && i < h->n_ports; ++i)
    free(h->atoms[i]);
  free(h->ports);
  free(h->controls);
  free(h->atoms);
  free(h->silence);
  free(h->scratch);
  free(h->in_copy[0]);
  free(h->in_copy[1]);
  urid_free(&h->urids);
  free(h);
}

/* ---- control ports ---- */

uint32_t host_port_count(const host_plugin *h)
{
  return h->n_ports;
}

const host_port_info *host_port(const host_plugin *h, uint32_t index)
{
  return index < h->n_ports ? &h->ports[index] : NULL;
}

int host_port_index(const host_plugin *h, const char *symbol)
{
  for (uint32_t i = 0; i < h->n_ports; ++i)
    if (!strcmp(h->ports[i].symbol, symbol)) return (int)i;
  return -1;
}

int host_check_value(const host_plugin *h, const char *symbol, float value)
{
  int i = host_port_index(h, symbol);
  if (i < 0) return -1;
  const host_port_info *p = &h->ports[i];
  if (p->kind != HOST_CONTROL_IN) return -3;
  if (isnan(value) || value < p->minimum || value > p->maximum) return -2;
  return i;
}

int host_set(host_plugin *h, const char *symbol, float value)
{
  int i = host_check_value(h, symbol, value);
  if (i < 0) return i;
  h->controls[i] = value;
  return 0;
}

void host_set_raw(host_plugin *h, uint32_t index, float value)
{
  if (index >= h->n_ports) return;
  host_port_kind k = h->ports[index].kind;
  if (k == HOST_CONTROL_IN || k == HOST_CONTROL_OUT) h->controls[index] = value;
}

float host_get(const host_plugin *h, const char *symbol)
{
  int i = host_port_index(h, symbol);
  if (i < 0) return NAN;
  host_port_kind k = h->ports[i].kind;
  return k == HOST_CONTROL_IN || k == HOST_CONTROL_OUT ? h->controls[i] : NAN;
}

/* ---- running ---- */

static const float *input_or_silence(const host_plugin *h, const float *buf)
{
  return buf ? buf : h->silence;
}

void host_connect_audio(host_plugin *h, const float *in_l, const float *in_r,
                        float *out_l, float *out_r)
{
  const float *in[2] = {input_or_silence(h, in_l), input_or_silence(h, in_r)};
  float *out[2] = {out_l ? out_l : h->scratch, out_r ? out_r : h->scratch};
  for (int c = 0; c < 2; ++c) {
    h->in_user[c] = in[c];
    if (h->audio_in[c] >= 0)
      lilv_instance_connect_port(h->instance, (uint32_t)h->audio_in[c],
                                 h->in_place_broken ? h->in_copy[c]
                                                    : (void *)in[c]);
    if (h->audio_out[c] >= 0)
      lilv_instance_connect_port(h->instance, (uint32_t)h->audio_out[c],
                                 out[c]);
  }
}

int host_run_connected(host_plugin *h, uint32_t n)
{
  const int status = host_run_plugin(h, n);
  host_run_worker(h);
  return status;
}

int host_run_plugin(host_plugin *h, uint32_t n)
{
  if (n > h->max_block) return -1;
  if (h->in_place_broken)
    for (int c = 0; c < 2; ++c)
      memcpy(h->in_copy[c], h->in_user[c], n * sizeof(float));
  reset_atoms(h);
  lilv_instance_run(h->instance, n);
  return 0;
}

void host_run(host_plugin *h, const float *in_l, const float *in_r,
              float *out_l, float *out_r, uint32_t n_frames)
{
  uint32_t done = 0;
  do {
    uint32_t n = n_frames - done;
    if (n > h->max_block) n = h->max_block;
    /* NULL stays NULL (silence or scratch); others advance by block. */
    host_connect_audio(h, in_l ? in_l + done : NULL, in_r ? in_r + done : NULL,
                       out_l ? out_l + done : NULL,
                       out_r ? out_r + done : NULL);
    host_run_connected(h, n);
    done += n;
  } while (done < n_frames);
  /* Leave nothing pointing into the caller's buffers. */
  host_connect_audio(h, NULL, NULL, NULL, NULL);
}

LilvInstance *host_instance(host_plugin *h)
{
  return h->instance;
}

const LilvPlugin *host_lilv_plugin(const host_plugin *h)
{
  return h->plugin;
}
