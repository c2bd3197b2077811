/* Counts calls to malloc, calloc, realloc and free, for the host rule "no
 * allocation in run()" (lv2-and-hosts.md). Linking alloc_count.o replaces
 * malloc & co for the whole program (and, with -rdynamic, for a plugin it
 * loads); under AddressSanitizer, which owns malloc, the count comes from
 * the sanitizer's allocation hooks instead, so the rule is checked in the
 * sanitizer build too. */
#ifndef BALUN_ALLOC_COUNT_H
#define BALUN_ALLOC_COUNT_H

/* Starts counting from zero. */
void alloc_count_begin(void);
/* Stops counting; returns the calls seen since alloc_count_begin(). */
long alloc_count_end(void);

#endif
