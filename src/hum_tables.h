/* The hum of both paths as the receivers' outputs carry it: one period of
 * each, a wavetable built from the circuit solved at every harmonic of
 * the mains (path_hum.h: ground loop or leakage, magnetic pickup, pin-1
 * and shield-current-induced noise together, through the distributed
 * cable), in the engine's output units. Building it costs too much for
 * the audio thread under automation, so the LV2 glue has it built by the
 * host's worker (src/lv2_plugin.c) and the engine crossfades to it. */
#ifndef BALUN_HUM_TABLES_H
#define BALUN_HUM_TABLES_H

#include <stdbool.h>

#include "model.h"
#include "path_hum.h"
#include "wavetable.h"

typedef struct {
  wavetable path[2];
  double mains_hz; /* the fundamental they are built for */
} hum_tables;

/* What a build needs besides its result: the synthesis scratch, the
 * harmonics, the circuit solver, and the hum it solved last (for the
 * controls in `solved_for`). One per thread that builds. */
typedef struct {
  wavetable_scratch scratch;
  double complex c[WAVETABLE_SIZE / 2];
  circuit_solver *solver;
  bool solved;
  float solved_for[PORT_COUNT];
} hum_builder;

/* Allocates and prepares a builder; NULL if out of memory. */
hum_builder *hum_builder_new(void);
void hum_builder_free(hum_builder *b);

/* Both paths' hum lines for the control values (sanitized), from the
 * solved circuit (path_hum.h); solved again only when they changed. */
const path_hum *hum_builder_lines(hum_builder *b,
                                  const float controls[PORT_COUNT]);

/* Both paths' hum for the control values (sanitized) at `rate`: every
 * harmonic of hum_builder_lines() under Nyquist. */
void hum_tables_build(hum_tables *t, const float controls[PORT_COUNT],
                      double rate, hum_builder *b);

/* Volts rms at a path's receiver to the engine's output samples (1.0 = a
 * full-scale peak): matched, unity at 1 kHz; else a fixed-gain receiver on
 * which 2 Vrms is full scale (ports.md, level_match). */
double output_scale(const balun_interface *ifc, const balun_setup *s,
                    bool matched);
/* Whether path p plays level-matched: level_match on, or a headphone
 * stage, which takes the receiver's output at its full scale and does the
 * level matching itself. */
bool path_matched(const float controls[PORT_COUNT], int p);

#endif
