/* Replays fuzz inputs through the fuzz target without libFuzzer, so that
 * `make check` (any compiler, no sanitizer needed) runs the seed corpus and
 * every crash ever found (tests/fuzz/regressions). A failing input aborts,
 * naming itself first.
 *   balun-fuzz-replay FILE_OR_DIRECTORY... */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_INPUT (1 << 20)

static int replay_file(const char *path)
{
  static uint8_t data[MAX_INPUT];
  FILE *f = fopen(path, "rb");
  if (!f) {
    perror(path);
    return -1;
  }
  const size_t size = fread(data, 1, sizeof data, f);
  const int too_long = !feof(f);
  fclose(f);
  if (too_long) {
    fprintf(stderr, "%s: longer than %d bytes\n", path, MAX_INPUT);
    return -1;
  }
  fprintf(stderr, "replaying %s (%zu bytes)\n", path, size);
  LLVMFuzzerTestOneInput(data, size);
  return 1;
}

/* Replays `path`, or every file directly in it; returns how many, or -1. */
static int replay(const char *path)
{
  struct stat st;
  if (stat(path, &st)) {
    perror(path);
    return -1;
  }
  if (!S_ISDIR(st.st_mode)) return replay_file(path);
  DIR *dir = opendir(path);
  if (!dir) {
    perror(path);
    return -1;
  }
  int count = 0;
  for (struct dirent *e = readdir(dir); e && count >= 0; e = readdir(dir)) {
    if (e->d_name[0] == '.') continue; /* ., .., .gitkeep */
    char file[4096];
    snprintf(file, sizeof file, "%s/%s", path, e->d_name);
    const int n = replay_file(file);
    count = n < 0 ? -1 : count + n;
  }
  closedir(dir);
  return count;
}

int main(int argc, char **argv)
{
  if (argc < 2) {
    fputs("Usage: balun-fuzz-replay FILE_OR_DIRECTORY...\n", stderr);
    return 2;
  }
  int total = 0;
  for (int i = 1; i < argc; ++i) {
    const int n = replay(argv[i]);
    if (n < 0) return 1;
    total += n;
  }
  printf("balun-fuzz-replay: %d inputs replayed, every property held\n", total);
  return 0;
}
