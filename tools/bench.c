/* balun-bench: what Balun costs, as a ratio to x42-eq measured in the same
 * run. Both are loaded through lilv like any host would, and their timed
 * blocks alternate round by round, so a shared, noisy machine slows both
 * alike: the ratio means something where an absolute time would not.
 * Two kinds of case: static (no control moves) and automated (a host
 * playing an automation lane: one control changes every block, Balun's and
 * x42-eq's master gain alike), at 64 and 512-frame blocks. The ratio is of
 * the audio thread's time, run() alone; Balun's worker jobs (the hum's
 * builds, which a host runs on another thread) are timed apart and shown
 * beside it. */
#define _POSIX_C_SOURCE 200809L /* clock_gettime */
#define _DEFAULT_SOURCE         /* M_PI */

#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "host.h"
#include "ports.h"
#include "programme.h"

#define X42_EQ_URI "http://gareus.org/oss/lv2/fil4#stereo"
#define RATE       48000.0
#define MAX_BLOCK  512u
#define MAX_ROUNDS 99
#define LANE_S     1.0 /* an automated control sweeps its range and back */

/* Every interference source on and both paths active: the dearest case. */
static const struct {
  const char *symbol;
  float value;
} balun_settings[] = {
    {"ground_voltage", 1000},
    {"buzz", 100},
    {"magnetic_field", 50},
    {"rf_field", 30},
    {"rf_source", 0},
    {"pin1_problem", 1},
    {"path_a", 0},
    {"path_b", 2},
};
#define N_SETTINGS (sizeof balun_settings / sizeof balun_settings[0])

/* A control that changes every block: swept from its minimum to its
 * maximum and back (geometrically for a logarithmic port) once a lane. */
typedef struct {
  const char *symbol; /* NULL: static */
  bool logarithmic;
} lane;

typedef struct {
  const char *symbol;
  float value;
} setting;

/* Both headphone stages on (bridged on A, single-ended on B) into a BA
 * IEM, whose rising impedance makes the output network a real filter. */
static const setting headphones[] = {
    {"headphone_a", 2}, {"headphone_b", 1}, {"headphone_load", 2}, {NULL, 0}};

typedef struct {
  const char *name;
  uint32_t block;
  lane balun, x42;
  const setting *scene; /* on top of the dearest case, for this case */
} bench_case;

static const bench_case cases[] = {
    {"static", MAX_BLOCK, {NULL, false}, {NULL, false}, NULL},
    {"static", 64, {NULL, false}, {NULL, false}, NULL},
    {"ground_voltage automated",
     64,
     {"ground_voltage", false},
     {"gain", false},
     NULL},
    {"cable_length automated",
     64,
     {"cable_length", true},
     {"gain", false},
     NULL},
    {"source_impedance automated",
     64,
     {"source_impedance", true},
     {"gain", false},
     NULL},
    {"buzz automated", 64, {"buzz", false}, {"gain", false}, NULL},
    {"ground_voltage automated",
     512,
     {"ground_voltage", false},
     {"gain", false},
     NULL},
    {"cable_length automated",
     512,
     {"cable_length", true},
     {"gain", false},
     NULL},
    {"headphones, static", MAX_BLOCK, {NULL, false}, {NULL, false}, headphones},
    {"headphones, volume automated",
     64,
     {"headphone_volume", false},
     {"gain", false},
     headphones},
};
#define N_CASES (sizeof cases / sizeof cases[0])

typedef struct {
  const char *name;
  host_plugin *h;
  double seconds[MAX_ROUNDS];
  double worker[MAX_ROUNDS]; /* its worker's jobs, off the audio thread */
} contender;

static double now_s(void)
{
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

/* The lane's value for every block, worked out before the clock starts. */
static float *lane_values(host_plugin *h, const lane *l, int blocks,
                          uint32_t block, uint32_t *port)
{
  if (!l->symbol) return NULL;
  const int index = host_port_index(h, l->symbol);
  float *v = malloc((size_t)blocks * sizeof *v);
  if (index < 0 || !v) {
    fprintf(stderr, "balun-bench: cannot automate '%s'\n", l->symbol);
    exit(EXIT_FAILURE);
  }
  *port = (uint32_t)index;
  const host_port_info *p = host_port(h, *port);
  const double period = LANE_S * RATE / block;
  for (int b = 0; b < blocks; ++b) {
    const double x = 0.5 - 0.5 * cos(2.0 * M_PI * b / period);
    v[b] = (float)(l->logarithmic ? p->minimum * pow(p->maximum / p->minimum, x)
                                  : p->minimum + (p->maximum - p->minimum) * x);
  }
  return v;
}

/* Runs `blocks` blocks, setting the lane's value before each when there is
 * one; returns the seconds run() took (the buffers were connected
 * beforehand) and adds those of the worker's jobs, which a host runs on
 * another thread, to `worker`. */
static double run_blocks(host_plugin *h, int blocks, uint32_t block,
                         const float *values, uint32_t port, double *worker)
{
  double audio = 0.0;
  for (int b = 0; b < blocks; ++b) {
    if (values) host_set_raw(h, port, values[b]);
    const double start = now_s();
    host_run_plugin(h, block);
    const double ran = now_s();
    host_run_worker(h);
    audio += ran - start;
    *worker += now_s() - ran;
  }
  return audio;
}

static int compare_doubles(const void *a, const void *b)
{
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

static double median(const double *v, int n)
{
  double sorted[MAX_ROUNDS];
  memcpy(sorted, v, (size_t)n * sizeof *v);
  qsort(sorted, (size_t)n, sizeof *sorted, compare_doubles);
  return n % 2 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
}

static host_plugin *load(LilvWorld *world, const char *uri, const char *hint)
{
  if (!host_find(world, uri)) {
    fprintf(stderr,
            "balun-bench: <%s> is not installed where lilv looks "
            "(LV2_PATH=%s): %s\n",
            uri, getenv("LV2_PATH") ? getenv("LV2_PATH") : "unset", hint);
    return NULL;
  }
  char err[1024];
  host_plugin *h = host_load(world, uri, RATE, MAX_BLOCK, err, sizeof err);
  if (!h) fprintf(stderr, "balun-bench: %s\n", err);
  return h;
}

static bool configure_balun(host_plugin *h)
{
  for (size_t i = 0; i < N_SETTINGS; ++i) {
    if (host_set(h, balun_settings[i].symbol, balun_settings[i].value)) {
      fprintf(stderr, "balun-bench: cannot set %s = %g on Balun\n",
              balun_settings[i].symbol, balun_settings[i].value);
      return false;
    }
  }
  return true;
}

/* Every control input as symbol=value, so the report says what ran. */
static void print_settings(const char *name, const host_plugin *h)
{
  printf("%s settings:", name);
  int column = (int)strlen(name) + 10;
  for (uint32_t i = 0; i < host_port_count(h); ++i) {
    const host_port_info *p = host_port(h, i);
    if (p->kind != HOST_CONTROL_IN) continue;
    char item[96];
    int len = snprintf(item, sizeof item, " %s=%g", p->symbol,
                       host_get(h, p->symbol));
    if (column + len > 78) {
      fputs("\n ", stdout);
      column = 1;
    }
    fputs(item, stdout);
    column += len;
  }
  putchar('\n');
}

/* The whole argument as a number (a whole one if asked), else NaN: atoi()
 * took "5x" for 5, "1e9" for 1, and "4294967297" for 1 as well. */
static double number(const char *s, bool whole)
{
  char *end;
  errno = 0;
  const double v = strtod(s, &end);
  if (end == s || *end || errno || (whole && v != floor(v))) return NAN;
  return v;
}

static int parse_args(int argc, char **argv, int *rounds, double *seconds)
{
  for (int i = 1; i < argc; ++i) {
    if (!strcmp(argv[i], "--rounds") && i + 1 < argc) {
      const double r = number(argv[++i], true);
      *rounds = r >= 1 && r <= MAX_ROUNDS ? (int)r : 0;
    } else if (!strcmp(argv[i], "--seconds") && i + 1 < argc) {
      *seconds = number(argv[++i], false);
    } else {
      fprintf(stderr,
              "Usage: balun-bench [--rounds N (1-%d, default 9)] "
              "[--seconds S (of audio per round, default 2)]\n",
              MAX_ROUNDS);
      return strcmp(argv[i], "--help") ? 2 : 0;
    }
  }
  if (*rounds < 1 || *rounds > MAX_ROUNDS ||
      !(*seconds >= 0.1 && *seconds <= 600)) {
    fprintf(stderr,
            "balun-bench: --rounds takes 1 to %d, --seconds 0.1 to "
            "600\n",
            MAX_ROUNDS);
    return 2;
  }
  return -1;
}

/* Times one case: rounds alternate who goes first; returns the median
 * ratio and fills the median times. */
static double time_case(contender *c, const bench_case *bc, int rounds,
                        double seconds, double median_s[2], double *worker_s)
{
  const int blocks = (int)ceil(seconds * RATE / bc->block);
  const lane *lanes[2] = {&bc->balun, &bc->x42};
  float *values[2];
  uint32_t port[2] = {0, 0};
  for (int k = 0; k < 2; ++k)
    values[k] = lane_values(c[k].h, lanes[k], blocks, bc->block, &port[k]);
  double ratio[MAX_ROUNDS];
  for (int r = 0; r < rounds; ++r) {
    for (int i = 0; i < 2; ++i) {
      const int k = (r + i) % 2; /* alternate who goes first */
      double warm = 0.0;
      run_blocks(c[k].h, 10, bc->block, values[k], port[k], &warm);
      c[k].worker[r] = 0.0;
      c[k].seconds[r] = run_blocks(c[k].h, blocks, bc->block, values[k],
                                   port[k], &c[k].worker[r]);
    }
    ratio[r] = c[0].seconds[r] / c[1].seconds[r];
  }
  for (int k = 0; k < 2; ++k) {
    median_s[k] = median(c[k].seconds, rounds);
    free(values[k]);
  }
  *worker_s = median(c[0].worker, rounds);
  return median(ratio, rounds);
}

/* Back to the configured scene between cases: a lane leaves its control
 * wherever it stopped. */
static void restore(host_plugin *h, const lane *l, float value)
{
  if (l->symbol) host_set(h, l->symbol, value);
}

static void run_cases(contender *c, int rounds, double seconds)
{
  printf("\n%-28s %6s %10s %10s %7s %10s\n", "case", "block", "Balun", "x42-eq",
         "ratio", "worker");
  double static_ratio = 0.0, headphone_ratio = 0.0, worst_automated = 0.0;
  const char *worst = "";
  for (size_t i = 0; i < N_CASES; ++i) {
    const bench_case *bc = &cases[i];
    const float before[2] = {
        bc->balun.symbol ? host_get(c[0].h, bc->balun.symbol) : 0.0f,
        bc->x42.symbol ? host_get(c[1].h, bc->x42.symbol) : 0.0f};
    float was[8];
    int n_scene = 0;
    for (const setting *s = bc->scene; s && s->symbol; ++s) {
      was[n_scene++] = host_get(c[0].h, s->symbol);
      host_set(c[0].h, s->symbol, s->value);
    }
    double t[2], worker;
    const double ratio = time_case(c, bc, rounds, seconds, t, &worker);
    for (int k = 0; k < n_scene; ++k)
      host_set(c[0].h, bc->scene[k].symbol, was[k]);
    restore(c[0].h, &bc->balun, before[0]);
    restore(c[1].h, &bc->x42, before[1]);
    printf("%-28s %6u %7.2f ms %7.2f ms %7.2f %7.2f ms\n", bc->name, bc->block,
           1e3 * t[0], 1e3 * t[1], ratio, 1e3 * worker);
    if (!bc->balun.symbol && bc->block == MAX_BLOCK && !bc->scene)
      static_ratio = ratio;
    if (!bc->balun.symbol && bc->scene) headphone_ratio = ratio;
    if (bc->balun.symbol && ratio > worst_automated) {
      worst_automated = ratio;
      worst = bc->name;
    }
  }
  printf("\nmedian ratio Balun / x42-eq, static full simulation: %.2f "
         "(target <= 0.5)\n",
         static_ratio);
  printf("median ratio Balun / x42-eq, static with both headphone stages: "
         "%.2f (target <= 0.5)\n",
         headphone_ratio);
  printf("median ratio Balun / x42-eq, automated, worst case: %.2f "
         "(%s; target <= 1.0)\n",
         worst_automated, worst);
  printf("(times: median per %.2f s of audio; x42-eq's automated lane is "
         "its master gain; worker: Balun's worker jobs in that time, off the "
         "audio thread)\n",
         seconds);
  puts("The machine may be shared: compare the ratio, not the times.");
}

int main(int argc, char **argv)
{
  int rounds = 9;
  double seconds = 2.0;
  int status = parse_args(argc, argv, &rounds, &seconds);
  if (status >= 0) return status;
  LilvWorld *world = host_world();
  contender c[2] = {{.name = "Balun"}, {.name = "x42-eq"}};
  c[1].h = load(world, X42_EQ_URI, "apt-get install x42-plugins");
  if (c[1].h)
    c[0].h = load(world, BALUN_URI,
                  "run `make bench`, `make install`, or set LV2_PATH");
  status = EXIT_FAILURE;
  if (c[0].h && c[1].h && configure_balun(c[0].h)) {
    /* One block of noise, connected once: run() is all that is timed. */
    static float in_l[MAX_BLOCK], in_r[MAX_BLOCK], out_l[MAX_BLOCK],
        out_r[MAX_BLOCK];
    uint32_t seed = 12345;
    programme_noise(in_l, MAX_BLOCK, 0.25, &seed);
    programme_noise(in_r, MAX_BLOCK, 0.25, &seed);
    const int warm_up = (int)ceil(0.25 * seconds * RATE / MAX_BLOCK);
    for (int k = 0; k < 2; ++k) {
      host_connect_audio(c[k].h, in_l, in_r, out_l, out_r);
      /* caches, lazy set-up, CPU clock */
      double worker = 0.0;
      run_blocks(c[k].h, warm_up, MAX_BLOCK, NULL, 0, &worker);
    }
    printf("balun-bench: %d rounds of %.2f s of audio per plugin and case, "
           "%g Hz, white noise at -12 dBFS peak\n",
           rounds, seconds, RATE);
    print_settings("Balun", c[0].h);
    print_settings(
        "x42-eq (defaults: shelves and 4 bands on at 0 dB, high/low-pass off)",
        c[1].h);
    run_cases(c, rounds, seconds);
    status = EXIT_SUCCESS;
  }
  host_free(c[0].h);
  host_free(c[1].h);
  lilv_world_free(world);
  return status;
}
