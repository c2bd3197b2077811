#include "engine.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "am_radio.h"
#include "cable_filter.h"
#include "clip.h"
#include "headphone_stage.h"
#include "hum_drift.h"
#include "mains_grid.h"
#include "noise_source.h"
#include "wavetable.h"

/* Parameters glide with this time constant (de-zipping, ~5 ms), and the
 * glide snaps to its target after ten of them. */
#define GLIDE_S      0.005
#define GLIDE_SETTLE 10.0
/* Inputs beyond ±1e6 (120 dB over full scale) are clipped there, and
 * non-finite ones are silenced, so no host value can poison the state. */
#define INPUT_LIMIT 1e6f
#define BALUN_SQRT2 1.41421356f

/* What one path does, in output units (1.0 = full-scale peak). */
typedef struct {
  float programme;    /* programme gain into the cable filter */
  cable_filter cable; /* the cable's low-pass */
  float series[3];    /* hum in series with the signal, before the cable */
  float direct[3];    /* hum arriving at the receiver */
  float leak[3];      /* common mode through the imbalance, before its poles */
  cable_filter leak_pole[2];
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
  float buzz;
  float mains_hz; /* the phase increments follow it as it glides */
  float drift;    /* 0..1 of the hum's wander (hum_drift.h) */
  float rf_source[RF_COUNT];
} params;

#define N_PARAMS (sizeof(params) / sizeof(float))
_Static_assert(sizeof(params) == N_PARAMS * sizeof(float), "floats only");

typedef struct {
  float x1, x2, y1;
} filter_state;

typedef struct {
  filter_state cable[2]; /* per channel */
  filter_state leak[2];  /* the two poles of the CMRR leak (mono) */
  headphone_state headphone;
} path_state;

struct balun_engine {
  double rate;
  params target, now;
  uint32_t glide_left, glide_samples;
  float glide_coeff;
  bool snap;
  float controls[PORT_COUNT]; /* as last set */
  /* the parameters still on their way: under automation a change moves a
   * few of them, and only those cost anything per sample */
  uint16_t gliding[N_PARAMS];
  uint32_t n_gliding;

  /* waveforms: the fundamental, and on the mains grid the buzz part of
   * the ground current with its first two derivatives (times 1/(jω0) and
   * 1/(jω0)²) and the dimmer's bursts */
  wavetable sine, gsm;
  mains_tables grid[MAINS_GRID_N];
  /* what now.mains_hz (`followed_hz`) means for the generators */
  float followed_hz;
  mains_blend blend;
  uint32_t mains_phase, mains_inc, dimmer_phase, dimmer_inc;
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
  path_state state[2];
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
  if (!e || !scratch || !c) {
    free(e), free(scratch), free(c);
    return NULL;
  }
  e->rate = rate;
  fill_tables(e, c, scratch);
  free(scratch);
  free(c);
  e->glide_coeff = (float)(1.0 - exp(-1.0 / (GLIDE_S * rate)));
  e->glide_samples = (uint32_t)(GLIDE_SETTLE * GLIDE_S * rate);
  e->drift_inc = (float)floor(HUM_DRIFT_HZ / rate * 4294967296.0);
  engine_reset(e);
  return e;
}

void engine_free(balun_engine *e)
{
  free(e);
}

void engine_reset(balun_engine *e)
{
  memset(e->state, 0, sizeof(e->state));
  e->headphone_live = false;
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

/* The model's path, in the engine's output units. */
static path_params path_target(const balun_engine *e, balun_path path,
                               const balun_setup *s, bool level_match,
                               bool programme_on)
{
  const balun_interface ifc = interface_of(path, s);
  const double passband = cable_passband_gain(&ifc, s);
  const double at_1k = cabs(cable_response(&ifc, s, 1000.0));
  /* level_match: unity at 1 kHz; else a fixed-gain receiver on which
   * 2 Vrms is full scale (ports.md, level_match). Volts rms -> samples. */
  const double to_output =
      1.0 / (sqrt(2.0) * (level_match ? ifc.full_scale_vrms * at_1k : 2.0));
  const balun_hum_polys hum = hum_polynomials(&ifc, s);
  const cable_filter lp =
      cable_filter_lowpass(cable_corner_hz(&ifc, s), e->rate);
  const double white = white_noise_scale(e);
  path_params p = {
      .programme = programme_on ? (float)(to_output * sqrt(2.0) *
                                          ifc.full_scale_vrms * passband)
                                : 0.0f,
      .cable = lp,
      .rf = (float)(to_output * rf_demodulated_v(&ifc, s)),
      .noise = (float)(to_output * white * path_thermal_noise_vrms(&ifc, s)),
      .receiver = clip_stage_at(to_output * sqrt(2.0) * s->clip_vrms),
  };
  for (int d = 0; d < 3; ++d) {
    p.series[d] = (float)(to_output * passband * hum.series.c[d]);
    p.direct[d] = (float)(to_output * hum.direct.c[d]);
    p.leak[d] = (float)(to_output * hum.leak.c[d]);
  }
  for (int k = 0; k < 2; ++k)
    p.leak_pole[k] = cable_filter_lowpass(hum.leak_pole_hz[k], e->rate);
  return p;
}

/* The generators at now.mains_hz: the phase increments (the phases run on,
 * so a change of frequency glides without a jump) and the grid's blend. */
static void follow_mains(balun_engine *e)
{
  const float f0 = e->now.mains_hz;
  e->followed_hz = f0;
  e->mains_inc = wavetable_increment(f0, e->rate);
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
  const balun_path path[2] = {(balun_path)v[PORT_PATH_A],
                              (balun_path)v[PORT_PATH_B]};
  const int listen = (int)v[PORT_LISTEN];
  const bool level_match = v[PORT_LEVEL_MATCH] >= 0.5f;
  params *t = &e->target;
  for (int p = 0; p < 2; ++p) {
    /* listen 2 and 3: that path's interference only */
    const bool programme_on = listen != 2 + p;
    const balun_headphone_kind hp =
        (balun_headphone_kind)v[PORT_HEADPHONE_A + p];
    /* a headphone stage takes the receiver's output at its full scale
     * and does the level matching itself */
    if (line)
      t->path[p] = path_target(
          e, path[p], &s, level_match || hp != HEADPHONE_NONE, programme_on);
    /* a stage that is off keeps its last network, and only fades */
    if (stage && (hp != HEADPHONE_NONE || e->snap))
      t->headphone[p] = network
                            ? headphone_target(hp, &s, level_match,
                                               white_noise_scale(e), e->rate)
                            : headphone_retarget(&t->headphone[p], hp, &s,
                                                 white_noise_scale(e));
    t->headphone[p].mix = hp != HEADPHONE_NONE ? 1.0f : 0.0f;
  }
  t->listen_b = (listen == 1 || listen == 3) ? 1.0f : 0.0f;
  t->wet = v[PORT_ENABLED] >= 0.5f ? 1.0f : 0.0f;
  t->buzz = (float)s.buzz;
  t->mains_hz = (float)s.mains_hz;
  t->drift = (float)s.drift;
  for (int r = 0; r < RF_COUNT; ++r)
    t->rf_source[r] = (int)s.rf_source == r ? 1.0f : 0.0f;

  if (e->snap) {
    e->now = *t;
    e->snap = false;
    e->glide_left = 0;
    follow_mains(e);
  } else {
    e->glide_left = e->glide_samples;
    const float *now = (const float *)&e->now, *to = (const float *)t;
    e->n_gliding = 0;
    for (size_t i = 0; i < N_PARAMS; ++i)
      if (now[i] != to[i]) e->gliding[e->n_gliding++] = (uint16_t)i;
  }
}

/* Every parameter a step: a loop the compiler vectorises, cheaper than
 * the list once a quarter of them move (a cable change moves most). A
 * parameter at its target stays there exactly. */
static void glide_all(float *restrict now, const float *restrict target,
                      float coeff)
{
  const size_t whole = N_PARAMS - N_PARAMS % 4;
  for (size_t i = 0; i < whole; i += 4) { /* four at a time: SIMD (SLP) */
    now[i] += coeff * (target[i] - now[i]);
    now[i + 1] += coeff * (target[i + 1] - now[i + 1]);
    now[i + 2] += coeff * (target[i + 2] - now[i + 2]);
    now[i + 3] += coeff * (target[i + 3] - now[i + 3]);
  }
  for (size_t i = whole; i < N_PARAMS; ++i) /* none when N_PARAMS % 4 == 0 */
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

static inline float filter_step(const cable_filter *c, filter_state *st,
                                float x)
{
  const float y = c->b0 * x + c->b1 * st->x1 + c->b2 * st->x2 + c->a1 * st->y1;
  st->x2 = st->x1;
  st->x1 = x;
  st->y1 = y;
  return y;
}

static inline float safe_input(float x)
{
  if (!isfinite(x)) return 0.0f;
  return x > INPUT_LIMIT ? INPUT_LIMIT : x < -INPUT_LIMIT ? -INPUT_LIMIT : x;
}

/* The ground-current waveform and its derivatives at this sample. */
static void hum_basis(balun_engine *e, float h[3])
{
  const uint32_t phase = e->mains_phase;
  e->mains_phase += e->mains_inc;
  const mains_tables *lo = &e->grid[e->blend.lo], *hi = lo + 1;
  const float upper = e->blend.upper;
  /* fundamental: √2 cos θ, then ×jn: -√2 sin θ, ×(jn)²: -√2 cos θ */
  const float cosine =
      BALUN_SQRT2 * wavetable_read(&e->sine, phase + 0x40000000u);
  const float sine = BALUN_SQRT2 * wavetable_read(&e->sine, phase);
  const float b = e->now.buzz;
  h[0] = cosine + b * mains_grid_read(&lo->buzz[0], &hi->buzz[0], upper, phase);
  h[1] = -sine + b * mains_grid_read(&lo->buzz[1], &hi->buzz[1], upper, phase);
  h[2] =
      -cosine + b * mains_grid_read(&lo->buzz[2], &hi->buzz[2], upper, phase);
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
  e->mains_phase += (uint32_t)e->drift_offset;
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

/* Each path's headphone stage, where one is on or fading (§12). Its
 * filters start from rest each time it is switched in. */
static void headphones(balun_engine *e, float heard[2][2])
{
  const headphone_params *hp = e->now.headphone;
  if (hp[0].mix == 0.0f && hp[1].mix == 0.0f && !e->headphone_live) return;
  e->headphone_live = false;
  float n[2];
  noise_source_pair(&e->amp_noise, n);
  for (int k = 0; k < 2; ++k) {
    headphone_state *st = &e->state[k].headphone;
    if (hp[k].mix == 0.0f) {
      memset(st, 0, sizeof *st);
      continue;
    }
    headphone_process(&hp[k], st, heard[k], n);
    e->headphone_live = true;
  }
}

void engine_process(balun_engine *e, const float *in_l, const float *in_r,
                    float *out_l, float *out_r, uint32_t n)
{
  const float *in[2] = {in_l, in_r};
  float *out[2] = {out_l, out_r};
  for (uint32_t i = 0; i < n; ++i) {
    if (e->glide_left) glide(e);
    const params *p = &e->now;
    float h[3];
    hum_basis(e, h);
    const float rf = rf_basis(e);
    const float gain = hum_wander(e);
    if (gain != 1.0f)
      for (int d = 0; d < 3; ++d)
        h[d] *= gain;
    float series[2], direct[2];
    for (int k = 0; k < 2; ++k) {
      const path_params *q = &p->path[k];
      path_state *st = &e->state[k];
      series[k] =
          q->series[0] * h[0] + q->series[1] * h[1] + q->series[2] * h[2];
      const float leak =
          q->leak[0] * h[0] + q->leak[1] * h[1] + q->leak[2] * h[2];
      direct[k] =
          q->direct[0] * h[0] + q->direct[1] * h[1] + q->direct[2] * h[2] +
          q->rf * rf +
          filter_step(&q->leak_pole[1], &st->leak[1],
                      filter_step(&q->leak_pole[0], &st->leak[0], leak));
    }
    float dry[2], heard[2][2]; /* [path][channel] */
    for (int ch = 0; ch < 2; ++ch) {
      dry[ch] = safe_input(in[ch][i]);
      const float thermal = noise_source_next(&e->noise[ch]);
      for (int k = 0; k < 2; ++k) {
        const path_params *q = &p->path[k];
        const float x = q->programme * dry[ch] + series[k];
        const float y = filter_step(&q->cable, &e->state[k].cable[ch], x);
        heard[k][ch] =
            clip_apply(q->receiver, y + direct[k] + q->noise * thermal);
      }
    }
    headphones(e, heard);
    for (int ch = 0; ch < 2; ++ch) {
      const float wet =
          heard[0][ch] + p->listen_b * (heard[1][ch] - heard[0][ch]);
      out[ch][i] = dry[ch] + p->wet * (wet - dry[ch]);
    }
  }
}
