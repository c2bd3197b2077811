/* A blind ABX test: the logic alone, no drawing, so it can be tested.
 *
 * Each trial X is A or B at random; the listener may hear A, B and X as
 * often as they like, then answers "X is A" or "X is B". The test keeps X
 * to itself: the only way to learn it before the end is abx_x_path(), which
 * says which path to play when the listener picks X. The score and the
 * trials are given out only when every trial is answered. */
#ifndef BALUN_GUI_ABX_H
#define BALUN_GUI_ABX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ABX_MIN_TRIALS     10
#define ABX_MAX_TRIALS     25
#define ABX_DEFAULT_TRIALS 16

typedef enum { ABX_IDLE, ABX_RUNNING, ABX_FINISHED } abx_phase;
typedef enum { ABX_A = 0, ABX_B = 1 } abx_path;

typedef struct abx_test abx_test;

abx_test *abx_new(void);
void abx_free(abx_test *t);

/* Starts a test of `trials` (clamped to 10..25); the seed makes the
 * sequence of X repeatable, for tests. */
void abx_start(abx_test *t, int trials, uint64_t seed);
/* Abandons a running test, or dismisses a finished one. */
void abx_stop(abx_test *t);

abx_phase abx_phase_of(const abx_test *t);
int abx_trials(const abx_test *t);
int abx_answered(const abx_test *t);

/* Which path to play when the listener picks X in the current trial. */
abx_path abx_x_path(const abx_test *t);

/* Records the answer to the current trial and moves to the next one, whose
 * X is drawn afresh. Ignored unless a test is running. */
void abx_answer(abx_test *t, abx_path says);

/* After the last answer: how many were right; false while running. */
bool abx_score(const abx_test *t, int *correct);
/* After the last answer: trial k's X and answer; false otherwise. */
bool abx_trial(const abx_test *t, int k, abx_path *x, abx_path *answer);

/* P(K >= correct) for K ~ Binomial(trials, 1/2): the chance of doing at
 * least this well by guessing (the one-sided p-value). */
double abx_p_value(int correct, int trials);

/* The random numbers: splitmix64, small and good enough for coin flips. */
typedef struct {
  uint64_t state;
} abx_rng;
void abx_rng_seed(abx_rng *r, uint64_t seed);
uint64_t abx_rng_next(abx_rng *r);

#endif
