#include "engine.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "am_radio.h"
#include "clip.h"
#include "headphone_stage.h"
#include "hum_tables.h"
#include "hum_drift.h"
#include "mains_grid.h"
#include "noise_source.h"
#include "wavetable.h"

/* Parameters glide with this time constant (de-zipping, ~5 ms), and the
 * glide snaps to its target after ten of them. They move in steps of
 * 1/6000 s (8 samples at 48 kHz, 30 steps a time constant), and stand
 * still in between, where the DSP runs a whole step at once. */
#define GLIDE_S      0.005
#define GLIDE_SETTLE 10.0
#define GLIDE_STEP_S (1.0 / 6000.0)
/* Blocks are processed in runs of at most this many frames, each stage
 * over the whole run, so the scratch buffers stay small. */
#define DSP_CHUNK 64
/* Inputs beyond ±1e6 (120 dB over full scale) are clipped there, and
 * non-finite ones are silenced, so no host value can poison the state. */
#define INPUT_LIMIT 1e6f
/* A new hum fades in linearly over this time, and not before the host's
 * longest block after the change that asked for it (at most this long):
 * time for the host's worker to build it, and the same for every block
 * size the host may use, so a render repeats bit-exactly. */
#define HUM_FADE_S        0.005
#define HUM_MAX_LATENCY_S 0.04

/* What one path does, in output units (1.0 = full-scale peak). */
typedef struct {
  float programme;     /* programme gain into the cable filter */
  cable_filter cable;  /* the cable's low-pass (cable_filter.h) */
  float rf;            /* demodulated RF, ΔV */
  float noise;         /* σ of the white thermal noise per sample */
  clip_stage receiver; /* its rails, on all it receives (§11) */
} path_params;

/* Everything that glides; all floats, so it glides as one array. */
typedef struct {
  path_params path[2];
  headphone_params headphone[2];
  float listen_b; /* 0 hear A, 1 hear B */
  float wet;      /* 0 bypassed, 1 processed */
  float mains_hz; /* the phase increments follow it as it glides */
  float drift;    /* 0..1 of the hum's wander (hum_drift.h) */
  float rf_source[RF_COUNT];
} params;

/* What the listener hears as a level: between two steps these move sample
 * by sample, on the straight line from one step's value to the next, so
 * that a switch splatters no more than the one-pole glide itself
 * (tests/test_switching); the rest hold still within a step. */
typedef struct {
  float programme[2];
  float mix[2];         /* the headphone stages' */
  biquad network[2][2]; /* their networks, [path][mid, side]: numerators */
  float listen_b, wet;
} heard_gains;

static heard_gains gains_of(const params *p)
{
  const headphone_params *h = p->headphone;
  const heard_gains g = {{p->path[0].programme, p->path[1].programme},
                         {h[0].mix, h[1].mix},
                         {{h[0].mid, h[0].side}, {h[1].mid, h[1].side}},
                         p->listen_b,
                         p->wet};
  return g;
}

/* A gain over a run of `len` samples that starts `pos` samples into a
 * step of `step`, on its way from `from` to `to` (constant where equal). */
static void ramp(float *g, float from, float to, uint32_t pos, uint32_t step,
                 uint32_t len)
{
  const float inc = (to - from) / (float)step;
  for (int32_t i = 0; i < (int32_t)len; ++i) /* signed: it vectorises */
    g[i] = from + (float)((int32_t)pos + i + 1) * inc;
}

/* Whether a ramp stays at `v` all along (it is a straight line). */
static bool ramp_at(const float *g, uint32_t len, float v)
{
  return g[0] == v && g[len - 1] == v;
}

#define N_PARAMS (sizeof(params) / sizeof(float))
_Static_assert(sizeof(params) == N_PARAMS * sizeof(float), "floats only");

/* The filters' memories, in lanes (lanes.h). */
typedef struct {
  biquad_state4 cable[CABLE_SECTIONS]; /* A left, A right, B left, B right */
  biquad_state4 headphone;             /* A mid, A side, B mid, B side */
} dsp_state;

struct balun_engine {
  double rate;
  params target, now;
  uint32_t glide_left, glide_steps; /* steps */
  uint32_t step, step_left;         /* samples: a step, left of this one */
  heard_gains from;                 /* where this step's ramps start */
  float glide_coeff;
  bool snap;
  float controls[PORT_COUNT]; /* as last set */
  float programme_gain[2];    /* each path's, as its set has it */
  /* the parameters still on their way: under automation a change moves a
   * few of them, and only those cost anything per sample */
  uint16_t gliding[N_PARAMS];
  uint32_t n_gliding;

  /* the hum: three sets of both paths' tables, one playing, one fading
   * in, one free for the next build (by the host's worker, or here on a
   * snap); `generation` tells a build for the controls before a reset */
  hum_tables *hum[3];
  hum_builder *builder;
  int playing, fading_to, ready, building; /* indices, or -1 */
  uint32_t fade_len, fade_left, latency, generation;
  bool hum_wanted;
  uint64_t clock, due; /* samples since the reset; when `ready` may fade */

  /* waveforms: the fundamental (the AM programme's), the GSM bursts, and
   * on the mains grid the dimmer's bursts */
  wavetable sine, gsm;
  mains_tables grid[MAINS_GRID_N];
  /* what now.mains_hz (`followed_hz`) means for the generators */
  float followed_hz;
  mains_blend blend;
  uint64_t mains_phase; /* the hum's: wavetable_increment64() */
  uint32_t dimmer_phase, dimmer_inc;
  uint32_t gsm_phase, gsm_inc;
  /* the hum's wander, and the phase increment of its largest frequency
   * offset, HUM_DRIFT_HZ (rounded down: the wander never exceeds it) */
  hum_drift drift;
  float drift_inc;
  uint32_t drift_tick_left; /* samples to the next reading of the curves */
  int32_t drift_offset;     /* phase increment now added, and gain */
  float drift_gain;
  am_radio am;
  noise_source noise[2], amp_noise;
  bool headphone_live; /* a stage ran: its filters hold state */
  dsp_state state;
};

static void fill_tables(balun_engine *e, double complex *c,
                        wavetable_scratch *scratch)
{
  const double nyquist = 0.5 * e->rate;
  wavetable_scratch_init(scratch);

  c[0] = -I; /* Re{-j e^{jθ}} = sin θ */
  wavetable_from_harmonics(&e->sine, c, 1, scratch);
  mains_grid_fill(e->grid, e->rate, c, scratch);

  const double fg = rf_repetition_hz(RF_GSM, 50.0);
  int k_max = 0;
  for (int k = 1; k * fg < nyquist && k * fg <= BALUN_BAND_HI_HZ; ++k)
    c[k_max++] = sqrt(2.0) * rf_harmonic(RF_GSM, 50.0, k);
  wavetable_from_harmonics(&e->gsm, c, k_max, scratch);
  e->gsm_inc = wavetable_increment(fg, e->rate);
}

balun_engine *engine_new(double rate)
{
  if (!(rate >= 1000.0 && rate <= 4e6)) return NULL;
  balun_engine *e = calloc(1, sizeof(*e));
  wavetable_scratch *scratch = malloc(sizeof(*scratch));
  double complex *c = calloc(WAVETABLE_SIZE, sizeof(double complex));
  bool hum_ok = e != NULL;
  for (int t = 0; hum_ok && t < 3; ++t)
    hum_ok = (e->hum[t] = malloc(sizeof(hum_tables))) != NULL;
  if (hum_ok) hum_ok = (e->builder = hum_builder_new(rate)) != NULL;
  if (!hum_ok || !scratch || !c) {
    engine_free(e), free(scratch), free(c);
    return NULL;
  }
  e->rate = rate;
  fill_tables(e, c, scratch);
  free(scratch);
  free(c);
  const double step = floor(GLIDE_STEP_S * rate + 0.5);
  e->step = step < 1.0 ? 1 : step > DSP_CHUNK ? DSP_CHUNK : (uint32_t)step;
  e->glide_coeff = (float)(1.0 - exp(-(double)e->step / (GLIDE_S * rate)));
  e->glide_steps = (uint32_t)ceil(GLIDE_SETTLE * GLIDE_S * rate / e->step);
  e->fade_len = (uint32_t)ceil(HUM_FADE_S * rate);
  e->building = -1;
  e->drift_inc = (float)floor(HUM_DRIFT_HZ / rate * 4294967296.0);
  engine_reset(e);
  return e;
}

void engine_set_hum_latency(balun_engine *e, uint32_t frames)
{
  const double most = ceil(HUM_MAX_LATENCY_S * e->rate);
  e->latency = frames < most ? frames : (uint32_t)most;
}

void engine_free(balun_engine *e)
{
  if (!e) return;
  for (int t = 0; t < 3; ++t)
    free(e->hum[t]);
  hum_builder_free(e->builder);
  free(e);
}

void engine_reset(balun_engine *e)
{
  memset(&e->state, 0, sizeof(e->state));
  e->headphone_live = false;
  e->clock = 0;
  e->fading_to = e->ready = -1;
  e->mains_phase = e->dimmer_phase = e->gsm_phase = 0;
  am_radio_init(&e->am, &e->sine, e->rate);
  noise_source_init(&e->noise[0], 0x42616c756e4cull);        /* "BalunL" */
  noise_source_init(&e->noise[1], 0x42616c756e52ull);        /* "BalunR" */
  noise_source_init(&e->amp_noise, 0x416d704e6f697365ull);   /* "AmpNoise" */
  hum_drift_init(&e->drift, e->rate, 0x48756d4472696674ull); /* "HumDrift" */
  e->drift_tick_left = 0;
  e->snap = true;
}

/* White noise whose 20 Hz-20 kHz part has rms 1. */
static double white_noise_scale(const balun_engine *e)
{
  return sqrt(0.5 * e->rate / (BALUN_BAND_HI_HZ - BALUN_BAND_LO_HZ));
}

/* Path p as the hum set `set` has it (the circuit solved for its
 * controls: hum_tables.h), in the engine's output units; its programme
 * on or off. */
static path_params path_target(const balun_engine *e, const hum_tables *set,
                               int p, bool programme_on)
{
  const balun_setup setup = setup_from_ports(set->controls), *s = &setup;
  const balun_interface ifc =
      interface_of((balun_path)set->controls[PORT_PATH_A + p], s);
  const path_programme *pp = &set->programme[p];
  const double to_output = pp->to_output;
  const double white = white_noise_scale(e);
  path_params q = {
      .programme = programme_on ? (float)(to_output * sqrt(2.0) *
                                          ifc.full_scale_vrms * pp->passband)
                                : 0.0f,
      .cable = pp->cable,
      .rf = (float)(to_output * rf_demodulated_v(&ifc, s)),
      .noise = (float)(to_output * white * path_thermal_noise_vrms(&ifc, s)),
      .receiver = clip_stage_at(to_output * sqrt(2.0) * s->clip_vrms),
  };
  return q;
}

/* listen 2 and 3: that path's interference only */
static bool programme_on(const balun_engine *e, int p)
{
  return (int)e->controls[PORT_LISTEN] != 2 + p;
}

/* Both paths' targets from the set of tables that has come in (playing,
 * or fading in): the line moves with its hum, at the same sample. */
static void line_targets(balun_engine *e)
{
  const hum_tables *set = e->hum[e->fading_to >= 0 ? e->fading_to : e->playing];
  for (int p = 0; p < 2; ++p) {
    path_params q = path_target(e, set, p, true);
    e->programme_gain[p] = q.programme;
    if (!programme_on(e, p)) q.programme = 0.0f;
    e->target.path[p] = q;
  }
}

/* Towards the targets: only the parameters that move. */
static void start_glide(balun_engine *e)
{
  e->glide_left = e->glide_steps;
  const float *now = (const float *)&e->now, *to = (const float *)&e->target;
  e->n_gliding = 0;
  for (size_t i = 0; i < N_PARAMS; ++i)
    if (now[i] != to[i]) e->gliding[e->n_gliding++] = (uint16_t)i;
}

/* The dimmer's generator at now.mains_hz: its phase increment (the phase
 * runs on, so a change of frequency glides without a jump) and the grid's
 * blend. (The hum's frequency moves with its tables: interference().) */
static void follow_mains(balun_engine *e)
{
  const float f0 = e->now.mains_hz;
  e->followed_hz = f0;
  e->dimmer_inc = wavetable_increment(rf_repetition_hz(RF_DIMMER, f0), e->rate);
  e->blend = mains_grid_blend(f0);
}

void engine_set_controls(balun_engine *e, const float v[PORT_COUNT])
{
  bool line = e->snap, stage = e->snap, network = e->snap;
  for (int p = 0; p < PORT_COUNT; ++p) {
    if (!port_is_control(p) || v[p] == e->controls[p]) continue;
    stage = true;
    network = network || headphone_network_depends_on(p);
    /* the headphone stage's own settings leave the line's targets as they
     * were (automation moves one control a block) */
    line = line || !(balun_ports[p].flags & PORT_HEADPHONE_STAGE);
  }
  memcpy(e->controls, v, sizeof e->controls);
  const balun_setup s = setup_from_ports(v);
  const bool level_match = v[PORT_LEVEL_MATCH] >= 0.5f;
  params *t = &e->target;
  if (e->snap) { /* from the start: the hum built here, at once */
    const int into = e->building == 0 ? 1 : 0; /* not the worker's */
    hum_tables_build(e->hum[into], v, e->builder);
    e->playing = into;
    e->fading_to = e->ready = -1;
    e->hum_wanted = false;
    ++e->generation; /* a build still on its way is for the old controls */
    line_targets(e);
  } else if (line) {
    e->hum_wanted = true;       /* the line follows its circuit, solved */
    for (int p = 0; p < 2; ++p) /* but listening is at once */
      t->path[p].programme = programme_on(e, p) ? e->programme_gain[p] : 0.0f;
  }
  for (int p = 0; p < 2; ++p) {
    const balun_headphone_kind hp =
        (balun_headphone_kind)v[PORT_HEADPHONE_A + p];
    /* a stage that is off keeps its last network, and only fades */
    if (stage && (hp != HEADPHONE_NONE || e->snap))
      t->headphone[p] = network
                            ? headphone_target(hp, &s, level_match,
                                               white_noise_scale(e), e->rate)
                            : headphone_retarget(&t->headphone[p], hp, &s,
                                                 white_noise_scale(e));
    t->headphone[p].mix = hp != HEADPHONE_NONE ? 1.0f : 0.0f;
  }
  const int listen = (int)v[PORT_LISTEN];
  t->listen_b = (listen == 1 || listen == 3) ? 1.0f : 0.0f;
  t->wet = v[PORT_ENABLED] >= 0.5f ? 1.0f : 0.0f;
  t->mains_hz = (float)s.mains_hz;
  t->drift = (float)s.drift;
  for (int r = 0; r < RF_COUNT; ++r)
    t->rf_source[r] = (int)s.rf_source == r ? 1.0f : 0.0f;

  if (e->snap) {
    e->now = *t;
    e->snap = false;
    e->glide_left = e->step_left = 0;
    follow_mains(e);
  } else {
    start_glide(e);
  }
}

/* Every parameter a step: a loop the compiler vectorises, cheaper than
 * the list once a quarter of them move (a cable change moves most). A
 * parameter at its target stays there exactly. */
static void glide_all(float *restrict now, const float *restrict target,
                      float coeff)
{
  for (size_t i = 0; i < N_PARAMS; ++i)
    now[i] += coeff * (target[i] - now[i]);
}

static void glide(balun_engine *e)
{
  float *now = (float *)&e->now;
  const float *target = (const float *)&e->target;
  if (--e->glide_left == 0)
    e->now = e->target;
  else if (e->n_gliding > N_PARAMS / 4)
    glide_all(now, target, e->glide_coeff);
  else
    for (uint32_t k = 0; k < e->n_gliding; ++k) {
      const uint16_t i = e->gliding[k];
      now[i] += e->glide_coeff * (target[i] - now[i]);
    }
  if (e->now.mains_hz != e->followed_hz) follow_mains(e);
}

static inline float safe_input(float x)
{
  if (!isfinite(x)) return 0.0f;
  return x > INPUT_LIMIT ? INPUT_LIMIT : x < -INPUT_LIMIT ? -INPUT_LIMIT : x;
}

/* The hum's wander at this sample (§13): the grid's frequency offset,
 * carried by every generator that follows the mains, and the hum's gain.
 * Both are worked out every HUM_DRIFT_TICK samples and held between.
 * Nothing happens at 0 % drift, so the output is as without it. */
static float hum_wander(balun_engine *e)
{
  const float amount = e->now.drift;
  if (amount == 0.0f) return 1.0f;
  if (e->drift_tick_left == 0) {
    float x[DRIFT_CURVES];
    hum_drift_next(&e->drift, x);
    e->drift_offset = (int32_t)(amount * e->drift_inc * x[DRIFT_FREQUENCY]);
    e->drift_gain = 1.0f + amount * HUM_DRIFT_AMPLITUDE * x[DRIFT_AMPLITUDE];
    e->drift_tick_left = HUM_DRIFT_TICK;
  }
  --e->drift_tick_left;
  e->mains_phase += (uint64_t)(int64_t)e->drift_offset << 32;
  e->dimmer_phase += 2u * (uint32_t)e->drift_offset; /* at 2 × mains */
  return e->drift_gain;
}

/* The demodulated RF waveform at this sample, relative to ΔV. */
static float rf_basis(balun_engine *e)
{
  const float *w = e->now.rf_source;
  float r = 0.0f;
  if (w[RF_GSM] != 0.0f) r += w[RF_GSM] * wavetable_read(&e->gsm, e->gsm_phase);
  if (w[RF_AM] != 0.0f) r += w[RF_AM] * am_radio_next(&e->am);
  if (w[RF_DIMMER] != 0.0f) {
    const mains_tables *lo = &e->grid[e->blend.lo], *hi = lo + 1;
    r += w[RF_DIMMER] * mains_grid_read(&lo->dimmer, &hi->dimmer,
                                        e->blend.upper, e->dimmer_phase);
  }
  e->dimmer_phase += e->dimmer_inc;
  e->gsm_phase += e->gsm_inc;
  return r;
}

/* Path k's lanes of the headphone networks back to rest. */
static void rest_headphone(biquad_state4 *st, int k)
{
  for (int lane = 2 * k; lane < 2 * k + 2; ++lane)
    st->x1[lane] = st->x2[lane] = st->y1[lane] = st->y2[lane] = 0.0f;
}

/* Each path's headphone stage, where one is on or fading (§12), its mix
 * per sample in `mix`. Its filters start from rest each time it is
 * switched in. */
static void headphones(balun_engine *e, lanes4 *heard,
                       const float mix[2][DSP_CHUNK], uint32_t pos,
                       uint32_t len)
{
  biquad_state4 *st = &e->state.headphone;
  const bool off[2] = {ramp_at(mix[0], len, 0.0f), ramp_at(mix[1], len, 0.0f)};
  if (off[0] && off[1]) {
    if (e->headphone_live) { /* the stages just went out */
      float n[2];
      noise_source_pair(&e->amp_noise, n);
      rest_headphone(st, 0), rest_headphone(st, 1);
      e->headphone_live = false;
    }
    return;
  }
  lanes4 noise[DSP_CHUNK];
  for (uint32_t i = 0; i < len; ++i) {
    float n[2];
    noise_source_pair(&e->amp_noise, n);
    noise[i] = lanes_per_channel(n[0], n[1]);
  }
  lanes4 stage[DSP_CHUNK];
  const headphone_ramp ramp = {{&e->from.network[0][0], &e->from.network[0][1],
                                &e->from.network[1][0], &e->from.network[1][1]},
                               pos,
                               e->step};
  headphone_run(e->now.headphone, &ramp, st, heard, noise, stage, len);
  for (int k = 0; k < 2; ++k) {
    const int l = 2 * k, r = 2 * k + 1;
    if (off[k]) {
      rest_headphone(st, k);
    } else if (ramp_at(mix[k], len, 1.0f)) { /* switched in and settled */
      for (uint32_t i = 0; i < len; ++i)
        heard[i][l] = stage[i][l], heard[i][r] = stage[i][r];
    } else {
      for (uint32_t i = 0; i < len; ++i) {
        heard[i][l] += mix[k][i] * (stage[i][l] - heard[i][l]);
        heard[i][r] += mix[k][i] * (stage[i][r] - heard[i][r]);
      }
    }
  }
  e->headphone_live = true;
}

/* What arrives at each path's receiver besides the programme, for `len`
 * samples: the hum from its tables (fading from one set to the next where
 * a new one came), and the demodulated RF (§4-8). */
static void interference(balun_engine *e, uint32_t len,
                         float direct[2][DSP_CHUNK])
{
  const path_params *q = e->now.path;
  const hum_tables *now = e->hum[e->playing];
  const hum_tables *next = e->fading_to >= 0 ? e->hum[e->fading_to] : NULL;
  const uint64_t inc = wavetable_increment64(now->mains_hz, e->rate);
  /* a new fundamental: the frequency moves with the fade, so that at
   * each moment the blend is that of two harmonic series at the
   * frequency between theirs (as mains_grid.h blends its tables) */
  const double change =
      next ? (double)(int64_t)(wavetable_increment64(next->mains_hz, e->rate) -
                               inc)
           : 0.0;
  float rf[DSP_CHUNK];
  for (uint32_t i = 0; i < len; ++i) {
    const uint32_t phase = (uint32_t)(e->mains_phase >> 32);
    for (int k = 0; k < 2; ++k)
      direct[k][i] = wavetable_read_cubic(&now->path[k], phase);
    if (next) {
      const float x =
          (float)(e->fade_len - e->fade_left + i + 1) / (float)e->fade_len;
      for (int k = 0; k < 2; ++k)
        direct[k][i] +=
            x * (wavetable_read_cubic(&next->path[k], phase) - direct[k][i]);
      e->mains_phase += inc + (uint64_t)(int64_t)llround(x * change);
    } else {
      e->mains_phase += inc;
    }
    rf[i] = rf_basis(e);
    const float wander = hum_wander(e);
    if (wander != 1.0f)
      for (int k = 0; k < 2; ++k)
        direct[k][i] *= wander;
  }
  for (int k = 0; k < 2; ++k)
    for (uint32_t i = 0; i < len; ++i)
      direct[k][i] += q[k].rf * rf[i];
}

/* `len` (at most DSP_CHUNK) frames from `at`, `pos` samples into a
 * glide's step: each stage runs over the whole run, the four channels of
 * both paths in lanes, the heard gains ramping (heard_gains). */
static void run_chunk(balun_engine *e, const float *const in[2],
                      float *const out[2], uint32_t at, uint32_t len,
                      uint32_t pos)
{
  const params *p = &e->now;
  const path_params *q = p->path;
  const heard_gains to = gains_of(p), *from = &e->from;
  float programme[2][DSP_CHUNK], mix[2][DSP_CHUNK];
  float listen_b[DSP_CHUNK], wet[DSP_CHUNK];
  for (int k = 0; k < 2; ++k) {
    ramp(programme[k], from->programme[k], to.programme[k], pos, e->step, len);
    ramp(mix[k], from->mix[k], to.mix[k], pos, e->step, len);
  }
  ramp(listen_b, from->listen_b, to.listen_b, pos, e->step, len);
  ramp(wet, from->wet, to.wet, pos, e->step, len);

  float direct[2][DSP_CHUNK];
  interference(e, len, direct);
  float dry[2][DSP_CHUNK], thermal[2][DSP_CHUNK];
  for (uint32_t i = 0; i < len; ++i) /* both generators in step */
    for (int ch = 0; ch < 2; ++ch) {
      dry[ch][i] = safe_input(in[ch][at + i]);
      thermal[ch][i] = noise_source_next(&e->noise[ch]);
    }
  biquad4 cable[CABLE_SECTIONS];
  for (int k = 0; k < CABLE_SECTIONS; ++k) {
    const biquad *a = &q[0].cable.section[k], *b = &q[1].cable.section[k];
    cable[k] = biquad4_of(a, a, b, b);
  }
  const lanes4 noise = lanes_per_path(q[0].noise, q[1].noise);
  lanes4 heard[DSP_CHUNK]; /* A left, A right, B left, B right */
  for (uint32_t i = 0; i < len; ++i)
    heard[i] = lanes_per_path(programme[0][i], programme[1][i]) *
               lanes_per_channel(dry[0][i], dry[1][i]);
  for (int k = 0; k < CABLE_SECTIONS; ++k) { /* section by section */
    biquad_state4 st = e->state.cable[k];
    for (uint32_t i = 0; i < len; ++i)
      heard[i] = biquad4_step(&cable[k], &st, heard[i]);
    e->state.cable[k] = st;
  }
  for (uint32_t i = 0; i < len; ++i)
    heard[i] += lanes_per_path(direct[0][i], direct[1][i]) +
                noise * lanes_per_channel(thermal[0][i], thermal[1][i]);
  clip_lanes(q[0].receiver, q[1].receiver, heard, len);
  headphones(e, heard, mix, pos, len);
  for (int ch = 0; ch < 2; ++ch)
    for (uint32_t i = 0; i < len; ++i) {
      const float a = heard[i][ch], b = heard[i][2 + ch];
      const float w = a + listen_b[i] * (b - a);
      out[ch][at + i] = dry[ch][i] + wet[i] * (w - dry[ch][i]);
    }
}

/* Where the hum stands at the start of a run: a built set starts its fade
 * once it is due; the run ends where a fade starts or ends. */
static uint32_t hum_run(balun_engine *e, uint32_t len)
{
  if (e->ready >= 0 && e->fading_to < 0) {
    if (e->clock >= e->due) {
      e->fading_to = e->ready;
      e->ready = -1;
      e->fade_left = e->fade_len;
      line_targets(e);
      start_glide(e);
    } else if (e->due - e->clock < len) {
      len = (uint32_t)(e->due - e->clock);
    }
  }
  if (e->fading_to >= 0 && e->fade_left < len) len = e->fade_left;
  return len;
}

/* ... and after it. */
static void hum_ran(balun_engine *e, uint32_t len)
{
  e->clock += len;
  if (e->fading_to < 0) return;
  e->fade_left -= len;
  if (e->fade_left == 0) {
    e->playing = e->fading_to;
    e->fading_to = -1;
  }
}

void engine_process(balun_engine *e, const float *in_l, const float *in_r,
                    float *out_l, float *out_r, uint32_t n)
{
  const float *const in[2] = {in_l, in_r};
  float *const out[2] = {out_l, out_r};
  for (uint32_t i = 0; i < n;) {
    uint32_t len = hum_run(e, n - i < DSP_CHUNK ? n - i : DSP_CHUNK), pos = 0;
    if (e->glide_left || e->step_left) { /* a run ends where a step does */
      if (e->step_left == 0) {
        e->from = gains_of(&e->now);
        glide(e);
        e->step_left = e->step;
      }
      pos = e->step - e->step_left;
      if (len > e->step_left) len = e->step_left;
      e->step_left -= len;
    } else {
      e->from = gains_of(&e->now); /* settled: the gains stand */
    }
    run_chunk(e, in, out, i, len, pos);
    hum_ran(e, len);
    i += len;
  }
}

hum_builder *engine_builder(balun_engine *e)
{
  return e->builder;
}

bool engine_hum_wanted(const balun_engine *e)
{
  return e->hum_wanted;
}

bool engine_hum_job(balun_engine *e, hum_job *job)
{
  if (!e->hum_wanted || e->building >= 0 || e->ready >= 0) return false;
  int free_set = 0;
  while (free_set == e->playing || free_set == e->fading_to)
    ++free_set;
  job->set = free_set;
  job->generation = e->generation;
  memcpy(job->controls, e->controls, sizeof job->controls);
  e->building = free_set;
  e->hum_wanted = false;
  e->due = e->clock + e->latency;
  return true;
}

hum_tables *engine_hum_set(balun_engine *e, const hum_job *job)
{
  return e->hum[job->set];
}

void engine_hum_built(balun_engine *e, const hum_job *job)
{
  if (job->set != e->building) return;
  e->building = -1;
  if (job->generation != e->generation) { /* built for the old controls */
    e->hum_wanted = true;
    return;
  }
  e->ready = job->set;
}
