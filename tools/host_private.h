/* What host.c and host_preset.c share: the host's state and two helpers.
 * Not for the users of host.h. */
#ifndef BALUN_HOST_PRIVATE_H
#define BALUN_HOST_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>

#include <lv2/atom/atom.h>
#include <lv2/options/options.h>
#include <lv2/urid/urid.h>
#include <lv2/worker/worker.h>

#include "host.h"

/* A message to or from the plugin's worker (host.c runs it in step). */
#define HOST_WORK_SLOTS 4
#define HOST_WORK_BYTES 1024
typedef struct {
  uint32_t size;
  unsigned char data[HOST_WORK_BYTES];
} host_message;

typedef struct {
  host_message message[HOST_WORK_SLOTS];
  uint32_t count;
} host_messages;

/* urid:map as a growing table of owned strings: URID n is uris[n - 1]. */
typedef struct {
  char **uris;
  uint32_t count, capacity;
} urid_table;

struct host_plugin {
  LilvWorld *world;
  const LilvPlugin *plugin;
  LilvInstance *instance;
  uint32_t max_block;
  uint32_t n_ports;
  host_port_info *ports;
  float *controls;               /* one per port; used by control ports only */
  LV2_Atom **atoms;              /* one per port; non-NULL for atom ports */
  uint32_t atom_size;            /* bytes in each atom buffer */
  int audio_in[2], audio_out[2]; /* port indices, -1 where absent */
  float *silence, *scratch;      /* for audio ports beyond the first two */
  /* A plugin declaring lv2:inPlaceBroken reads its inputs from copies. */
  bool in_place_broken;
  float *in_copy[2];
  const float *in_user[2];

  urid_table urids;
  LV2_URID_Map map;
  LV2_URID_Unmap unmap;
  LV2_URID atom_float, atom_double, atom_int, atom_long, atom_bool;
  LV2_URID atom_sequence, atom_chunk;
  int32_t block_min, block_max, sequence_size;
  float sample_rate;
  LV2_Options_Option options[6];
  LV2_Feature f_map, f_unmap, f_options, f_bounded, f_schedule;
  const LV2_Feature *features[7]; /* ours, host_load_with()'s, NULL */
  /* work:schedule: the jobs run() asked for, run after it returns; the
   * replies, delivered then too (host.c, run_worker) */
  LV2_Worker_Schedule schedule;
  const LV2_Worker_Interface *worker;
  host_messages jobs, replies;
};

/* A message into err (if any), printf-style. */
void host_fail(char *err, size_t err_len, const char *fmt, ...);

/* host_set()'s verdict on a value, without storing it: the port index, or
 * host_set()'s negative code. */
int host_check_value(const host_plugin *h, const char *symbol, float value);

#endif
