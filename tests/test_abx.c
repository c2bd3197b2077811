/* The blind ABX test's logic (gui/abx.c): p-values against binomial tails
 * summed by hand, X drawn fairly, and X kept hidden until the end. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "../gui/abx.h"

/* P(K >= k), K ~ Binomial(n, 1/2), is the sum of C(n, i) for i >= k over
 * 2^n. By hand:
 *   12 of 16: C(16,12..16) = 1820 + 560 + 120 + 16 + 1 = 2517 -> /65536
 *   9 of 10:  C(10,9) + C(10,10) = 10 + 1 = 11 -> /1024
 *   5 of 10:  1024 - (1 + 10 + 45 + 120 + 210) = 638 -> /1024 = 0.623
 *   25 of 25: 1 / 2^25;  0 of n: 1 (one always gets at least none). */
static void p_values_are_binomial_tails(void **state)
{
  (void)state;
  assert_float_equal(abx_p_value(12, 16), 2517.0 / 65536, 1e-15);
  assert_float_equal(abx_p_value(12, 16), 0.0384, 5e-5);
  assert_float_equal(abx_p_value(9, 10), 11.0 / 1024, 1e-15);
  assert_float_equal(abx_p_value(9, 10), 0.0107, 5e-5);
  assert_float_equal(abx_p_value(5, 10), 638.0 / 1024, 1e-15);
  assert_float_equal(abx_p_value(5, 10), 0.623, 5e-4);
  assert_float_equal(abx_p_value(25, 25), 1.0 / 33554432, 1e-20);
  assert_float_equal(abx_p_value(0, 16), 1.0, 0);
  assert_float_equal(abx_p_value(17, 16), 0.0, 0);
}

/* The usual threshold: 12 of 16 is the least score under 5 %; 11 of 16
 * is not: C(16,11..16) = 4368 + 1820 + 560 + 120 + 16 + 1 = 6885, and
 * 6885/65536 = 0.105. */
static void twelve_of_sixteen_is_the_five_percent_line(void **state)
{
  (void)state;
  assert_true(abx_p_value(12, 16) < 0.05);
  assert_float_equal(abx_p_value(11, 16), 6885.0 / 65536, 1e-15);
  assert_true(abx_p_value(11, 16) > 0.05);
}

/* A test scores what was answered right, against the X it hid. */
static void a_test_scores_the_answers(void **state)
{
  (void)state;
  abx_test *t = abx_new();
  abx_start(t, 16, 12345);
  assert_int_equal(abx_phase_of(t), ABX_RUNNING);
  int right = 0;
  for (int k = 0; k < 16; ++k) {
    const abx_path x = abx_x_path(t);
    /* right on even trials, wrong on odd ones */
    const abx_path says = k % 2 ? (abx_path)!x : x;
    right += says == x;
    abx_answer(t, says);
  }
  int correct = -1;
  assert_true(abx_score(t, &correct));
  assert_int_equal(correct, right);
  assert_int_equal(correct, 8);
  abx_path x, said;
  assert_true(abx_trial(t, 15, &x, &said));
  assert_true(x != said);
  assert_false(abx_trial(t, 16, &x, &said));
  abx_answer(t, ABX_A); /* after the end: ignored */
  assert_int_equal(abx_answered(t), 16);
  abx_free(t);
}

/* Trials are held to 10..25, as users are told to run. */
static void trial_count_is_clamped(void **state)
{
  (void)state;
  abx_test *t = abx_new();
  abx_start(t, 3, 1);
  assert_int_equal(abx_trials(t), ABX_MIN_TRIALS);
  abx_start(t, 400, 1);
  assert_int_equal(abx_trials(t), ABX_MAX_TRIALS);
  abx_stop(t);
  assert_int_equal(abx_phase_of(t), ABX_IDLE);
  abx_free(t);
}

/* Over 20000 trials X is B half the time (within 4 standard deviations,
 * sd = sqrt(20000/4) = 71), and a trial's X does not follow the last one:
 * each of the four pairs AA, AB, BA, BB comes a quarter of the time
 * (within 4 sd of 5000, sd = 61). */
static void x_is_fair_and_independent(void **state)
{
  (void)state;
  abx_test *t = abx_new();
  int b = 0, pairs[2][2] = {{0, 0}, {0, 0}}, n = 0;
  abx_path last = ABX_A;
  for (uint64_t seed = 0; n < 20000; ++seed) {
    abx_start(t, ABX_MAX_TRIALS, seed);
    for (int k = 0; k < ABX_MAX_TRIALS && n < 20000; ++k, ++n) {
      const abx_path x = abx_x_path(t);
      b += x == ABX_B;
      if (k) ++pairs[last][x];
      last = x;
      abx_answer(t, ABX_A);
    }
  }
  assert_in_range(b, 10000 - 4 * 71, 10000 + 4 * 71);
  const int n_pairs = pairs[0][0] + pairs[0][1] + pairs[1][0] + pairs[1][1];
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 2; ++j)
      assert_in_range(pairs[i][j], n_pairs / 4 - 4 * 61, n_pairs / 4 + 4 * 61);
  abx_free(t);
}

/* Before the last answer the test gives away nothing but which path to
 * play for X: no score, no trials, and the same phase and counts whatever
 * X is. Two tests whose first X differ look alike from outside. */
static void x_is_hidden_until_the_end(void **state)
{
  (void)state;
  abx_test *t[2] = {abx_new(), abx_new()};
  uint64_t seed = 0;
  abx_start(t[0], 10, seed);
  do
    abx_start(t[1], 10, ++seed);
  while (abx_x_path(t[1]) == abx_x_path(t[0]));
  for (int k = 0; k < 9; ++k) {
    for (int i = 0; i < 2; ++i) {
      int correct;
      abx_path x, said;
      assert_false(abx_score(t[i], &correct));
      assert_false(abx_trial(t[i], 0, &x, &said));
      abx_answer(t[i], ABX_A);
    }
    assert_int_equal(abx_phase_of(t[0]), abx_phase_of(t[1]));
    assert_int_equal(abx_answered(t[0]), abx_answered(t[1]));
  }
  abx_answer(t[0], ABX_A);
  int correct;
  assert_true(abx_score(t[0], &correct));
  abx_free(t[0]);
  abx_free(t[1]);
}

/* The same seed gives the same X sequence (tests can repeat a run); a
 * different seed a different one. */
static void seeds_repeat(void **state)
{
  (void)state;
  abx_test *t[3] = {abx_new(), abx_new(), abx_new()};
  abx_start(t[0], 25, 99);
  abx_start(t[1], 25, 99);
  abx_start(t[2], 25, 100);
  int same = 0, differ = 0;
  for (int k = 0; k < 25; ++k) {
    same += abx_x_path(t[0]) == abx_x_path(t[1]);
    differ += abx_x_path(t[0]) != abx_x_path(t[2]);
    for (int i = 0; i < 3; ++i)
      abx_answer(t[i], ABX_B);
  }
  assert_int_equal(same, 25);
  assert_true(differ > 0);
  for (int i = 0; i < 3; ++i)
    abx_free(t[i]);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(p_values_are_binomial_tails),
      cmocka_unit_test(twelve_of_sixteen_is_the_five_percent_line),
      cmocka_unit_test(a_test_scores_the_answers),
      cmocka_unit_test(trial_count_is_clamped),
      cmocka_unit_test(x_is_fair_and_independent),
      cmocka_unit_test(x_is_hidden_until_the_end),
      cmocka_unit_test(seeds_repeat),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
