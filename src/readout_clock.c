#include "readout_clock.h"

#include <math.h>

void readout_clock_init(readout_clock *c, double rate)
{
  const double frames = ceil(READOUT_INTERVAL_S * rate);
  c->interval = frames < 1.0   ? 1u
                : frames > 1e9 ? 1000000000u
                               : (uint32_t)frames;
  readout_clock_restart(c);
}

void readout_clock_restart(readout_clock *c)
{
  c->since = c->interval;
  c->pending = true;
}

bool readout_clock_tick(readout_clock *c, bool changed, bool busy,
                        uint32_t n_frames)
{
  c->pending = c->pending || changed;
  const bool due = c->pending && c->since >= c->interval && !busy;
  if (due) {
    c->pending = false;
    c->since = 0;
  }
  c->since =
      n_frames > UINT32_MAX - c->since ? UINT32_MAX : c->since + n_frames;
  return due;
}
