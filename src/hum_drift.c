#include "hum_drift.h"

#include <math.h>

void hum_drift_init(hum_drift *d, double rate, uint64_t seed)
{
  noise_source_init(&d->rng, seed);
  d->step = (uint32_t)lround(HUM_DRIFT_STEP_S * rate / HUM_DRIFT_TICK);
  d->step = d->step ? d->step : 1;
  d->per_reading = 1.0f / (float)d->step;
  d->left = 0;
  for (int k = 0; k < DRIFT_CURVES; ++k)
    d->to[k] = 0.0f;
}
