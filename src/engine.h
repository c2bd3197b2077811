/* The DSP: both interconnect paths at once on the same programme in the
 * same environment, and what the listener hears of them. No LV2 here; the
 * glue in lv2_plugin.c maps ports onto this. */
#ifndef BALUN_ENGINE_H
#define BALUN_ENGINE_H

#include <stdint.h>

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

#endif
