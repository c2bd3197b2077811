/* Deterministic Gaussian noise of unit variance (fixed seed: a render
 * repeats bit-exactly). */
#ifndef BALUN_NOISE_SOURCE_H
#define BALUN_NOISE_SOURCE_H

#include <stdint.h>

typedef struct {
  uint64_t state;
} noise_source;

static inline void noise_source_init(noise_source *n, uint64_t seed)
{
  n->state = seed ? seed : 1;
}

/* One step of xorshift64* (Vigna 2016): 64 uniform bits. */
static inline uint64_t noise_source_bits(noise_source *n)
{
  uint64_t x = n->state;
  x ^= x >> 12;
  x ^= x << 25;
  x ^= x >> 27;
  n->state = x;
  return x * 0x2545F4914F6CDD1Dull;
}

/* The sum of the four 16-bit quarters of a draw (Irwin-Hall, variance
 * 4/12 of a unit uniform) scaled to unit variance. */
static inline float noise_source_next(noise_source *n)
{
  const uint64_t x = noise_source_bits(n);
  const int32_t sum = (int32_t)(x & 0xffff) + (int32_t)((x >> 16) & 0xffff) +
                      (int32_t)((x >> 32) & 0xffff) + (int32_t)(x >> 48);
  /* mean 4·32767.5; unit-uniform variance 1/12 -> sum of 4: 1/3 */
  return (float)((sum - 131070.0) * (1.7320508075688772 / 65536.0));
}

/* Two independent samples of unit variance from one draw, for noise whose
 * rms and flat spectrum are all that count (an amplifier's hiss): each the
 * sum of two 16-bit quarters, triangular (variance 2/12 of a unit
 * uniform), in float arithmetic. Half the cost of two calls above. */
static inline void noise_source_pair(noise_source *n, float out[2])
{
  const uint64_t x = noise_source_bits(n);
  const int32_t lo = (int32_t)(x & 0xffff) + (int32_t)((x >> 16) & 0xffff);
  const int32_t hi = (int32_t)((x >> 32) & 0xffff) + (int32_t)(x >> 48);
  /* mean 2·32767.5; σ = 65536/√6 */
  const float scale = 2.4494897f / 65536.0f;
  out[0] = (float)(lo - 65535) * scale;
  out[1] = (float)(hi - 65535) * scale;
}

#endif
