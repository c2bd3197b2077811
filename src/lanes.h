/* Four independent signals processed as one: the DSP's channels of both
 * paths, (A left, A right, B left, B right), or the headphone networks'
 * modes (A mid, A side, B mid, B side). Each lane does exactly the scalar
 * arithmetic, in the same order, so the result is the same to the bit;
 * the recursive filters' four chains then run in step instead of one after
 * another (GCC and Clang vector extension). */
#ifndef BALUN_LANES_H
#define BALUN_LANES_H

typedef float lanes4 __attribute__((vector_size(16)));

/* (a, a, b, b): one value per path. */
static inline lanes4 lanes_per_path(float a, float b)
{
  const lanes4 v = {a, a, b, b};
  return v;
}

/* (a, b, a, b): one value per channel. */
static inline lanes4 lanes_per_channel(float a, float b)
{
  const lanes4 v = {a, b, a, b};
  return v;
}

/* Each pair's sum and difference: (x0 + x1, x0 - x1, x2 + x3, x2 - x3). */
static inline lanes4 lanes_sum_difference(lanes4 x)
{
  const lanes4 a = {x[0], x[0], x[2], x[2]};
  const lanes4 b = {x[1], -x[1], x[3], -x[3]};
  return a + b;
}

#endif
