/* run() and Ardour's render() at the same time, as Ardour calls them (the
 * audio thread and its GUI thread), built with ThreadSanitizer
 * (tests/check-inline-display-race.sh): every value the mixer-strip view
 * shares between the two must be race-free (inline_display.h: a sequence
 * counter over atomics). run() changes listen, bypass and a readout while
 * the other thread renders at varying widths; the program fails on a race
 * (TSan's report and exit status), or if the two did not overlap, or if
 * run() never asked for a redraw. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>

#include <lv2/core/lv2.h>

#include "inline_display.h"
#include "ports.h"

#define BLOCK  256
#define BLOCKS 4000

static const LV2_Descriptor *descriptor;
static LV2_Handle instance;
static atomic_bool running;
static atomic_long renders_while_running;

static void count_draw(LV2_Inline_Display_Handle handle)
{
  ++*(long *)handle;
}

static void *gui_thread(void *arg)
{
  (void)arg;
  const LV2_Inline_Display_Interface *display =
      descriptor->extension_data(LV2_INLINEDISPLAY__interface);
  for (uint32_t i = 0; atomic_load(&running); ++i)
    if (display->render(instance, 80 + i % 160, 100))
      atomic_fetch_add(&renders_while_running, 1);
  return NULL;
}

int main(void)
{
  long draws = 0;
  LV2_Inline_Display queue_draw = {&draws, count_draw};
  const LV2_Feature feature = {LV2_INLINEDISPLAY__queue_draw, &queue_draw};
  const LV2_Feature *features[] = {&feature, NULL};
  descriptor = lv2_descriptor(0);
  instance = descriptor->instantiate(descriptor, 48000, "/", features);
  if (!instance) return 1;
  static float controls[PORT_COUNT], audio[4][BLOCK];
  port_defaults(controls);
  for (uint32_t p = PORT_ENABLED; p < PORT_COUNT; ++p)
    descriptor->connect_port(instance, p, &controls[p]);
  for (uint32_t p = PORT_IN_L; p <= PORT_OUT_R; ++p)
    descriptor->connect_port(instance, p, audio[p]);
  descriptor->activate(instance);
  atomic_store(&running, true);
  pthread_t gui;
  if (pthread_create(&gui, NULL, gui_thread, NULL)) return 1;
  for (int i = 0; i < BLOCKS; ++i) {
    controls[PORT_LISTEN] = (float)(i / 50 % 4);
    controls[PORT_ENABLED] = (float)(i / 300 % 2);
    controls[PORT_GROUND_VOLTAGE] = 10.0f + (float)(i % 1000);
    descriptor->run(instance, BLOCK);
  }
  atomic_store(&running, false);
  pthread_join(gui, NULL);
  descriptor->deactivate(instance);
  descriptor->cleanup(instance);
  const long renders = atomic_load(&renders_while_running);
  printf("inline-display-race: %d blocks, %ld redraws asked, %ld renders "
         "alongside\n",
         BLOCKS, draws, renders);
  return renders >= 100 && draws >= 100 ? 0 : 1;
}
