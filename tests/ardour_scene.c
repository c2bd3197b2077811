/* The scene tests/check-ardour.sh plays in Ardour, defined once: the
 * programme on the track, the controls the Lua scripts set by symbol, the
 * automation they write, and the analysis of Ardour's export against the
 * model. The automation written and the automation checked cannot drift
 * apart, and every expected level is the model's (src/), never a number
 * taken from an export.
 *
 *   ardour_scene lua PRESET.ttl                 the scene as a Lua table
 *   ardour_scene sets                           the controls set, SYMBOL=VALUE
 *   ardour_scene programme L.wav R.wav          the programme, mono files
 *   ardour_scene analyse EXPORT.wav PRESET.ttl  check Ardour's export */
#include <math.h>
#include <sndfile.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "preset_model.h"
#include "programme.h"
#include "spectrum.h"

enum { EXIT_FAILED = 1, EXIT_USAGE = 2 };

#define RATE     48000
#define LENGTH_S 11.5
/* The programme: digital silence, so the hum is heard alone, except for a
 * tone at -12.04 dBFS. 997 Hz is a multiple of neither 50 nor 60 Hz, so
 * the tone and the hum's harmonics fall in different bins; 3 s hold 2991
 * whole cycles, so the tone starts and ends at a zero crossing. */
#define TONE_HZ      997.0
#define TONE_PEAK    0.25
#define TONE_START_S 4.0
#define TONE_END_S   7.0

/* The user preset the Lua scripts save after setting the controls. */
#define USER_PRESET "Balun check"

/* What an Ardour user changes after recalling the preset. */
static const struct {
  const char *symbol;
  float value;
} sets[] = {
    /* levels as a fixed-gain receiver hears them: B (4 Vrms) plays its
     * programme louder than A (2 Vrms), so the A/B switch shows in the
     * programme too (ports.md, level_match) */
    {"level_match", 0.0f},
    /* the preset's CATV system is at 60 Hz; this room is at 50 Hz */
    {"mains_frequency", 50.0f},
};
#define N_SETS (int)(sizeof(sets) / sizeof(sets[0]))

/* Automation, as steps: Ardour interpolates every lane but the toggles
 * linearly, so each step is written as two points one frame apart. */
typedef struct {
  double at_s;
  float value;
} step;

typedef struct {
  const char *symbol;
  float initial;
  int n_steps;
  step steps[2];
} lane;

static const lane lanes[] = {
    {"ground_voltage", 1000.0f, 2, {{2.0, 300.0f}, {9.5, 100.0f}}},
    /* A, B, A: the switch to B falls on a crest of the tone (997 Hz x 5.25 s
     * = 5234.25 cycles) where a click would be largest, the switch back
     * in silence, where only the hum changes */
    {"listen", 0.0f, 2, {{5.25, 1.0f}, {8.0, 0.0f}}},
};
#define N_LANES (int)(sizeof(lanes) / sizeof(lanes[0]))

/* Where the levels are measured: whole periods of 50 Hz (and of the tone
 * in 1 s), clear of every step by more than the plugin's 50 ms glide. */
typedef struct {
  double start_s, length_s;
} window;

static const window silent[] = {
    {1.0, 0.5}, {3.0, 0.5}, {7.25, 0.5}, {8.25, 0.5}, {10.5, 0.5}};
static const window tone[] = {{4.1, 1.0}, {5.5, 1.0}};

/* A step's level change must be centred within this of where it was
 * written. Ardour splits run() at automation points, so the plugin gets a
 * step on its frame; where the 20 ms measuring window puts the midpoint
 * depends on the size of the step, the plugin's 5 ms glide and the hum's
 * phase: about 10 ms either way (11 ms seen). 30 ms also allows for a host
 * that hands automation over one 1024-frame period late, and still catches
 * automation written 50 ms off. */
#define STEP_TOLERANCE_S 0.030
/* Around a step no sample-to-sample change may exceed the largest one of
 * the steady signal on either side by more than this factor. Without the
 * plugin's glide, the switch from A to B on the tone's crest steps by 0.22,
 * over three times the largest step the tone makes through B (0.065). */
#define CLICK_FACTOR 1.25

static size_t frame_of(double s)
{
  return (size_t)llround(s * RATE);
}

static int lane_port(const lane *l)
{
  return port_by_symbol(l->symbol);
}

static float lane_value(const lane *l, double t)
{
  float v = l->initial;
  for (int k = 0; k < l->n_steps; ++k)
    if (t >= l->steps[k].at_s) v = l->steps[k].value;
  return v;
}

/* ---- the Lua table ---- */

static void lua_string(const char *s)
{
  putchar('"');
  for (; *s; ++s) {
    if (*s == '"' || *s == '\\') putchar('\\');
    putchar(*s);
  }
  putchar('"');
}

static void print_ports(const char *name, balun_port_kind kind)
{
  printf("  %s = {\n", name);
  for (int i = 0; i < PORT_COUNT; ++i) {
    if (balun_ports[i].kind != kind) continue;
    printf("    {port = %d, symbol = ", i);
    lua_string(balun_ports[i].symbol);
    printf(", name = ");
    lua_string(balun_ports[i].name);
    printf("},\n");
  }
  printf("  },\n");
}

static int print_lua(const preset_file *p)
{
  printf("-- The scene of tests/check-ardour.sh, from build/tests/ardour_scene."
         "\nreturn {\n  rate = %d,\n  frames = %zu,\n  preset = ",
         RATE, frame_of(LENGTH_S));
  lua_string(p->label);
  printf(",\n  user_preset = ");
  lua_string(USER_PRESET);
  printf(",\n");
  print_ports("controls", PORT_CONTROL_IN);
  print_ports("readouts", PORT_CONTROL_OUT);
  printf("  set = {\n");
  for (int i = 0; i < N_SETS; ++i)
    printf("    {symbol = \"%s\", value = %.9g},\n", sets[i].symbol,
           sets[i].value);
  printf("  },\n  lanes = {\n");
  for (int i = 0; i < N_LANES; ++i) {
    const lane *l = &lanes[i];
    printf("    {symbol = \"%s\", points = {{0, %.9g}", l->symbol, l->initial);
    float before = l->initial;
    for (int k = 0; k < l->n_steps; ++k) {
      const size_t at = frame_of(l->steps[k].at_s);
      printf(", {%zu, %.9g}, {%zu, %.9g}", at - 1, before, at,
             l->steps[k].value);
      before = l->steps[k].value;
    }
    printf("}},\n");
  }
  printf("  },\n}\n");
  return 0;
}

/* The sets as SYMBOL=VALUE, as build/tests/expect takes them. */
static void assignments(char text[N_SETS][64], char *assign[N_SETS])
{
  for (int i = 0; i < N_SETS; ++i) {
    snprintf(text[i], sizeof(text[i]), "%s=%.9g", sets[i].symbol,
             sets[i].value);
    assign[i] = text[i];
  }
}

/* ---- the programme ---- */

static int write_programme(const char *l_path, const char *r_path)
{
  const size_t n = frame_of(LENGTH_S);
  float *x = calloc(n, sizeof(float));
  if (!x) return EXIT_FAILED;
  const size_t start = frame_of(TONE_START_S);
  programme_sine(x + start, (uint32_t)(frame_of(TONE_END_S) - start), RATE,
                 TONE_HZ, TONE_PEAK);
  const char *paths[2] = {l_path, r_path};
  int status = 0;
  for (int c = 0; c < 2 && !status; ++c) {
    SF_INFO info = {.samplerate = RATE,
                    .channels = 1,
                    .format = SF_FORMAT_WAV | SF_FORMAT_FLOAT};
    SNDFILE *f = sf_open(paths[c], SFM_WRITE, &info);
    if (!f || sf_writef_float(f, x, (sf_count_t)n) != (sf_count_t)n) {
      fprintf(stderr, "ardour_scene: cannot write %s: %s\n", paths[c],
              sf_strerror(f));
      status = EXIT_FAILED;
    }
    if (f) sf_close(f);
  }
  free(x);
  return status;
}

/* ---- the analysis ---- */

typedef struct {
  float base[PORT_COUNT]; /* preset and sets, before automation */
  const float *ch[2];
  int failures;
} analysis;

static void controls_at(const analysis *a, double t, float c[PORT_COUNT])
{
  memcpy(c, a->base, sizeof(a->base));
  for (int i = 0; i < N_LANES; ++i)
    c[lane_port(&lanes[i])] = lane_value(&lanes[i], t);
}

/* The path heard at t (listen 0 or 2: A, 1 or 3: B). */
static int heard_at(const analysis *a, double t)
{
  float c[PORT_COUNT];
  controls_at(a, t, c);
  const int listen = (int)port_sanitize(PORT_LISTEN, c[PORT_LISTEN]);
  return listen == 1 || listen == 3;
}

/* Volts at the receiver that come out at 0 dBFS (ports.md, level_match):
 * the path's own full scale, or with level_match off the RCA full scale. */
static double full_scale_v(const float c[PORT_COUNT], const balun_figures *f)
{
  if (port_sanitize(PORT_LEVEL_MATCH, c[PORT_LEVEL_MATCH]) >= 0.5f)
    return f->signal_vrms;
  float v[PORT_COUNT];
  for (int i = 0; i < PORT_COUNT; ++i)
    v[i] = port_sanitize((balun_port)i, c[i]);
  const balun_setup s = setup_from_ports(v);
  const balun_interface rca = interface_of(PATH_RCA, &s);
  return rca.full_scale_vrms;
}

static void verdict(analysis *a, bool ok, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void verdict(analysis *a, bool ok, const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  printf("  %s ", ok ? "ok  " : "FAIL");
  vprintf(fmt, ap);
  putchar('\n');
  va_end(ap);
  if (!ok) ++a->failures;
}

static const char *path_name(int b)
{
  return b ? "B" : "A";
}

/* The controls, the model's figures and the path heard in the middle of
 * window w, as automated. */
static int scene_at(const analysis *a, const window *w, float c[PORT_COUNT],
                    balun_figures fig[2])
{
  const double mid = w->start_s + 0.5 * w->length_s;
  controls_at(a, mid, c);
  model_figures(c, fig);
  return heard_at(a, mid);
}

/* In the silent programme the output is the path's interference and
 * thermal noise alone: its 20 Hz-20 kHz level must be the model's. */
static void check_silence(analysis *a, int ch, const window *w)
{
  float c[PORT_COUNT];
  balun_figures fig[2];
  const int b = scene_at(a, w, c, fig);
  const balun_figures *f = &fig[b];
  const double v = sqrt(f->hum_vrms * f->hum_vrms + f->rf_vrms * f->rf_vrms +
                        f->noise_vrms * f->noise_vrms);
  const double want = 20.0 * log10(v / full_scale_v(c, f));
  spectrum s = spectrum_of(a->ch[ch] + frame_of(w->start_s),
                           frame_of(w->length_s), RATE);
  const double got = rms_to_dbfs(spectrum_band_rms(&s, 20.0, 20000.0));
  verdict(a, fabs(got - want) <= 0.3,
          "%5.2f-%5.2f s  silent programme, %s at ground_voltage %4.0f mV: "
          "%7.2f dBFS, model %7.2f",
          w->start_s, w->start_s + w->length_s, path_name(b),
          c[PORT_GROUND_VOLTAGE], got, want);
  if (w == &silent[0]) {
    /* the hum is at the mains frequency the Lua set by symbol */
    const double peak = spectrum_peak_hz(&s, 20.0, 1000.0);
    verdict(a, fabs(peak - c[PORT_MAINS_FREQUENCY]) < 1.0,
            "              strongest line %.0f Hz, mains_frequency %.0f Hz",
            peak, c[PORT_MAINS_FREQUENCY]);
  }
  spectrum_free(&s);
}

/* The tone comes out at the path's programme gain at 1 kHz: its full-scale
 * volts at the receiver over the volts that make 0 dBFS. */
static void check_tone(analysis *a, int ch, const window *w)
{
  float c[PORT_COUNT];
  balun_figures fig[2];
  const int b = scene_at(a, w, c, fig);
  const double gain = fig[b].signal_vrms / full_scale_v(c, &fig[b]);
  const double want = 20.0 * log10(TONE_PEAK * gain);
  spectrum s = spectrum_of(a->ch[ch] + frame_of(w->start_s),
                           frame_of(w->length_s), RATE);
  const double got = rms_to_dbfs(spectrum_line_rms(&s, TONE_HZ));
  spectrum_free(&s);
  verdict(a, fabs(got - want) <= 0.05,
          "%5.2f-%5.2f s  %.0f Hz tone at %.2f dBFS in, through %s: "
          "%7.2f dBFS, model %7.2f",
          w->start_s, w->start_s + w->length_s, TONE_HZ,
          20.0 * log10(TONE_PEAK), path_name(b), got, want);
}

static double rms_db(const float *x, size_t n)
{
  return rms_to_dbfs(signal_rms(x, n));
}

static double max_step(const float *x, size_t from, size_t to)
{
  double m = 0.0;
  for (size_t i = from + 1; i < to; ++i)
    m = fmax(m, fabs((double)x[i] - x[i - 1]));
  return m;
}

/* A step written at t0: the level moves from the steady level before to
 * the steady level after, with its midpoint (in dB) near t0, and without a
 * click. Levels are measured over one 50 Hz period (20 ms) centred on each
 * frame; the steady levels over 100 ms starting 50 ms from t0, where the
 * plugin's glide has settled. */
static void check_step(analysis *a, int ch, const lane *l, int k)
{
  const float *x = a->ch[ch];
  const double t0 = l->steps[k].at_s;
  const size_t period = RATE / 50, half = period / 2;
  const size_t before0 = frame_of(t0 - 0.15), before1 = frame_of(t0 - 0.05);
  const size_t after0 = frame_of(t0 + 0.05), after1 = frame_of(t0 + 0.15);
  const double lb = rms_db(x + before0, before1 - before0);
  const double la = rms_db(x + after0, after1 - after0);
  const double middle = 0.5 * (lb + la);
  double crossed = NAN;
  for (size_t centre = frame_of(t0 - 0.1); centre < frame_of(t0 + 0.1);
       ++centre) {
    const double level = rms_db(x + centre - half, period);
    if ((la < lb) ? level < middle : level > middle) {
      crossed = (double)centre / RATE;
      break;
    }
  }
  verdict(a, fabs(crossed - t0) <= STEP_TOLERANCE_S && fabs(la - lb) > 3.0,
          "%5.2f s        %s %g -> %g: %.2f -> %.2f dBFS, midway at %.4f s "
          "(%+.1f ms)",
          t0, l->symbol, k ? l->steps[k - 1].value : l->initial,
          l->steps[k].value, lb, la, crossed, 1e3 * (crossed - t0));
  const double steady =
      fmax(max_step(x, before0, before1), max_step(x, after0, after1));
  const double around = max_step(x, frame_of(t0 - 0.05), after0);
  verdict(a, around <= CLICK_FACTOR * steady,
          "              largest step around it %.3g, steady signal %.3g "
          "(limit x%.2f)",
          around, steady, CLICK_FACTOR);
}

static int analyse(const char *path, const preset_file *p)
{
  SF_INFO info = {0};
  SNDFILE *f = sf_open(path, SFM_READ, &info);
  if (!f) {
    printf("ardour_scene: cannot read %s: %s\n", path, sf_strerror(NULL));
    return EXIT_FAILED;
  }
  const size_t n = frame_of(LENGTH_S);
  if (info.samplerate != RATE || info.channels != 2 ||
      (info.format & SF_FORMAT_SUBMASK) != SF_FORMAT_FLOAT ||
      info.frames != (sf_count_t)n) {
    printf("ardour_scene: %s is %d Hz, %d channels, format 0x%x, %lld "
           "frames; the export preset asks for %d Hz stereo 32-bit float, "
           "%zu frames\n",
           path, info.samplerate, info.channels, info.format,
           (long long)info.frames, RATE, n);
    sf_close(f);
    return EXIT_FAILED;
  }
  float *frames = malloc(sizeof(float) * 2 * n);
  float *ch = malloc(sizeof(float) * 2 * n);
  if (!frames || !ch || sf_readf_float(f, frames, info.frames) != info.frames) {
    printf("ardour_scene: cannot read the frames of %s\n", path);
    free(frames), free(ch), sf_close(f);
    return EXIT_FAILED;
  }
  sf_close(f);
  for (size_t i = 0; i < n; ++i) {
    ch[i] = frames[2 * i];
    ch[n + i] = frames[2 * i + 1];
  }
  free(frames);

  analysis a = {.ch = {ch, ch + n}};
  char err[256], text[N_SETS][64], *assign[N_SETS];
  assignments(text, assign);
  if (preset_controls(p, N_SETS, assign, a.base, err, sizeof(err))) {
    printf("ardour_scene: %s\n", err);
    free(ch);
    return EXIT_FAILED;
  }
  for (int c = 0; c < 2; ++c) {
    printf("%s channel of %s:\n", c ? "Right" : "Left", path);
    for (size_t w = 0; w < sizeof(silent) / sizeof(silent[0]); ++w)
      check_silence(&a, c, &silent[w]);
    for (size_t w = 0; w < sizeof(tone) / sizeof(tone[0]); ++w)
      check_tone(&a, c, &tone[w]);
    for (int i = 0; i < N_LANES; ++i)
      for (int k = 0; k < lanes[i].n_steps; ++k)
        check_step(&a, c, &lanes[i], k);
  }
  free(ch);
  printf("%d check%s failed\n", a.failures, a.failures == 1 ? "" : "s");
  return a.failures ? EXIT_FAILED : 0;
}

/* Every symbol the scene names is a control input of the plugin. */
static bool scene_is_sound(void)
{
  for (int i = 0; i < N_LANES; ++i)
    if (lane_port(&lanes[i]) < 0 ||
        balun_ports[lane_port(&lanes[i])].kind != PORT_CONTROL_IN)
      return false;
  for (int i = 0; i < N_SETS; ++i)
    if (port_by_symbol(sets[i].symbol) < 0) return false;
  return true;
}

int main(int argc, char **argv)
{
  const char *mode = argc > 1 ? argv[1] : "";
  char err[512];
  preset_file p;
  if (!scene_is_sound()) {
    fputs("ardour_scene: the scene names a port the plugin lacks\n", stderr);
    return EXIT_USAGE;
  }
  if (!strcmp(mode, "programme") && argc == 4)
    return write_programme(argv[2], argv[3]);
  if (!strcmp(mode, "sets") && argc == 2) {
    char text[N_SETS][64], *assign[N_SETS];
    assignments(text, assign);
    for (int i = 0; i < N_SETS; ++i)
      puts(assign[i]);
    return 0;
  }
  const char *preset = !strcmp(mode, "lua") && argc == 3       ? argv[2]
                       : !strcmp(mode, "analyse") && argc == 4 ? argv[3]
                                                               : NULL;
  if (!preset) {
    fputs("Usage: ardour_scene lua PRESET.ttl\n"
          "       ardour_scene sets\n"
          "       ardour_scene programme L.wav R.wav\n"
          "       ardour_scene analyse EXPORT.wav PRESET.ttl\n",
          stderr);
    return EXIT_USAGE;
  }
  if (preset_file_read(preset, &p, err, sizeof(err))) {
    fprintf(stderr, "ardour_scene: %s\n", err);
    return EXIT_USAGE;
  }
  return !strcmp(mode, "lua") ? print_lua(&p) : analyse(argv[2], &p);
}
