/* The AM broadcast programme the RF source demodulates: a melody of
 * plucked notes, defined in model.h so that its rms is known in closed
 * form (rf_audio_rms). */
#ifndef BALUN_AM_RADIO_H
#define BALUN_AM_RADIO_H

#include <stdint.h>

#include "wavetable.h"

typedef struct {
  const wavetable *sine;
  uint32_t note, pos, note_samples;
  uint32_t envelope_phase, envelope_inc;
  uint32_t phase[3], inc[3];
  double rate;
} am_radio;

void am_radio_init(am_radio *r, const wavetable *sine, double rate);
/* The demodulated programme relative to ΔV: 2m·p(t) (physics.md §8). */
float am_radio_next(am_radio *r);

#endif
