#define _XOPEN_SOURCE 700 /* fdopen, fsync */
#include "wav_float.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* RIFF, fmt (8 + 18), fact (8 + 4), and the data chunk's own 8 bytes. */
#define FMT_BYTES    18
#define HEADER_BYTES (12 + 8 + FMT_BYTES + 8 + 4 + 8)
#define IEEE_FLOAT   3
#define SAMPLE_BYTES 4

struct wav_float {
  FILE *file;
  int rate, channels;
  uint64_t frames;
  bool failed;
};

uint64_t wav_float_max_frames(int channels)
{
  return (UINT32_MAX - HEADER_BYTES) / ((uint64_t)channels * SAMPLE_BYTES);
}

static unsigned char *put_u16(unsigned char *p, uint32_t v)
{
  p[0] = (unsigned char)(v & 0xff);
  p[1] = (unsigned char)(v >> 8 & 0xff);
  return p + 2;
}

static unsigned char *put_u32(unsigned char *p, uint32_t v)
{
  return put_u16(put_u16(p, v & 0xffff), v >> 16);
}

static unsigned char *put_tag(unsigned char *p, const char *tag)
{
  memcpy(p, tag, 4);
  return p + 4;
}

/* The header for w->frames frames, at the start of the file. */
static bool write_header(wav_float *w)
{
  const uint32_t frame_bytes = (uint32_t)w->channels * SAMPLE_BYTES;
  const uint32_t data = (uint32_t)w->frames * frame_bytes;
  unsigned char h[HEADER_BYTES], *p = h;
  p = put_u32(put_tag(p, "RIFF"), HEADER_BYTES - 8 + data);
  p = put_tag(p, "WAVE");
  p = put_u32(put_tag(p, "fmt "), FMT_BYTES);
  p = put_u16(p, IEEE_FLOAT);
  p = put_u16(p, (uint32_t)w->channels);
  p = put_u32(p, (uint32_t)w->rate);
  p = put_u32(p, (uint32_t)w->rate * frame_bytes); /* bytes per second */
  p = put_u16(p, frame_bytes);                     /* block align */
  p = put_u16(p, 8 * SAMPLE_BYTES);
  p = put_u16(p, 0); /* cbSize: no further format information */
  p = put_u32(put_u32(put_tag(p, "fact"), 4), (uint32_t)w->frames);
  put_u32(put_tag(p, "data"), data);
  return !fseek(w->file, 0, SEEK_SET) && fwrite(h, sizeof h, 1, w->file) == 1;
}

wav_float *wav_float_open_fd(int fd, int rate, int channels)
{
  wav_float *w = calloc(1, sizeof *w);
  FILE *file = w ? fdopen(fd, "wb") : NULL;
  if (!file) {
    const int e = w ? errno : ENOMEM;
    free(w);
    close(fd);
    errno = e;
    return NULL;
  }
  *w = (wav_float){.file = file, .rate = rate, .channels = channels};
  if (!write_header(w)) {
    const int e = errno;
    fclose(file);
    free(w);
    errno = e;
    return NULL;
  }
  return w;
}

bool wav_float_write(wav_float *w, const float *interleaved, size_t frames)
{
  if (frames > wav_float_max_frames(w->channels) - w->frames) {
    w->failed = true;
    errno = EFBIG;
    return false;
  }
  unsigned char buffer[4096];
  const size_t n = frames * (size_t)w->channels;
  for (size_t i = 0; i < n;) {
    size_t used = 0;
    for (; i < n && used < sizeof buffer; ++i) {
      uint32_t bits;
      memcpy(&bits, &interleaved[i], sizeof bits);
      put_u32(buffer + used, bits);
      used += SAMPLE_BYTES;
    }
    if (fwrite(buffer, 1, used, w->file) != used) {
      w->failed = true;
      return false;
    }
  }
  w->frames += frames;
  return true;
}

bool wav_float_close(wav_float *w)
{
  errno = 0;
  bool ok = !w->failed && write_header(w) && !fflush(w->file) &&
            !fsync(fileno(w->file));
  const int e = errno;
  if (fclose(w->file))
    ok = false;
  else
    errno = e;
  free(w);
  return ok;
}
