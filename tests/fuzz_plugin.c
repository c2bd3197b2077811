/* The fuzz target: the plugin driven through its LV2 descriptor by a host
 * that may send anything (issue 5). libFuzzer links it as balun-fuzz;
 * fuzz_replay.c replays saved inputs through it in `make check`.
 *
 * The input is a script, read byte by byte (zeros once it runs out):
 *   rate     1 byte: < 0x80 picks a common rate from `rates`, else three
 *            more bytes give any rate from 8 kHz to 768 kHz
 *   commands until the input or MAX_FRAMES runs out, each an opcode byte
 *   (modulo N_OPCODES) and its operands:
 *     SET    a control input (byte modulo the controls), a value (see
 *            next_value: a kind byte, then 0 to 4 bytes)
 *     RUN    2 bytes block size (0 to 8192, big-endian), the audio (see
 *            fill_audio: a mode byte, a parameter byte, and for raw bits 4
 *            bytes a frame)
 *     CYCLE  deactivate and activate
 *     PLACE  toggle in-place processing (outputs on the input buffers)
 *     EMPTY  run(0)
 * Properties after every run(): no sanitizer report, every output sample
 * finite and within OUTPUT_BOUND, every output port finite, and no
 * allocation inside connect_port() or run(); at the end, Ardour's inline
 * display renders inside what is offered (a size taken from the input's
 * length), every pixel drawn. A violation aborts, which libFuzzer and the
 * replay report as a crash. */
#include <lv2/core/lv2.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc_count.h"
#include "inline_display.h"
#include "ports.h"

#define MAX_BLOCK  8192u
#define MAX_FRAMES (1u << 16) /* per input: keeps one input quick */
/* Inputs are clipped at ±1e6 (engine.c). Scanning the model's extremes, the
 * largest programme gain is 8.5 (level match at 1 kHz over 300 m of
 * 400 pF/m from 10 kΩ) and the loudest interference +39 dBFS: a sound
 * plugin stays below 1e7, a diverging filter passes 1e8 within samples. */
#define OUTPUT_BOUND 1e8f

enum { SET, RUN, CYCLE, PLACE, EMPTY, N_OPCODES };

typedef struct {
  const uint8_t *data;
  size_t size, pos;
} reader;

static uint8_t next_byte(reader *r)
{
  return r->pos < r->size ? r->data[r->pos++] : 0;
}

static uint32_t next_bytes(reader *r, int n)
{
  uint32_t v = 0;
  for (int i = 0; i < n; ++i)
    v = v << 8 | next_byte(r);
  return v;
}

static double next_rate(reader *r)
{
  static const double rates[] = {8000,   11025,  16000,  22050,  32000,
                                 44100,  48000,  88200,  96000,  176400,
                                 192000, 352800, 384000, 705600, 768000};
  const uint8_t pick = next_byte(r);
  if (pick < 0x80) return rates[pick % (sizeof rates / sizeof rates[0])];
  return 8000.0 + next_bytes(r, 3) % 760001u;
}

/* Anything a host might store in a control port: raw bits (NaN payloads,
 * infinities, denormals), the classic bad values, the range's ends and
 * just beyond, and values in between. */
static float next_value(reader *r, const balun_port_info *p)
{
  static const float special[] = {NAN,     INFINITY, -INFINITY, 1e30f,
                                  -1e30f,  -0.0f,    1e-40f,    -1e-40f,
                                  3.4e38f, -3.4e38f, 0.5f,      -1.0f};
  const float span = p->maximum - p->minimum;
  const uint8_t kind = next_byte(r);
  switch (kind % 6) {
  case 0: {
    const uint32_t bits = next_bytes(r, 4);
    float v;
    memcpy(&v, &bits, sizeof v);
    return v;
  }
  case 1:
    return special[next_byte(r) % (sizeof special / sizeof special[0])];
  case 2:
    return next_byte(r) & 1 ? p->maximum : p->minimum;
  case 3:
    return p->minimum + span * (float)next_byte(r) / 255.0f;
  case 4:
    return p->minimum - span * (float)next_byte(r) / 16.0f;
  default:
    return p->maximum + span * (float)next_byte(r) / 16.0f;
  }
}

/* Audio as hostile as the controls: silence, raw bits from the input,
 * a tone, a tone salted with NaN/Inf/±1e30/denormals, denormal noise, or
 * full-scale square waves. */
static void fill_audio(reader *r, float *l, float *rt, uint32_t n)
{
  static const float salt[] = {NAN,    INFINITY, -INFINITY, 1e30f,
                               -1e30f, 1e-40f,   -1e-40f,   1e-45f};
  const uint8_t mode = next_byte(r) % 6;
  const uint8_t param = next_byte(r);
  for (uint32_t i = 0; i < n; ++i) {
    float a = 0.0f, b = 0.0f;
    switch (mode) {
    case 1: {
      const uint32_t bits = next_bytes(r, 4);
      memcpy(&a, &bits, sizeof a);
      b = -a;
      break;
    }
    case 2:
    case 3:
      a = 0.5f * sinf(0.001f * (float)(param + 1) * (float)i);
      b = 0.5f * cosf(0.001f * (float)(param + 1) * (float)i);
      if (mode == 3 && i % (param + 1u) == 0) a = b = salt[i % 8];
      break;
    case 4:
      a = (float)(int)((i * 2654435761u) >> 24) * 1e-42f;
      b = -a;
      break;
    case 5:
      a = (i / (param + 1u)) % 2 ? 1.0f : -1.0f;
      b = -a;
      break;
    default:
      break;
    }
    l[i] = a;
    rt[i] = b;
  }
}

typedef struct {
  const LV2_Descriptor *d;
  LV2_Handle h;
  float *in[2], *out[2]; /* exactly one block long: overruns are caught */
  float controls[PORT_COUNT];
  int in_place;
} session;

static void fail(const char *what, double value, uint32_t where)
{
  fprintf(stderr, "fuzz_plugin: %s: %g at %u\n", what, value, where);
  abort();
}

/* connect_port() is real-time safe (LV2 "Audio" class): counted too. */
static void connect_audio(session *s)
{
  s->d->connect_port(s->h, PORT_IN_L, s->in[0]);
  s->d->connect_port(s->h, PORT_IN_R, s->in[1]);
  s->d->connect_port(s->h, PORT_OUT_L, s->in_place ? s->in[0] : s->out[0]);
  s->d->connect_port(s->h, PORT_OUT_R, s->in_place ? s->in[1] : s->out[1]);
}

/* One run() of n frames on buffers allocated for it alone (ASan and
 * valgrind see a read or write past them), the audio filled from the
 * input (none for EMPTY: r is NULL), and every property checked. */
static void run_checked(session *s, reader *r, uint32_t n)
{
  for (int ch = 0; ch < 2; ++ch) {
    s->in[ch] = malloc(n * sizeof(float));
    s->out[ch] = malloc(n * sizeof(float));
    if (n && (!s->in[ch] || !s->out[ch])) fail("out of memory", n, 0);
  }
  if (r) fill_audio(r, s->in[0], s->in[1], n);
  alloc_count_begin();
  connect_audio(s);
  s->d->run(s->h, n);
  const long allocations = alloc_count_end();
  if (allocations) fail("allocations in run()", (double)allocations, n);
  const float *out[2] = {s->in_place ? s->in[0] : s->out[0],
                         s->in_place ? s->in[1] : s->out[1]};
  for (int ch = 0; ch < 2; ++ch)
    for (uint32_t i = 0; i < n; ++i)
      if (!(fabsf(out[ch][i]) <= OUTPUT_BOUND))
        fail("output sample not finite or beyond 1e8", out[ch][i], i);
  for (int p = 0; p < PORT_COUNT; ++p)
    if (port_is_output(p))
      if (!isfinite(s->controls[p]))
        fail(balun_ports[p].symbol, s->controls[p], (uint32_t)p);
  for (int ch = 0; ch < 2; ++ch) {
    free(s->in[ch]);
    free(s->out[ch]);
  }
}

/* The mixer-strip view as Ardour renders it, outside run(), after
 * whatever the controls were (their readouts may be extreme): inside the
 * offer, and opaque, so no pixel is left undrawn. */
static void render_checked(session *s, uint32_t w, uint32_t max_h)
{
  const LV2_Inline_Display_Interface *display =
      s->d->extension_data(LV2_INLINEDISPLAY__interface);
  if (!display) fail("no inline display interface", 0, 0);
  const LV2_Inline_Display_Image_Surface *image =
      display->render(s->h, w, max_h);
  if (!image) fail("inline display not rendered", w, max_h);
  if (image->width < 1 || image->width > (int)w || image->height < 1 ||
      image->height > (int)max_h || image->stride < 4 * image->width)
    fail("inline display outside the offer", image->width,
         (uint32_t)image->height);
  for (int y = 0; y < image->height; ++y)
    for (int x = 0; x < image->width; ++x) {
      uint32_t pixel;
      memcpy(&pixel, image->data + (size_t)y * (size_t)image->stride + 4 * x,
             sizeof pixel);
      if (pixel >> 24 != 0xff)
        fail("inline display pixel not drawn", pixel, (uint32_t)x);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  session s;
  reader r = {data, size, 0};
  const double rate = next_rate(&r);
  s.d = lv2_descriptor(0);
  s.h = s.d->instantiate(s.d, rate, "/nonexistent/", NULL);
  if (!s.h) fail("instantiate() failed at a valid rate", rate, 0);
  port_defaults(s.controls);
  for (uint32_t p = PORT_ENABLED; p < PORT_COUNT; ++p)
    s.d->connect_port(s.h, p, &s.controls[p]);
  s.in_place = 0;
  s.d->activate(s.h);
  uint32_t frames = 0;
  while (r.pos < r.size && frames < MAX_FRAMES) {
    switch (next_byte(&r) % N_OPCODES) {
    case SET: {
      const int p = port_controls[next_byte(&r) % PORT_N_CONTROLS];
      s.controls[p] = next_value(&r, &balun_ports[p]);
      break;
    }
    case RUN: {
      const uint32_t n = next_bytes(&r, 2) % (MAX_BLOCK + 1);
      run_checked(&s, &r, n);
      frames += n;
      break;
    }
    case CYCLE:
      s.d->deactivate(s.h);
      s.d->activate(s.h);
      break;
    case PLACE:
      s.in_place = !s.in_place;
      break;
    default:
      run_checked(&s, NULL, 0);
      break;
    }
  }
  render_checked(&s, 24 + (uint32_t)(size % 400), 8 + frames % 200);
  s.d->deactivate(s.h);
  s.d->cleanup(s.h);
  return 0;
}
