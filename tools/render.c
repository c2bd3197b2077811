/* balun-render: runs a WAV file (or the demo programme) through the
 * installed plugin, loaded through lilv as any host would, and writes a
 * 32-bit float stereo WAV. The output is written to a temporary file beside
 * it and renamed at the end, so a failure never leaves a half-written or
 * clobbered file, and the input is never overwritten. */
#define _XOPEN_SOURCE 700 /* realpath, mkstemp, fchmod, link, sigaction */

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sndfile.h>

#include "host.h"
#include "ports.h"
#include "programme.h"
#include "wav_float.h"

#define MAX_SETS     64
#define MAX_CHANNELS 2
#define MAX_BLOCK    65536
#define MAX_DEMO_S   3600.0

enum { EXIT_USAGE = 2, EXIT_INTERRUPTED = 130 };

typedef struct {
  const char *preset;
  const char *sets[MAX_SETS];
  int n_sets;
  double rate;
  bool rate_given;
  uint32_t block;
  bool force, quiet, list_presets;
  double demo_s; /* > 0 for --demo */
  const char *input, *output;
} options;

static volatile sig_atomic_t interrupted;
/* A progress line is on the terminal without its newline: an error
 * message starts on a line of its own. */
static bool progress_unfinished;

static void on_signal(int sig)
{
  (void)sig;
  interrupted = 1;
}

static void complain(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));
static void complain(const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  if (progress_unfinished) fputc('\n', stderr);
  progress_unfinished = false;
  fputs("balun-render: error: ", stderr);
  vfprintf(stderr, fmt, ap);
  fputc('\n', stderr);
  va_end(ap);
}

static void usage(FILE *to)
{
  fputs(
      "Usage: balun-render [OPTIONS] INPUT.wav OUTPUT.wav\n"
      "       balun-render [OPTIONS] --demo SECONDS OUTPUT.wav\n"
      "       balun-render --list-presets\n"
      "\n"
      "Runs audio through the installed Balun plugin (found through lilv and\n"
      "LV2_PATH, like any host) and writes a 32-bit float stereo WAV at the\n"
      "input's rate; mono input feeds both channels. Then prints the\n"
      "plugin's readouts (SNR, interference, CMRR, cable corner of A and B).\n"
      "\n"
      "Options:\n"
      "  --preset LABEL|URI   apply a factory preset first\n"
      "  --set SYMBOL=VALUE   set a control (repeatable, after the preset)\n"
      "  --demo SECONDS       render the built-in demo programme: chords with\n"
      "                       a second of silence every 5 s to hear hum in\n"
      "  --rate HZ            sample rate for --demo (default 48000)\n"
      "  --block N            frames per run() call (default 512)\n"
      "  --force              replace an existing OUTPUT\n"
      "  --quiet              print nothing but errors\n"
      "  --list-presets       print the presets and exit\n"
      "  --help               print this and exit\n"
      "\n"
      "Environment: LV2_PATH where to look for plugins; BALUN_URI another\n"
      "plugin to load instead (for testing this tool).\n",
      to);
}

/* ---- arguments ---- */

static bool parse_double(const char *s, double *out)
{
  char *end;
  errno = 0;
  double v = strtod(s, &end);
  if (end == s || *end || errno || !isfinite(v)) return false;
  *out = v;
  return true;
}

/* "--name value" or "--name=value"; advances *i past what it consumed. */
static const char *option_value(int argc, char **argv, int *i, const char *name)
{
  size_t len = strlen(name);
  if (strncmp(argv[*i], name, len)) return NULL;
  if (argv[*i][len] == '=') return argv[*i] + len + 1;
  if (argv[*i][len] || *i + 1 >= argc) return NULL;
  return argv[++*i];
}

static bool is_option(const char *arg, const char *name)
{
  size_t len = strlen(name);
  return !strncmp(arg, name, len) && (!arg[len] || arg[len] == '=');
}

/* Returns -1 to go on, else the exit status. */
static int parse_args(int argc, char **argv, options *o)
{
  *o = (options){.rate = 48000, .block = 512};
  const char *positional[2];
  int n_positional = 0;
  for (int i = 1; i < argc; ++i) {
    const char *a = argv[i], *v;
    double d;
    if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
      usage(stdout);
      return EXIT_SUCCESS;
    } else if (!strcmp(a, "--force")) {
      o->force = true;
    } else if (!strcmp(a, "--quiet")) {
      o->quiet = true;
    } else if (!strcmp(a, "--list-presets")) {
      o->list_presets = true;
    } else if (is_option(a, "--preset")) {
      if (!(o->preset = option_value(argc, argv, &i, "--preset"))) goto bad;
    } else if (is_option(a, "--set")) {
      if (!(v = option_value(argc, argv, &i, "--set"))) goto bad;
      if (o->n_sets == MAX_SETS) {
        complain("at most %d --set options", MAX_SETS);
        return EXIT_USAGE;
      }
      o->sets[o->n_sets++] = v;
    } else if (is_option(a, "--rate")) {
      if (!(v = option_value(argc, argv, &i, "--rate"))) goto bad;
      if (!parse_double(v, &o->rate) || o->rate < 1000 || o->rate > 1e6) {
        complain("--rate takes a sample rate in Hz (1000 to 1000000), not '%s'",
                 v);
        return EXIT_USAGE;
      }
      o->rate_given = true;
    } else if (is_option(a, "--block")) {
      if (!(v = option_value(argc, argv, &i, "--block"))) goto bad;
      if (!parse_double(v, &d) || d < 1 || d > MAX_BLOCK || d != floor(d)) {
        complain(
            "--block takes a whole number of frames from 1 to %d, not '%s'",
            MAX_BLOCK, v);
        return EXIT_USAGE;
      }
      o->block = (uint32_t)d;
    } else if (is_option(a, "--demo")) {
      if (!(v = option_value(argc, argv, &i, "--demo"))) goto bad;
      if (!parse_double(v, &o->demo_s) || o->demo_s <= 0 ||
          o->demo_s > MAX_DEMO_S) {
        complain("--demo takes a duration in seconds (0 to %g), not '%s'",
                 MAX_DEMO_S, v);
        return EXIT_USAGE;
      }
    } else if (a[0] == '-' && a[1]) {
      complain("unknown option '%s' (see --help)", a);
      return EXIT_USAGE;
    } else if (n_positional < 2) {
      positional[n_positional++] = a;
    } else {
      complain("too many arguments: '%s' (see --help)", a);
      return EXIT_USAGE;
    }
    continue;
  bad:
    complain("%s needs a value (see --help)", a);
    return EXIT_USAGE;
  }
  if (o->list_presets) return -1;
  int wanted = o->demo_s > 0 ? 1 : 2;
  if (n_positional != wanted) {
    complain(o->demo_s > 0 ? "--demo SECONDS takes one file name, OUTPUT.wav"
                           : "expected INPUT.wav OUTPUT.wav (see --help)");
    return EXIT_USAGE;
  }
  if (o->rate_given && o->demo_s <= 0) {
    complain("--rate is for --demo; a file is rendered at its own rate");
    return EXIT_USAGE;
  }
  o->input = wanted == 2 ? positional[0] : NULL;
  o->output = positional[wanted - 1];
  return -1;
}

/* ---- files ---- */

/* Refuses what would lose data: writing over the input, or over an
 * existing file without --force. */
static bool check_output(const options *o)
{
  struct stat out, in;
  if (stat(o->output, &out)) {
    if (errno == ENOENT) return true;
    complain("cannot check %s: %s", o->output, strerror(errno));
    return false;
  }
  if (o->input && !stat(o->input, &in) && in.st_dev == out.st_dev &&
      in.st_ino == out.st_ino) {
    complain("OUTPUT %s is the input file; choose another name", o->output);
    return false;
  }
  if (S_ISDIR(out.st_mode)) {
    complain("OUTPUT %s is a directory", o->output);
    return false;
  }
  if (!o->force) {
    complain("%s exists; use --force to replace it", o->output);
    return false;
  }
  return true;
}

/* libsndfile reads what a damaged file still holds, and only notes in its
 * log when the header promised more ("data : 76800 (should be 2942)"):
 * true, with the two byte counts, for an audio chunk cut short. */
static bool truncated(SNDFILE *f, long long *promised, long long *held)
{
  char log[8192];
  sf_command(f, SFC_GET_LOG_INFO, log, sizeof log);
  for (const char *line = log; line; line = strchr(line, '\n')) {
    line += *line == '\n';
    if (sscanf(line, "data : %lld (should be %lld)", promised, held) == 2 &&
        *promised > *held)
      return true;
  }
  return false;
}

static SNDFILE *open_input(const char *path, SF_INFO *info)
{
  FILE *probe = fopen(path, "rb");
  if (!probe) {
    complain("cannot read %s: %s", path, strerror(errno));
    return NULL;
  }
  fclose(probe);
  struct stat st;
  if (!stat(path, &st) && S_ISDIR(st.st_mode)) {
    complain("%s is a directory, not an audio file", path);
    return NULL;
  }
  *info = (SF_INFO){0};
  SNDFILE *f = sf_open(path, SFM_READ, info);
  if (!f) {
    complain("%s is not an audio file libsndfile can read (%s)", path,
             sf_strerror(NULL));
    return NULL;
  }
  if (info->channels < 1 || info->channels > MAX_CHANNELS) {
    complain("%s has %d channels; balun-render takes mono or stereo", path,
             info->channels);
    sf_close(f);
    return NULL;
  }
  long long promised, held;
  if (truncated(f, &promised, &held)) {
    complain("%s is cut short: its header promises %lld bytes of audio, the "
             "file holds %lld",
             path, promised, held);
    sf_close(f);
    return NULL;
  }
  return f;
}

/* A temporary file in the output's directory, with the permissions a new
 * file would get, so the final rename() stays on one file system. */
static wav_float *open_temporary(const char *output, int rate, char *tmp,
                                 size_t tmp_len)
{
  const char *slash = strrchr(output, '/');
  int dir_len = slash ? (int)(slash - output + 1) : 0;
  if (snprintf(tmp, tmp_len, "%.*s.%s.XXXXXX", dir_len, output,
               slash ? slash + 1 : output) >= (int)tmp_len) {
    complain("output name too long: %s", output);
    return NULL;
  }
  int fd = mkstemp(tmp);
  if (fd < 0) {
    complain("cannot create a file in %.*s: %s", dir_len ? dir_len : 1,
             dir_len ? output : ".", strerror(errno));
    return NULL;
  }
  mode_t mask = umask(0);
  umask(mask);
  if (fchmod(fd, 0666 & ~mask)) { /* mkstemp made it 0600 */
    complain("cannot set the permissions of %s: %s", tmp, strerror(errno));
    close(fd);
    unlink(tmp);
    return NULL;
  }
  wav_float *f = wav_float_open_fd(fd, rate, 2);
  if (!f) {
    complain("cannot write %s: %s", tmp, strerror(errno));
    unlink(tmp);
  }
  return f;
}

/* Moves the finished file into place. Without --force, link() fails if
 * OUTPUT appeared meanwhile, where rename() would replace it. */
static bool publish(const char *tmp, const char *output, bool force)
{
  if (!force) {
    if (!link(tmp, output)) {
      unlink(tmp);
      return true;
    }
    if (errno == EEXIST) {
      complain("%s appeared while rendering; use --force to replace it",
               output);
      unlink(tmp);
      return false;
    }
    /* A file system without hard links: fall back to rename(). */
  }
  if (rename(tmp, output)) {
    complain("cannot rename %s to %s: %s", tmp, output, strerror(errno));
    unlink(tmp);
    return false;
  }
  return true;
}

/* ---- the plugin ---- */

static void list_symbols(const host_plugin *h)
{
  fputs("valid symbols:", stderr);
  for (uint32_t i = 0; i < host_port_count(h); ++i)
    if (host_port(h, i)->kind == HOST_CONTROL_IN)
      fprintf(stderr, " %s", host_port(h, i)->symbol);
  fputc('\n', stderr);
}

static bool apply_set(host_plugin *h, const char *set)
{
  const char *eq = strchr(set, '=');
  char symbol[128];
  double value;
  if (!eq || eq == set || (size_t)(eq - set) >= sizeof symbol ||
      !parse_double(eq + 1, &value)) {
    complain("--set takes SYMBOL=VALUE with a number, e.g. cable_length=10; "
             "got '%s'",
             set);
    return false;
  }
  memcpy(symbol, set, (size_t)(eq - set));
  symbol[eq - set] = '\0';
  int status = host_set(h, symbol, (float)value);
  if (status == 0) return true;
  int i = host_port_index(h, symbol);
  if (status == -2) {
    const host_port_info *p = host_port(h, (uint32_t)i);
    complain("%s = %g is out of range: %s takes %g to %g%s%s", symbol, value,
             symbol, p->minimum, p->maximum, p->unit ? " " : "",
             p->unit ? p->unit : "");
  } else if (status == -3) {
    complain("'%s' is not a control input (outputs are read-only)", symbol);
    list_symbols(h);
  } else {
    complain("unknown symbol '%s'", symbol);
    list_symbols(h);
  }
  return false;
}

static void print_preset(const char *uri, const char *label, void *data)
{
  (void)data;
  printf("%-60s <%s>\n", label, uri);
}

static host_plugin *load_plugin(LilvWorld *world, const char *uri, double rate,
                                uint32_t block)
{
  if (!host_find(world, uri)) {
    const char *path = getenv("LV2_PATH");
    complain(
        "the plugin <%s> is not installed where lilv looks (LV2_PATH=%s).\n"
        "Run `make install` (to ~/.lv2), or `make build/lv2/balun.lv2` and "
        "set LV2_PATH=$PWD/build/lv2:/usr/lib/lv2",
        uri, path ? path : "unset: ~/.lv2:/usr/local/lib/lv2:/usr/lib/lv2");
    return NULL;
  }
  char err[1024];
  host_plugin *h = host_load(world, uri, rate, block, err, sizeof err);
  if (!h) complain("%s", err);
  return h;
}

static bool configure(host_plugin *h, const options *o)
{
  char err[4096];
  if (o->preset && host_apply_preset(h, o->preset, err, sizeof err)) {
    complain("%s", err);
    return false;
  }
  for (int i = 0; i < o->n_sets; ++i)
    if (!apply_set(h, o->sets[i])) return false;
  return true;
}

static void print_readouts(const host_plugin *h, double seconds, double rate)
{
  printf("Readouts after %.2f s at %g Hz:\n", seconds, rate);
  for (uint32_t i = 0; i < host_port_count(h); ++i) {
    const host_port_info *p = host_port(h, i);
    if (p->kind != HOST_CONTROL_OUT) continue;
    printf("  %-16s %-18s %10.2f %s\n", p->symbol, p->name,
           host_get(h, p->symbol), p->unit ? p->unit : "");
  }
}

/* ---- rendering ---- */

typedef struct {
  SNDFILE *in; /* NULL: the demo programme */
  int in_channels;
  uint64_t total, done;
  double rate;
  uint32_t block;
  float *interleaved, *l, *r, *out_l, *out_r;
} render_job;

/* Fills job->l and job->r with the next n frames; false on a read error. */
static bool read_block(render_job *job, uint32_t n)
{
  if (!job->in) {
    programme_demo_at(job->l, job->r, job->done, n, job->rate);
    return true;
  }
  sf_count_t got = sf_readf_float(job->in, job->interleaved, n);
  if (got != (sf_count_t)n) {
    complain("reading the input failed after %llu frames: %s",
             (unsigned long long)(job->done + (got > 0 ? (uint64_t)got : 0)),
             sf_strerror(job->in));
    return false;
  }
  const int c = job->in_channels;
  for (uint32_t i = 0; i < n; ++i) {
    job->l[i] = job->interleaved[c * i];
    job->r[i] = job->interleaved[c * i + c - 1]; /* mono: both are [0] */
  }
  return true;
}

/* A progress line on a terminal, for more than a few seconds of audio:
 * one line, rewritten in place after every second of audio and ended with
 * a newline. Nothing when stderr is not a terminal (logs, tests). */
#define PROGRESS_MIN_S 5.0

typedef struct {
  bool on;
  uint64_t next; /* the frame after which to show it again */
} progress_line;

static progress_line progress_start(const render_job *job, bool quiet)
{
  return (progress_line){.on = !quiet && isatty(STDERR_FILENO) &&
                               job->total > PROGRESS_MIN_S * job->rate};
}

static void progress_show(progress_line *p, const render_job *job)
{
  if (!p->on || (job->done < p->next && job->done < job->total)) return;
  p->next = job->done + (uint64_t)job->rate;
  fprintf(stderr, "\rbalun-render: rendering %.1f s of %.1f s (%.0f %%)",
          (double)job->done / job->rate, (double)job->total / job->rate,
          floor(100.0 * (double)job->done / (double)job->total));
  progress_unfinished = job->done < job->total;
  if (!progress_unfinished) fputc('\n', stderr);
}

static bool render(host_plugin *h, render_job *job, wav_float *out, bool quiet)
{
  progress_line progress = progress_start(job, quiet);
  if (job->total == 0) host_run(h, NULL, NULL, NULL, NULL, 0); /* readouts */
  while (job->done < job->total) {
    if (interrupted) {
      complain("interrupted; nothing written");
      return false;
    }
    uint64_t left = job->total - job->done;
    uint32_t n = left < job->block ? (uint32_t)left : job->block;
    if (!read_block(job, n)) return false;
    host_run(h, job->l, job->r, job->out_l, job->out_r, n);
    for (uint32_t i = 0; i < n; ++i) {
      job->interleaved[2 * i] = job->out_l[i];
      job->interleaved[2 * i + 1] = job->out_r[i];
    }
    if (!wav_float_write(out, job->interleaved, n)) {
      complain("writing the output failed: %s", strerror(errno));
      return false;
    }
    job->done += n;
    progress_show(&progress, job);
  }
  return true;
}

static bool allocate(render_job *job)
{
  size_t n = job->block;
  job->interleaved = malloc(n * MAX_CHANNELS * sizeof(float));
  job->l = malloc(n * sizeof(float));
  job->r = malloc(n * sizeof(float));
  /* Zeroed: a mono plugin (BALUN_URI) never writes out_r. */
  job->out_l = calloc(n, sizeof(float));
  job->out_r = calloc(n, sizeof(float));
  if (job->interleaved && job->l && job->r && job->out_l && job->out_r)
    return true;
  complain("out of memory");
  return false;
}

static void release(render_job *job)
{
  free(job->interleaved);
  free(job->l);
  free(job->r);
  free(job->out_l);
  free(job->out_r);
  if (job->in) sf_close(job->in);
}

/* Everything after the arguments: returns the exit status. */
static int run(const options *o, LilvWorld *world, const char *uri)
{
  if (o->list_presets) {
    host_plugin *h = load_plugin(world, uri, o->rate, o->block);
    if (!h) return EXIT_FAILURE;
    if (!host_for_each_preset(h, print_preset, NULL))
      printf("<%s> has no presets\n", uri);
    host_free(h);
    return EXIT_SUCCESS;
  }
  if (!check_output(o)) return EXIT_FAILURE;
  render_job job = {.block = o->block, .rate = o->rate};
  if (o->input) {
    SF_INFO info;
    if (!(job.in = open_input(o->input, &info))) return EXIT_FAILURE;
    job.in_channels = info.channels;
    job.rate = info.samplerate;
    job.total = (uint64_t)info.frames;
  } else {
    job.total = (uint64_t)llround(o->demo_s * o->rate);
  }
  if (job.total > wav_float_max_frames(2)) {
    complain("%s would need %llu stereo frames; a WAV file holds at most %llu "
             "(4 GiB)",
             o->output, (unsigned long long)job.total,
             (unsigned long long)wav_float_max_frames(2));
    release(&job);
    return EXIT_FAILURE;
  }
  int status = EXIT_FAILURE;
  host_plugin *h = load_plugin(world, uri, job.rate, job.block);
  char tmp[PATH_MAX];
  wav_float *out = NULL;
  if (h && configure(h, o) && allocate(&job) &&
      (out = open_temporary(o->output, (int)job.rate, tmp, sizeof tmp))) {
    bool ok = render(h, &job, out, o->quiet);
    if (!wav_float_close(out) && ok) {
      complain("finishing %s failed: %s", tmp, strerror(errno));
      ok = false;
    }
    if (!ok) {
      unlink(tmp);
      if (interrupted) status = EXIT_INTERRUPTED;
    } else if (publish(tmp, o->output, o->force)) {
      status = EXIT_SUCCESS;
    }
  }
  if (status == EXIT_SUCCESS && !o->quiet)
    print_readouts(h, (double)job.total / job.rate, job.rate);
  release(&job);
  host_free(h);
  return status;
}

int main(int argc, char **argv)
{
  options o;
  int status = parse_args(argc, argv, &o);
  if (status >= 0) return status;

  struct sigaction sa = {.sa_handler = on_signal};
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, NULL);
  sigaction(SIGTERM, &sa, NULL);

  /* Another plugin, for testing this tool while the DSP is unfinished. */
  const char *uri = getenv("BALUN_URI");
  if (!uri || !*uri) uri = BALUN_URI;

  LilvWorld *world = host_world();
  if (!world) {
    complain("cannot create a lilv world");
    return EXIT_FAILURE;
  }
  status = run(&o, world, uri);
  lilv_world_free(world);
  return status;
}
