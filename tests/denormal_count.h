/* Counts, exactly, the instructions that meet a denormal operand while
 * watching (x86-64 Linux): the one way to tell a denormal stall (one or
 * more per sample, a hundred cycles each) from the odd product of two tiny
 * numbers, which costs nothing. An instruction count cannot see either: a
 * denormal costs cycles, not instructions. */
#ifndef BALUN_DENORMAL_COUNT_H
#define BALUN_DENORMAL_COUNT_H

#include <stdbool.h>

/* Installs the counter on this thread, at zero, not yet watching; false
 * where it cannot count (not x86-64 Linux; valgrind, which does not model
 * the exception). */
bool denormal_count_begin(void);
/* Watches the code that follows, or stops watching. */
void denormal_count_watch(bool on);
/* The instructions counted so far. */
long denormal_count(void);
/* Stops watching and removes the counter. */
void denormal_count_end(void);

#endif
