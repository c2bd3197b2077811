/* The hum of both paths as the receivers' outputs carry it: one period of
 * each, a wavetable built from the model's phasors at every harmonic of
 * the mains (hum_line_phasor: ground loop, magnetic pickup and pin-1
 * together, the series part through the cable's own response), in the
 * engine's output units. Building it costs too much for the audio thread
 * under automation, so the LV2 glue has it built by the host's worker
 * (src/lv2_plugin.c) and the engine crossfades to it. */
#ifndef BALUN_HUM_TABLES_H
#define BALUN_HUM_TABLES_H

#include <stdbool.h>

#include "model.h"
#include "wavetable.h"

typedef struct {
  wavetable path[2];
  double mains_hz; /* the fundamental they are built for */
} hum_tables;

/* What a build needs besides its result: the synthesis scratch and the
 * harmonics. One per thread that builds. */
typedef struct {
  wavetable_scratch scratch;
  double complex c[WAVETABLE_SIZE / 2];
} hum_builder;

/* Allocates and prepares a builder; NULL if out of memory. */
hum_builder *hum_builder_new(void);
void hum_builder_free(hum_builder *b);

/* Both paths' hum for the control values (sanitized) at `rate`: every
 * harmonic under Nyquist and up to 20 kHz, those under 1e-12 of the
 * fundamental's richness left out as path_figures() leaves them out. */
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
