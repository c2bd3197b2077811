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

/* What the solved circuit makes of a path's programme, for the DSP: the
 * cable filter fitted to it at the engine's rate, its passband gain per
 * volt of full-scale EMF, and output_scale() (path_hum.h). */
typedef struct {
  cable_filter cable;
  double passband, to_output;
} path_programme;

typedef struct {
  wavetable path[2];
  double mains_hz; /* the fundamental they are built for */
  path_programme programme[2];
  float controls[PORT_COUNT]; /* what they were built for */
} hum_tables;

/* What a build needs besides its result: the synthesis scratch, the
 * harmonics, the circuit solver, and what it solved last (for the
 * controls in `solved_for`, compared only where the circuit reads them):
 * the hum and both paths' cable filters at `rate`. One per thread that
 * builds. */
typedef struct {
  wavetable_scratch scratch;
  double complex c[WAVETABLE_SIZE / 2];
  circuit_solver *solver;
  double rate;
  bool solved;
  float solved_for[PORT_COUNT];
  cable_filter cable[2];
} hum_builder;

/* Allocates and prepares a builder for `rate`; NULL if out of memory. */
hum_builder *hum_builder_new(double rate);
void hum_builder_free(hum_builder *b);

/* Whether the solved circuit (its hum, its programme) depends on the
 * control `port`: not on the listening controls, the headphone stages,
 * RF, the receiver's clip level or the hum's drift, which act after it. */
bool circuit_reads(int port);

/* Both paths' hum lines for the control values (sanitized), from the
 * solved circuit (path_hum.h); solved again only when a control the
 * circuit reads changed. */
const path_hum *hum_builder_lines(hum_builder *b,
                                  const float controls[PORT_COUNT]);

/* Both paths' hum for the control values (sanitized) at the builder's
 * rate, every harmonic of hum_builder_lines() under Nyquist, and their
 * programmes. */
void hum_tables_build(hum_tables *t, const float controls[PORT_COUNT],
                      hum_builder *b);

/* Volts rms at a path's receiver to the engine's output samples (1.0 = a
 * full-scale peak): matched, unity at 1 kHz (the programme's gain there
 * `at_1k`, path_hum); else a fixed-gain receiver on which 2 Vrms is full
 * scale (ports.md, level_match). */
double output_scale(const balun_interface *ifc, double at_1k, bool matched);
/* Whether path p plays level-matched: level_match on, or a headphone
 * stage, which takes the receiver's output at its full scale and does the
 * level matching itself. */
bool path_matched(const float controls[PORT_COUNT], int p);

#endif
