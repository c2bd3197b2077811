/* See denormal_count.h. Watching unmasks the denormal-operand exception;
 * at each SIGFPE the count goes up, the exception is masked and the trap
 * flag set, so that the instruction completes and SIGTRAP follows it,
 * where the exception is unmasked again. Past MAX_TRAPS it stays masked
 * until the next watch: a stall is proved by then, and trapping on would
 * only slow the failing test. */
#define _GNU_SOURCE
#include "denormal_count.h"

#if defined(__x86_64__) && defined(__linux__)
#include <signal.h>
#include <string.h>
#include <ucontext.h>
#include <valgrind/valgrind.h>
#include <xmmintrin.h>

#define MXCSR_FLAGS   0x3fu
#define MXCSR_DE_MASK 0x100u /* DM: the denormal-operand exception masked */
#define EFLAGS_TF     0x100  /* single-step trap */
#define MAX_TRAPS     100000

static volatile long count;
static struct sigaction old_fpe, old_trap;

static void on_fpe(int sig, siginfo_t *info, void *context)
{
  (void)sig, (void)info;
  ucontext_t *uc = context;
  ++count;
  uc->uc_mcontext.fpregs->mxcsr |= MXCSR_DE_MASK;
  uc->uc_mcontext.fpregs->mxcsr &= ~MXCSR_FLAGS;
  if (count < MAX_TRAPS) uc->uc_mcontext.gregs[REG_EFL] |= EFLAGS_TF;
}

static void on_trap(int sig, siginfo_t *info, void *context)
{
  (void)sig, (void)info;
  ucontext_t *uc = context;
  uc->uc_mcontext.gregs[REG_EFL] &= ~EFLAGS_TF;
  uc->uc_mcontext.fpregs->mxcsr &= ~(MXCSR_DE_MASK | MXCSR_FLAGS);
}

bool denormal_count_begin(void)
{
  if (RUNNING_ON_VALGRIND) return false;
  struct sigaction fpe, trap;
  memset(&fpe, 0, sizeof fpe);
  memset(&trap, 0, sizeof trap);
  fpe.sa_sigaction = on_fpe;
  fpe.sa_flags = SA_SIGINFO;
  trap.sa_sigaction = on_trap;
  trap.sa_flags = SA_SIGINFO;
  if (sigaction(SIGFPE, &fpe, &old_fpe)) return false;
  if (sigaction(SIGTRAP, &trap, &old_trap)) {
    sigaction(SIGFPE, &old_fpe, NULL);
    return false;
  }
  count = 0;
  return true;
}

void denormal_count_watch(bool on)
{
  const unsigned mxcsr = _mm_getcsr() & ~MXCSR_FLAGS;
  _mm_setcsr(on ? mxcsr & ~MXCSR_DE_MASK : mxcsr | MXCSR_DE_MASK);
}

long denormal_count(void)
{
  return count;
}

void denormal_count_end(void)
{
  denormal_count_watch(false);
  sigaction(SIGFPE, &old_fpe, NULL);
  sigaction(SIGTRAP, &old_trap, NULL);
}
#else
bool denormal_count_begin(void)
{
  return false;
}

void denormal_count_watch(bool on)
{
  (void)on;
}

long denormal_count(void)
{
  return 0;
}

void denormal_count_end(void) {}
#endif
