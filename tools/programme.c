/* Test and demo signals; see programme.h. */
#include "programme.h"

#include <math.h>

#define TWO_PI 6.283185307179586

/* ---- the demo: piano-like chords, then silence ---- */

#define CHORDS_PER_CYCLE 4 /* one a second: PROGRAMME_MUSIC_S of music */
#define CHORD_NOTES      4 /* bass + three chord tones */
#define MELODY_PER_CHORD 2 /* on the beat and half a second later */
#define PARTIALS         6
#define ATTACK_S         0.003 /* a hammer, not a click */
#define RELEASE_S        0.04  /* every note is silent at its slot's end */
#define INHARMONICITY    0.0004 /* stiff-string stretch B, f_k = k·f·√(1+Bk²) */
/* Scales the sum of voices to a peak of about PROGRAMME_PEAK (measured). */
#define VOICE_GAIN 0.0785

/* Two progressions, alternating cycle by cycle (MIDI note numbers). */
static const int chords[2][CHORDS_PER_CYCLE][CHORD_NOTES] = {
    {{36, 60, 64, 67}, {45, 60, 64, 69}, {41, 60, 65, 69}, {43, 59, 62, 67}},
    {{41, 57, 60, 65}, {43, 59, 62, 67}, {40, 59, 64, 67}, {45, 57, 60, 64}},
};
static const int melody[2][CHORDS_PER_CYCLE][MELODY_PER_CHORD] = {
    {{72, 76}, {76, 72}, {77, 76}, {74, 71}},
    {{77, 81}, {79, 74}, {76, 79}, {76, 72}},
};
/* Where each chord voice sits, 0 left .. 1 right; the melody at 0.65. */
static const double chord_pan[CHORD_NOTES] = {0.5, 0.3, 0.5, 0.7};
static const double chord_level[CHORD_NOTES] = {1.2, 0.8, 0.8, 0.8};
#define MELODY_PAN   0.65
#define MELODY_LEVEL 1.0

static double midi_hz(int note)
{
  return 440.0 * pow(2.0, (note - 69) / 12.0);
}

/* One struck string, t seconds after the hammer, for a note that must be
 * silent `length` seconds after it: higher partials die faster, as on a
 * piano, and a short raised-cosine release avoids a click at the cut. */
static double piano_note(double hz, double t, double length)
{
  /* k^-1.5: a soft hammer's spectrum. */
  static const double weight[PARTIALS] = {1.0,   0.35355339, 0.19245009,
                                          0.125, 0.08944272, 0.06804138};
  if (t < 0 || t >= length) return 0;
  /* Partial k decays at 1.5 + 1.2·k per second: one exp for all of them. */
  const double base = exp(-1.5 * t), step = exp(-1.2 * t);
  double sum = 0, decay = base;
  for (int k = 1; k <= PARTIALS; ++k) {
    double fk = k * hz * sqrt(1 + INHARMONICITY * k * k);
    if (fk >= 20000) break;
    decay *= step;
    sum += weight[k - 1] * decay * sin(TWO_PI * fk * t);
  }
  double env = t < ATTACK_S ? t / ATTACK_S : 1;
  double to_end = length - t;
  if (to_end < RELEASE_S)
    env *= 0.5 - 0.5 * cos(TWO_PI / 2 * to_end / RELEASE_S);
  return env * sum;
}

static void pan(double x, double position, double *l, double *r)
{
  /* Constant power, so a voice is equally loud wherever it sits. */
  *l += x * cos(position * TWO_PI / 4);
  *r += x * sin(position * TWO_PI / 4);
}

static uint64_t frames_of(double seconds, double rate)
{
  return (uint64_t)llround(seconds * rate);
}

int programme_demo_is_gap(uint64_t index, double rate)
{
  uint64_t cycle = frames_of(PROGRAMME_MUSIC_S + PROGRAMME_GAP_S, rate);
  return index % cycle >= frames_of(PROGRAMME_MUSIC_S, rate);
}

static void demo_frame(uint64_t index, double rate, float *l, float *r)
{
  uint64_t cycle_frames = frames_of(PROGRAMME_MUSIC_S + PROGRAMME_GAP_S, rate);
  if (programme_demo_is_gap(index, rate)) {
    *l = *r = 0; /* exact zeros: the gap is for hearing the cable */
    return;
  }
  int progression = (int)(index / cycle_frames % 2);
  double t = (double)(index % cycle_frames) / rate;
  int slot = (int)t;
  if (slot >= CHORDS_PER_CYCLE) slot = CHORDS_PER_CYCLE - 1;
  double ts = t - slot; /* seconds since this chord was struck */
  double sl = 0, sr = 0;
  for (int v = 0; v < CHORD_NOTES; ++v) {
    double hz = midi_hz(chords[progression][slot][v]);
    pan(chord_level[v] * piano_note(hz, ts, 1.0), chord_pan[v], &sl, &sr);
  }
  for (int m = 0; m < MELODY_PER_CHORD; ++m) {
    double onset = 0.5 * m;
    double hz = midi_hz(melody[progression][slot][m]);
    pan(MELODY_LEVEL * piano_note(hz, ts - onset, 1.0 - onset), MELODY_PAN, &sl,
        &sr);
  }
  *l = (float)(VOICE_GAIN * sl);
  *r = (float)(VOICE_GAIN * sr);
}

void programme_demo_at(float *l, float *r, uint64_t start, uint32_t n,
                       double rate)
{
  for (uint32_t i = 0; i < n; ++i)
    demo_frame(start + i, rate, &l[i], &r[i]);
}

void programme_demo(float *l, float *r, uint32_t n, double rate)
{
  programme_demo_at(l, r, 0, n, rate);
}

/* ---- simple signals for tests ---- */

void programme_sine(float *out, uint32_t n, double rate, double freq,
                    double amplitude)
{
  for (uint32_t i = 0; i < n; ++i)
    out[i] = (float)(amplitude * sin(TWO_PI * freq * (double)i / rate));
}

void programme_noise(float *out, uint32_t n, double amplitude, uint32_t *state)
{
  uint32_t x = *state ? *state : 0x9e3779b9u; /* 0 would stay 0 for ever */
  for (uint32_t i = 0; i < n; ++i) {
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    /* Top bits as a signed fraction in [-1, 1). */
    out[i] = (float)(amplitude * ((double)(int32_t)x / 2147483648.0));
  }
  *state = x;
}
