#include "am_radio.h"

#include "model.h"

static void start_note(am_radio *r)
{
  const double f = balun_am_notes_hz[r->note];
  for (int k = 0; k < BALUN_AM_PARTIALS; ++k) {
    r->phase[k] = 0;
    r->inc[k] = wavetable_increment(f * (k + 1), r->rate);
  }
  r->envelope_phase = 0;
  r->pos = 0;
}

void am_radio_init(am_radio *r, const wavetable *sine, double rate)
{
  r->sine = sine;
  r->rate = rate;
  r->note = 0;
  r->note_samples = (uint32_t)(BALUN_AM_NOTE_S * rate + 0.5);
  /* Half a turn of the sine per note: the envelope sin² goes 0 -> 1 -> 0,
   * so notes join without clicks. */
  r->envelope_inc = (uint32_t)(2147483648.0 / r->note_samples);
  start_note(r);
}

float am_radio_next(am_radio *r)
{
  const float s = wavetable_read(r->sine, r->envelope_phase);
  float p = 0.0f;
  for (int k = 0; k < BALUN_AM_PARTIALS; ++k) {
    p += (float)balun_am_partials[k] * wavetable_read(r->sine, r->phase[k]);
    r->phase[k] += r->inc[k];
  }
  r->envelope_phase += r->envelope_inc;
  if (++r->pos >= r->note_samples) {
    r->note = (r->note + 1) % BALUN_AM_NOTES;
    start_note(r);
  }
  return (float)(2.0 * BALUN_AM_INDEX) * s * s * p;
}
