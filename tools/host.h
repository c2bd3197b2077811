/* A small lilv host: loads one plugin the way a real host does (discovery
 * through LV2_PATH, features, control and atom buffers, presets) so the
 * renderer, the benchmark and the tests all exercise the installed bundle
 * rather than the objects they were linked with.
 *
 * Not thread-safe; host_run() and host_run_connected() allocate nothing. */
#ifndef BALUN_HOST_H
#define BALUN_HOST_H

#include <stddef.h>
#include <stdint.h>

#include <lilv/lilv.h>
#include <lv2/core/lv2.h>

typedef struct host_plugin host_plugin;

typedef enum {
  HOST_AUDIO_IN,
  HOST_AUDIO_OUT,
  HOST_CONTROL_IN,
  HOST_CONTROL_OUT,
  HOST_ATOM_IN,
  HOST_ATOM_OUT,
  HOST_CV_IN,      /* connected to silence */
  HOST_CV_OUT,     /* connected to scratch */
  HOST_UNCONNECTED /* an optional port of a type this host does not know */
} host_port_kind;

typedef struct {
  const char *symbol;
  const char *name;
  host_port_kind kind;
  float minimum, fallback, maximum; /* NaN where the TTL declares none */
  const char *unit;                 /* units:symbol, or NULL */
} host_port_info;

/* A world with every bundle on LV2_PATH (or the default path) loaded.
 * Free it with lilv_world_free() after the plugins loaded from it. */
LilvWorld *host_world(void);

/* The plugin with this URI in `world`, or NULL if it is not installed. */
const LilvPlugin *host_find(LilvWorld *world, const char *uri);

/* Instantiates and activates `uri` for blocks of at most `max_block`
 * frames. Control inputs start at their lv2:default. Returns NULL and a
 * message in `err` on failure. */
host_plugin *host_load(LilvWorld *world, const char *uri, double rate,
                       uint32_t max_block, char *err, size_t err_len);
/* The same, also offering the plugin `extra` (NULL: nothing more), a
 * feature this host does not provide itself: for tests of host-specific
 * extensions. `extra` must outlive the instance. */
host_plugin *host_load_with(LilvWorld *world, const char *uri, double rate,
                            uint32_t max_block, const LV2_Feature *extra,
                            char *err, size_t err_len);
/* host_load() without the worker (work:schedule) this host offers
 * otherwise: the plugin as a host with none (lv2apply) runs it. */
host_plugin *host_load_without_worker(LilvWorld *world, const char *uri,
                                      double rate, uint32_t max_block,
                                      char *err, size_t err_len);

/* Deactivates and frees the instance and every buffer. NULL is fine. */
void host_free(host_plugin *h);

uint32_t host_port_count(const host_plugin *h);
const host_port_info *host_port(const host_plugin *h, uint32_t index);
/* The port's index, or -1 for an unknown symbol. */
int host_port_index(const host_plugin *h, const char *symbol);

/* Sets a control input. Returns 0, -1 for an unknown symbol, -2 for a value
 * outside [minimum, maximum] (or NaN), -3 for a port that is not a control
 * input. A rejected value is not stored. */
int host_set(host_plugin *h, const char *symbol, float value);
/* Stores anything, even NaN or an out-of-range value, in any control port:
 * for torture tests. Ignored for an index that is not a control port. */
void host_set_raw(host_plugin *h, uint32_t index, float value);
/* The current value of a control port (as of the last run for outputs), or
 * NaN for an unknown symbol. */
float host_get(const host_plugin *h, const char *symbol);

/* Calls `each` for every preset of the plugin; returns how many there are. */
int host_for_each_preset(host_plugin *h,
                         void (*each)(const char *uri, const char *label,
                                      void *data),
                         void *data);
/* Applies the preset whose URI or rdfs:label is `label_or_uri`. Every value
 * is checked as host_set() would before any is applied; values stored for
 * output ports are ignored, as hosts do. Returns 0, or -1
 * with a message in `err` (listing the available labels when none
 * matches). */
int host_apply_preset(host_plugin *h, const char *label_or_uri, char *err,
                      size_t err_len);

/* Connects the first two audio inputs and outputs (extra inputs hear
 * silence, extra outputs go to scratch) and runs `n_frames`, split into
 * blocks of at most max_block. Outputs may alias inputs. n_frames may be
 * 0: the plugin is then run once with 0 frames. A plugin with fewer audio
 * ports leaves the spare buffers untouched. */
void host_run(host_plugin *h, const float *in_l, const float *in_r,
              float *out_l, float *out_r, uint32_t n_frames);

/* The same in two steps, so a benchmark times run() alone: connect once,
 * then run blocks of n <= max_block frames. Returns -1 if n > max_block. */
void host_connect_audio(host_plugin *h, const float *in_l, const float *in_r,
                        float *out_l, float *out_r);
int host_run_connected(host_plugin *h, uint32_t n);
/* host_run_connected() is these two: the plugin's run() alone (its worker
 * jobs stay queued), then its worker's jobs and their replies, as a host
 * with a worker thread would run them (the benchmark times them apart). */
int host_run_plugin(host_plugin *h, uint32_t n);
void host_run_worker(host_plugin *h);

/* For tests that need the instance itself (extension data, descriptor). */
LilvInstance *host_instance(host_plugin *h);
const LilvPlugin *host_lilv_plugin(const host_plugin *h);

#endif
