/* When the readouts are worked out: at once after a quiet spell, then at
 * most once per interval while the controls keep changing (a host playing
 * an automation lane changes one every block), so their cost is bounded
 * whatever the block size. The audio re-targets on every change; only the
 * numbers on the output ports wait, never longer than one interval plus
 * one block. */
#ifndef BALUN_READOUT_CLOCK_H
#define BALUN_READOUT_CLOCK_H

#include <stdbool.h>
#include <stdint.h>

/* 40 ms: 25 updates a second while changing; exact again within 50 ms of
 * the last change for blocks of up to 10 ms. */
#define READOUT_INTERVAL_S 0.04

typedef struct {
  uint32_t interval; /* frames */
  uint32_t since;    /* frames since the last update, saturating */
  bool pending;      /* controls changed since the last update */
} readout_clock;

/* Due at once on the first call. */
void readout_clock_init(readout_clock *c, double rate);
/* Due at once again (a host's activate()). */
void readout_clock_restart(readout_clock *c);

/* Called once per block before its `n_frames` are processed: `changed`
 * says whether the controls changed, `busy` whether the last work is still
 * on its way (it waits). True when the readouts are to be worked out now,
 * for the controls as they are. */
bool readout_clock_tick(readout_clock *c, bool changed, bool busy,
                        uint32_t n_frames);

#endif
