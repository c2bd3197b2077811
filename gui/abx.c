/* A blind ABX test: hidden X per trial, score, one-sided binomial p. */
#include "abx.h"

#include <math.h>
#include <stdlib.h>

struct abx_test {
  abx_phase phase;
  int trials, answered;
  abx_rng rng;
  abx_path x[ABX_MAX_TRIALS];      /* drawn when the trial begins */
  abx_path answer[ABX_MAX_TRIALS]; /* valid below `answered` */
};

void abx_rng_seed(abx_rng *r, uint64_t seed)
{
  r->state = seed;
}

uint64_t abx_rng_next(abx_rng *r)
{
  uint64_t z = (r->state += 0x9E3779B97F4A7C15u);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
  return z ^ (z >> 31);
}

abx_test *abx_new(void)
{
  return calloc(1, sizeof(abx_test));
}

void abx_free(abx_test *t)
{
  free(t);
}

/* X for the trial about to begin: the top bit of the next number. */
static void draw_x(abx_test *t)
{
  t->x[t->answered] = (abx_path)(abx_rng_next(&t->rng) >> 63);
}

void abx_start(abx_test *t, int trials, uint64_t seed)
{
  if (trials < ABX_MIN_TRIALS) trials = ABX_MIN_TRIALS;
  if (trials > ABX_MAX_TRIALS) trials = ABX_MAX_TRIALS;
  t->phase = ABX_RUNNING;
  t->trials = trials;
  t->answered = 0;
  abx_rng_seed(&t->rng, seed);
  draw_x(t);
}

void abx_stop(abx_test *t)
{
  t->phase = ABX_IDLE;
  t->answered = 0;
}

abx_phase abx_phase_of(const abx_test *t)
{
  return t->phase;
}

int abx_trials(const abx_test *t)
{
  return t->trials;
}

int abx_answered(const abx_test *t)
{
  return t->answered;
}

abx_path abx_x_path(const abx_test *t)
{
  return t->phase == ABX_RUNNING ? t->x[t->answered] : ABX_A;
}

void abx_answer(abx_test *t, abx_path says)
{
  if (t->phase != ABX_RUNNING) return;
  t->answer[t->answered++] = says;
  if (t->answered == t->trials)
    t->phase = ABX_FINISHED;
  else
    draw_x(t);
}

bool abx_score(const abx_test *t, int *correct)
{
  if (t->phase != ABX_FINISHED) return false;
  int n = 0;
  for (int k = 0; k < t->trials; ++k)
    n += t->x[k] == t->answer[k];
  *correct = n;
  return true;
}

bool abx_trial(const abx_test *t, int k, abx_path *x, abx_path *answer)
{
  if (t->phase != ABX_FINISHED || k < 0 || k >= t->trials) return false;
  *x = t->x[k];
  *answer = t->answer[k];
  return true;
}

/* Σ_{i=correct}^{n} C(n, i) / 2^n. Exact in doubles for n <= 25 (the
 * largest C(25, 12) = 5200300 and 2^25 are far below 2^53). */
double abx_p_value(int correct, int trials)
{
  if (trials <= 0) return 1.0;
  if (correct <= 0) return 1.0;
  if (correct > trials) return 0.0;
  double c = 1.0, sum = 0.0; /* c = C(n, i) */
  for (int i = 0; i <= trials; ++i) {
    if (i >= correct) sum += c;
    c = c * (trials - i) / (i + 1);
  }
  return sum / ldexp(1.0, trials);
}
