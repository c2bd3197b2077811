/* Denormal floats (below 1.2e-38) cost about a hundred cycles an operation
 * on x86. The engine's coefficients span forty decades and its parameters
 * glide exponentially towards their targets, so under automation, which
 * restarts the glide every block, a parameter gliding to zero sinks into
 * that range and every sample pays (tests/test_longrun.c counts them). So
 * run() flushes denormals to zero in the host's thread for its own
 * duration and gives the host its mode back: never process-wide, as
 * -ffast-math's crtfastmath would (lv2-and-hosts.md). */
#ifndef BALUN_DENORMALS_H
#define BALUN_DENORMALS_H

#if defined(__SSE__) || defined(__x86_64__)
#include <xmmintrin.h>

typedef unsigned fp_mode;
#define FLUSH_TO_ZERO        0x8000u /* MXCSR FTZ: denormal results are 0 */
#define DENORMALS_ARE_ZEROES 0x0040u /* MXCSR DAZ: denormal inputs are 0 */

static inline fp_mode denormals_flush_begin(void)
{
  const fp_mode host = _mm_getcsr();
  _mm_setcsr(host | FLUSH_TO_ZERO | DENORMALS_ARE_ZEROES);
  return host;
}

/* Restores the mask and rounding bits, and leaves the host's own exception
 * flags as they were. */
static inline void denormals_flush_end(fp_mode host)
{
  _mm_setcsr(host);
}
#elif defined(__aarch64__)
#include <stdint.h>

typedef uint64_t fp_mode;
#define FLUSH_TO_ZERO (UINT64_C(1) << 24) /* FPCR FZ */

static inline fp_mode denormals_flush_begin(void)
{
  fp_mode host;
  __asm__ volatile("mrs %0, fpcr" : "=r"(host));
  __asm__ volatile("msr fpcr, %0" : : "r"(host | FLUSH_TO_ZERO));
  return host;
}

static inline void denormals_flush_end(fp_mode host)
{
  __asm__ volatile("msr fpcr, %0" : : "r"(host));
}
#else
typedef int fp_mode; /* elsewhere: the host's mode, unchanged */

static inline fp_mode denormals_flush_begin(void)
{
  return 0;
}

static inline void denormals_flush_end(fp_mode host)
{
  (void)host;
}
#endif

#endif
