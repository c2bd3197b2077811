/* The DSP: both interconnect paths at once on the same programme in the
 * same environment, and what the listener hears of them. No LV2 here; the
 * glue in lv2_plugin.c maps ports onto this. */
#ifndef BALUN_ENGINE_H
#define BALUN_ENGINE_H

#include <stdint.h>

#include "hum_tables.h"
#include "model.h"

typedef struct balun_engine balun_engine;

/* Allocates everything; NULL if out of memory or the rate is unusable. */
balun_engine *engine_new(double rate);
void engine_free(balun_engine *e);

/* Back to the initial state: filters empty, generators at their start,
 * parameters jump to their next values instead of gliding. */
void engine_reset(balun_engine *e);

/* New control values (indexed by balun_port, already sanitized). The
 * engine glides to them. Real-time safe and cheap: the readouts
 * (path_figures) are the caller's, at the rate it chooses. */
void engine_set_controls(balun_engine *e, const float controls[PORT_COUNT]);

/* Process n frames (n may be 0); in and out may be the same buffers. */
void engine_process(balun_engine *e, const float *in_l, const float *in_r,
                    float *out_l, float *out_r, uint32_t n);

/* The hum's tables are built off the audio thread (hum_tables.h). When the
 * line's controls changed and no build is on its way or waiting to fade
 * in, engine_hum_job() fills `job` (the controls as set, which set of
 * tables to fill) and returns true (the caller decides how often to ask); the
 * caller builds it, on the host's worker or at once, with
 * hum_tables_build(engine_hum_set(e, job), job->controls, a builder of its
 * own at the engine's rate), then calls engine_hum_built() on the audio
 * thread. The new hum fades in no sooner than the latency after the change:
 * the host's longest block (engine_set_hum_latency(), at most 40 ms; 0 by
 * default: as soon as it is built), and the line (the programme's gain and
 * cable filter, RF, noise, the receiver's rail) glides to the set's solved
 * circuit at the same sample; listening and the headphone stages follow
 * their controls at once. engine_hum_set() only looks up the set: safe on
 * any thread. */
typedef struct {
  int set;
  uint32_t generation;
  float controls[PORT_COUNT];
} hum_job;

void engine_set_hum_latency(balun_engine *e, uint32_t frames);
/* The builder the engine uses on the audio thread (for the snap to the
 * first controls): the caller's builds on that thread share it, and its
 * last solve. */
hum_builder *engine_builder(balun_engine *e);
/* Whether the line changed since the last build was handed out. */
bool engine_hum_wanted(const balun_engine *e);
bool engine_hum_job(balun_engine *e, hum_job *job);
hum_tables *engine_hum_set(balun_engine *e, const hum_job *job);
void engine_hum_built(balun_engine *e, const hum_job *job);

#endif
