/* balun-bench: what Balun costs, as a ratio to x42-eq measured in the same
 * run. Both are loaded through lilv like any host would, and their timed
 * blocks alternate round by round, so a shared, noisy machine slows both
 * alike: the ratio means something where an absolute time would not. */
#define _POSIX_C_SOURCE 200809L /* clock_gettime */

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
#define BLOCK      512u
#define MAX_ROUNDS 99

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

typedef struct {
  const char *name;
  host_plugin *h;
  double seconds[MAX_ROUNDS];
} contender;

static double now_s(void)
{
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

/* Runs `blocks` blocks; returns the seconds spent in run() alone (the
 * buffers were connected once, beforehand). */
static double run_blocks(host_plugin *h, int blocks)
{
  double start = now_s();
  for (int b = 0; b < blocks; ++b)
    host_run_connected(h, BLOCK);
  return now_s() - start;
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
  host_plugin *h = host_load(world, uri, RATE, BLOCK, err, sizeof err);
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

static void report(contender *c, int rounds, int blocks)
{
  const double audio_s = blocks * BLOCK / RATE;
  double ratio[MAX_ROUNDS];
  printf("\nround   %-8s   %-8s   ratio\n", "Balun", "x42-eq");
  for (int r = 0; r < rounds; ++r) {
    ratio[r] = c[0].seconds[r] / c[1].seconds[r];
    printf("%5d %8.2f ms %8.2f ms %7.2f\n", r + 1, 1e3 * c[0].seconds[r],
           1e3 * c[1].seconds[r], ratio[r]);
  }
  printf("\nmedian ratio Balun / x42-eq: %.2f\n", median(ratio, rounds));
  for (int k = 0; k < 2; ++k)
    printf("real-time factor of %-6s %8.0f x  (%.2f s of audio in %.2f ms, "
           "median)\n",
           c[k].name, audio_s / median(c[k].seconds, rounds), audio_s,
           1e3 * median(c[k].seconds, rounds));
  puts("The machine may be shared: compare the ratio, not the times.");
}

int main(int argc, char **argv)
{
  int rounds = 9;
  double seconds = 2.0;
  int status = parse_args(argc, argv, &rounds, &seconds);
  if (status >= 0) return status;
  const int blocks = (int)ceil(seconds * RATE / BLOCK);

  LilvWorld *world = host_world();
  contender c[2] = {{.name = "Balun"}, {.name = "x42-eq"}};
  c[1].h = load(world, X42_EQ_URI, "apt-get install x42-plugins");
  if (c[1].h)
    c[0].h = load(world, BALUN_URI,
                  "run `make bench`, `make install`, or set LV2_PATH");
  status = EXIT_FAILURE;
  if (c[0].h && c[1].h && configure_balun(c[0].h)) {
    /* One block of noise, connected once: run() is all that is timed. */
    static float in_l[BLOCK], in_r[BLOCK], out_l[BLOCK], out_r[BLOCK];
    uint32_t seed = 12345;
    programme_noise(in_l, BLOCK, 0.25, &seed);
    programme_noise(in_r, BLOCK, 0.25, &seed);
    for (int k = 0; k < 2; ++k) {
      host_connect_audio(c[k].h, in_l, in_r, out_l, out_r);
      run_blocks(c[k].h, blocks / 4); /* caches, lazy set-up, CPU clock */
    }
    printf("balun-bench: %d rounds of %.2f s of audio per plugin, %g Hz, "
           "%u-frame blocks, white noise at -12 dBFS peak\n",
           rounds, blocks * BLOCK / RATE, RATE, BLOCK);
    print_settings("Balun", c[0].h);
    print_settings(
        "x42-eq (defaults: shelves and 4 bands on at 0 dB, high/low-pass off)",
        c[1].h);
    for (int r = 0; r < rounds; ++r) {
      for (int i = 0; i < 2; ++i) {
        int k = (r + i) % 2; /* alternate who goes first */
        run_blocks(c[k].h, 10);
        c[k].seconds[r] = run_blocks(c[k].h, blocks);
      }
    }
    report(c, rounds, blocks);
    status = EXIT_SUCCESS;
  }
  host_free(c[0].h);
  host_free(c[1].h);
  lilv_world_free(world);
  return status;
}
