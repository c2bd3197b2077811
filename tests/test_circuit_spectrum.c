/* The fast spectrum of the solved circuit (src/circuit_spectrum.c)
 * against the solve at every harmonic (circuit_hum_harmonic(), itself
 * checked against ngspice by tests/test_circuit.c): the interpolation is
 * the only thing between them, so the expected values are the direct
 * solve's, over a wide grid of scenes (physics.md §3-§7, §13). */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "circuit_spectrum.h"
#include "hum_tables.h"
#include "path_hum.h"

/* within 100 dB of a scene's largest harmonic: 0.01 dB and 0.1° */
#define WINDOW  1e-5
#define DB_TOL  0.01
#define DEG_TOL 0.1
/* and under it, every harmonic's error 140 dB below the largest */
#define FLOOR      1e-7
#define SCENES_MAX 256

static nodal_work *work;
static balun_circuit circuit;
static circuit_spectrum spectrum;
static double complex direct[SPECTRUM_MAX_HARMONICS];

static double db(double ratio)
{
  return 20.0 * log10(ratio);
}

static double ms_since(const struct timespec *t0)
{
  struct timespec t1;
  clock_gettime(CLOCK_MONOTONIC, &t1);
  return (t1.tv_sec - t0->tv_sec) * 1e3 + (t1.tv_nsec - t0->tv_nsec) * 1e-6;
}

typedef struct {
  balun_path path;
  balun_setup s;
} scene;

/* Every path with every receiver it can have, in 16 settings each drawn
 * from: source 10 Ω-10 kΩ, 0.3-300 m, 20-400 pF/m, pin 1 right or wrong,
 * three- or two-prong, 45-65 Hz, imbalance 0-1 kΩ, δ 0.01-5 %, buzz,
 * magnetic field, star-quad (a fixed pseudo-random draw). */
static int make_scenes(scene *out)
{
  static const double source[] = {10.0, 100.0, 1e3, 10e3};
  static const double length[] = {0.3, 3.0, 30.0, 300.0};
  static const double cap[] = {20e-12, 100e-12, 400e-12};
  static const double mains[] = {45.0, 50.0, 60.0, 65.0};
  static const double imbalance[] = {0.0, 10.0, 1000.0};
  static const double mismatch[] = {1e-4, 0.01, 0.05};
  uint32_t r = 12345u;
  int n = 0;
  for (int p = 0; p < PATH_COUNT; ++p) {
    const balun_interface ifc = interface_of((balun_path)p, &(balun_setup){0});
    const int receivers = ifc.balanced_receiver ? RECEIVER_COUNT : 1;
    for (int rx = 0; rx < receivers; ++rx)
      for (int v = 0; v < 16 && n < SCENES_MAX; ++v) {
        float ports[PORT_COUNT];
        port_defaults(ports);
        scene *sc = &out[n++];
        sc->path = (balun_path)p;
        balun_setup *s = &sc->s;
        *s = setup_from_ports(ports);
        s->receiver = (balun_receiver)rx;
#define PICK(table)                                                            \
  (table)[(r = r * 1664525u + 1013904223u, r >> 20) %                          \
          (sizeof(table) / sizeof *(table))]
        s->source_ohm = PICK(source);
        s->length_m = length[v % 4];
        s->capacitance_per_m = PICK(cap);
        s->mains_hz = PICK(mains);
        s->imbalance_ohm = PICK(imbalance);
        s->mismatch = PICK(mismatch);
        s->pin1_problem = (v / 4) % 2;
        s->two_prong = (v / 8) % 2;
        s->leakage_a = 100e-6;
        s->buzz = v % 3 == 0 ? 0.2 : 1.0;
        s->field_t = v % 5 == 0 ? 0.0 : 10e-6;
        s->star_quad = v % 7 == 0;
        s->ground_v = 0.1;
      }
  }
  return n;
}

typedef struct {
  double db, deg;   /* worst within the window */
  double floor;     /* worst |error| outside the window, re the largest */
  double hum_db;    /* worst hum power sum */
  double corner;    /* worst corner, a fraction */
  double cmrr_db;   /* worst CMRR at the fundamental */
  double signal_db; /* worst 1 kHz signal */
} agreement;

static void worst_of(double *worst, double d)
{
  if (!(d <= *worst)) *worst = d; /* NaN counts as the worst */
}

static void compare(const scene *sc, agreement *worst)
{
  assert_true(circuit_of(sc->path, &sc->s, NULL, &circuit));
  const int harmonics = mains_harmonic_count(sc->s.mains_hz);
  const int last = mains_harmonic_last(sc->s.buzz, sc->s.mains_hz,
                                       BALUN_NEGLIGIBLE_HARMONIC);
  double largest = 0.0, power = 0.0;
  for (int n = 1; n <= harmonics; ++n) {
    direct[n - 1] = circuit_hum_harmonic(&circuit, n, sc->s.buzz, work);
    largest = fmax(largest, cabs(direct[n - 1]));
    if (n * sc->s.mains_hz >= BALUN_BAND_LO_HZ && n <= last)
      power += cabs(direct[n - 1]) * cabs(direct[n - 1]);
  }
  circuit_spectrum_of(&circuit, sc->s.buzz, harmonics, work, &spectrum);
  assert_int_equal(spectrum.harmonics, harmonics);
  for (int n = 1; n <= harmonics; ++n) {
    if (!(cabs(direct[n - 1]) >= WINDOW * largest)) {
      worst_of(&worst->floor,
               cabs(spectrum.hum[n - 1] - direct[n - 1]) / largest);
      continue;
    }
    const double complex ratio = spectrum.hum[n - 1] / direct[n - 1];
    worst_of(&worst->db, fabs(db(cabs(ratio))));
    worst_of(&worst->deg, fabs(carg(ratio)) * 180.0 / BALUN_PI);
  }
  worst_of(&worst->hum_db, fabs(db(spectrum.hum_vrms / sqrt(power))));
  worst_of(&worst->corner,
           fabs(spectrum.corner_hz / circuit_corner_hz(&circuit, work) - 1.0));
  worst_of(
      &worst->cmrr_db,
      fabs(spectrum.cmrr_db - circuit_cmrr_db(&circuit, sc->s.mains_hz, work)));
  worst_of(&worst->signal_db,
           fabs(db(cabs(spectrum.signal_1k /
                        circuit_signal(&circuit, 1000.0, work)))));
}

/* Within 100 dB of the largest harmonic, every harmonic within 0.01 dB
 * and 0.1° of the direct solve, and the weaker ones off by less than
 * 160 dB under the largest; the readouts as their direct
 * counterparts: the hum's power sum within 0.01 dB, CMRR and the 1 kHz
 * signal exact (solved, not interpolated), the corner to a part in 1e6. */
static void agrees_with_the_direct_solve(void **state)
{
  (void)state;
  static scene scenes[SCENES_MAX];
  const int n = make_scenes(scenes);
  assert_true(n >= 200);
  agreement worst = {0, 0, 0, 0, 0, 0, 0};
  for (int i = 0; i < n; ++i)
    compare(&scenes[i], &worst);
  printf("%d scenes, harmonics within 100 dB of the largest: worst %.2e dB, "
         "%.2e deg; weaker ones' errors %.0f dB re the largest; hum sum "
         "%.2e dB, corner %.1e, CMRR %.1e dB, 1 kHz %.1e dB\n",
         n, worst.db, worst.deg, db(worst.floor), worst.hum_db, worst.corner,
         worst.cmrr_db, worst.signal_db);
  assert_true(worst.db <= DB_TOL);
  assert_true(worst.deg <= DEG_TOL);
  assert_true(worst.floor <= FLOOR);
  assert_true(worst.hum_db <= DB_TOL);
  assert_true(worst.corner <= 1e-6);
  assert_true(worst.cmrr_db <= 1e-9);
  assert_true(worst.signal_db <= 1e-9);
}

/* What it saves: N = 400 (50 Hz), per path, the direct solve at every
 * harmonic with the corner against the spectrum with its readouts. */
static void speed_up(void **state)
{
  (void)state;
  float ports[PORT_COUNT];
  port_defaults(ports);
  balun_setup s = setup_from_ports(ports);
  s.mains_hz = 50.0;
  s.buzz = 1.0;
  const balun_path paths[] = {PATH_RCA, PATH_XLR_CONSUMER};
  for (int p = 0; p < 2; ++p) {
    assert_true(circuit_of(paths[p], &s, NULL, &circuit));
    const int harmonics = mains_harmonic_count(s.mains_hz);
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (int n = 1; n <= harmonics; ++n)
      direct[n - 1] = circuit_hum_harmonic(&circuit, n, s.buzz, work);
    const double hum_ms = ms_since(&t0);
    clock_gettime(CLOCK_MONOTONIC, &t0);
    const double corner = circuit_corner_hz(&circuit, work);
    const double corner_ms = ms_since(&t0);
    clock_gettime(CLOCK_MONOTONIC, &t0);
    circuit_spectrum_of(&circuit, s.buzz, harmonics, work, &spectrum);
    const double fast_ms = ms_since(&t0);
    printf("path %d, %d unknowns, N = %d: direct %.2f ms + corner %.2f ms; "
           "spectrum with readouts %.2f ms (x%.1f); corner %.6g Hz\n",
           (int)paths[p], work->unknowns, harmonics, hum_ms, corner_ms, fast_ms,
           (hum_ms + corner_ms) / fast_ms, corner);
    assert_true(fast_ms < hum_ms);
  }
}

/* A work sized to the circuit gives the same answers, bit for bit, as
 * the largest; one too small solves nothing and says so. */
static void work_sized_to_the_circuit(void **state)
{
  (void)state;
  float ports[PORT_COUNT];
  port_defaults(ports);
  const balun_setup s = setup_from_ports(ports);
  assert_true(circuit_of(PATH_XLR_CONSUMER, &s, NULL, &circuit));
  const int unknowns = circuit_unknowns(&circuit);
  void *memory = malloc(nodal_work_bytes(unknowns));
  assert_non_null(memory);
  nodal_work *small = nodal_work_init(memory, unknowns);
  static circuit_spectrum mine;
  circuit_spectrum_of(&circuit, s.buzz, 400, small, &mine);
  circuit_spectrum_of(&circuit, s.buzz, 400, work, &spectrum);
  printf("%d unknowns: %zu bytes of work (the largest: %zu)\n", unknowns,
         nodal_work_bytes(unknowns), nodal_work_bytes(CIRCUIT_MAX_UNKNOWNS));
  for (int n = 0; n < 400; ++n)
    assert_true(mine.hum[n] == spectrum.hum[n]);
  assert_true(mine.corner_hz == spectrum.corner_hz);
  small = nodal_work_init(memory, unknowns - 1);
  const nodal_solution r = nodal_solve(&circuit, 1e3, small);
  assert_true(r.out[EXCITATION_PROGRAMME] == 0.0 && isinf(r.residual));
  free(memory);
}

/* Out-of-range requests: no harmonics, more than it holds. */
static void harmonic_counts(void **state)
{
  (void)state;
  float ports[PORT_COUNT];
  port_defaults(ports);
  const balun_setup s = setup_from_ports(ports);
  assert_true(circuit_of(PATH_RCA, &s, NULL, &circuit));
  circuit_spectrum_of(&circuit, s.buzz, 0, work, &spectrum);
  assert_int_equal(spectrum.harmonics, 0);
  assert_true(isfinite(spectrum.cmrr_db) && spectrum.corner_hz > 0.0);
  circuit_spectrum_of(&circuit, s.buzz, 100000, work, &spectrum);
  assert_int_equal(spectrum.harmonics, SPECTRUM_MAX_HARMONICS);
  for (int n = 1; n <= spectrum.harmonics; ++n)
    assert_true(isfinite(creal(spectrum.hum[n - 1])) &&
                isfinite(cimag(spectrum.hum[n - 1])));
}

/* The DSP's cable filter (path_programme_fit(), from the solver's
 * spectrum) against the circuit solved directly at each frequency, the
 * programme normalised to its passband: within 0.1 dB from 1 Hz to 20 kHz
 * at 44.1 and 48 kHz, 0.05 dB at 96 kHz and up (physics.md §13), in
 * every scene; and the passband gain, the 1 kHz gain and the corner the
 * figures read are the direct solve's. */
static void programme_filter_matches_the_solved_circuit(void **state)
{
  (void)state;
  static const double rates[] = {44100, 48000, 96000, 192000};
  static scene scenes[SCENES_MAX];
  static path_hum lines;
  const int n = make_scenes(scenes);
  circuit_solver *solver = circuit_solver_new();
  assert_non_null(solver);
  double worst[4] = {0.0}, worst_gain = 0.0;
  int worst_scene[4] = {0};
  for (int i = 0; i < n; ++i) {
    const scene *sc = &scenes[i];
    assert_true(circuit_of(sc->path, &sc->s, NULL, &circuit));
    path_hum_solved(sc->path, &sc->s, 0, solver, &lines);
    const double complex passband = circuit_signal(&circuit, 1.0, work);
    const double gains[3][2] = {
        {lines.passband, cabs(passband)},
        {lines.at_1k, cabs(circuit_signal(&circuit, 1e3, work))},
        {lines.corner_hz, circuit_corner_hz(&circuit, work)}};
    for (int g = 0; g < 3; ++g)
      worst_gain = fmax(worst_gain, fabs(gains[g][0] / gains[g][1] - 1.0));
    for (int r = 0; r < 4; ++r) {
      const cable_filter q = path_programme_fit(solver, 0, rates[r]);
      for (int k = 0; k <= 216; ++k) {
        const double f = k == 216 ? 20000.0 : pow(10.0, k / 50.0);
        const double solved =
            cabs(circuit_signal(&circuit, f, work) / passband);
        const double e =
            fabs(db(cabs(cable_filter_response(&q, f, rates[r])) / solved));
        if (!(e <= worst[r])) worst[r] = e, worst_scene[r] = i;
        if (getenv("FIT_DEBUG") && e > 0.05)
          printf("scene %d path %d rx %d rs %g len %g cap %g rate %g f %g "
                 "H %.2f dB err %.3f corner %.0f\n",
                 i, sc->path, sc->s.receiver, sc->s.source_ohm, sc->s.length_m,
                 sc->s.capacitance_per_m * 1e12, rates[r], f, db(solved), e,
                 lines.corner_hz);
      }
    }
  }
  circuit_solver_free(solver);
  for (int r = 0; r < 4; ++r)
    print_message("%6.0f Hz: the filter within %.4f dB of the circuit (scene "
                  "%d, path %d), %d scenes\n",
                  rates[r], worst[r], worst_scene[r],
                  scenes[worst_scene[r]].path, n);
  print_message("passband, 1 kHz gain and corner within %.2e of the direct "
                "solve\n",
                worst_gain);
  for (int r = 0; r < 4; ++r)
    assert_true(worst[r] <= (rates[r] >= 96000 ? 0.05 : 0.1));
  assert_true(worst_gain < 1e-6);
}

/* Whether two solves differ in anything they say (to the bit). */
static bool solves_differ(const path_hum *a, const path_hum *b)
{
  return a->harmonics != b->harmonics ||
         memcmp(a->line, b->line, (size_t)a->harmonics * sizeof *a->line) ||
         memcmp(&a->cmrr_db, &b->cmrr_db, sizeof a->cmrr_db) ||
         memcmp(&a->passband, &b->passband, sizeof a->passband) ||
         memcmp(&a->at_1k, &b->at_1k, sizeof a->at_1k) ||
         memcmp(&a->corner_hz, &b->corner_hz, sizeof a->corner_hz) ||
         memcmp(a->response_db, b->response_db, sizeof a->response_db) ||
         memcmp(a->cmrr_curve_db, b->cmrr_curve_db, sizeof a->cmrr_curve_db);
}

/* Whether moving `port` to either end of its range changes path `path`'s
 * solved circuit (hum, CMRR, gains, corner, curves: to the bit), in a
 * scene with every excitation on and the loop `loop_type`. */
static bool moves_the_circuit(int port, int path, float loop_type,
                              circuit_solver *solver)
{
  static path_hum base, moved;
  float v[PORT_COUNT];
  port_defaults(v);
  v[PORT_PATH_A] = (float)path;
  v[PORT_MAGNETIC_FIELD] = 10.0f;
  v[PORT_PIN1_PROBLEM] = 1.0f;
  v[PORT_LOOP_TYPE] = loop_type;
  const balun_setup s0 = setup_from_ports(v);
  path_hum_solved((balun_path)path, &s0, 0, solver, &base);
  const float ends[2] = {balun_ports[port].minimum, balun_ports[port].maximum};
  for (int k = 0; k < 2; ++k) {
    v[port] = ends[k];
    const balun_setup s = setup_from_ports(v);
    path_hum_solved((balun_path)path, &s, 0, solver, &moved);
    if (solves_differ(&base, &moved)) return true;
  }
  return false;
}

/* The builder solves again only when a control the circuit reads changes
 * (hum_tables.h: circuit_reads()). Each control it says the circuit does
 * not read moves nothing of it, on any path, with either loop; and each
 * one it reads (but the paths, which choose the circuit) moves something
 * in some scene, so the list leaves out only what it may. */
static void the_cache_keys_on_what_the_circuit_reads(void **state)
{
  (void)state;
  circuit_solver *solver = circuit_solver_new();
  assert_non_null(solver);
  int unread = 0;
  for (int port = 0; port < PORT_COUNT; ++port) {
    if (!port_is_control(port) || port == PORT_PATH_A || port == PORT_PATH_B)
      continue;
    bool moves = false;
    for (int path = 0; path < PATH_COUNT && !(moves && circuit_reads(port));
         ++path)
      for (int loop = 0; loop < 2; ++loop)
        moves = moves_the_circuit(port, path, (float)loop, solver) || moves;
    if (circuit_reads(port) && !moves)
      fail_msg("%s: the circuit is said to read it, but it moves nothing",
               balun_ports[port].symbol);
    if (!circuit_reads(port) && moves)
      fail_msg("%s changes the solved circuit, but the cache ignores it",
               balun_ports[port].symbol);
    unread += !circuit_reads(port);
  }
  circuit_solver_free(solver);
  print_message("%d controls the circuit does not read\n", unread);
  assert_true(unread >= 9);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(agrees_with_the_direct_solve),
      cmocka_unit_test(speed_up),
      cmocka_unit_test(work_sized_to_the_circuit),
      cmocka_unit_test(harmonic_counts),
      cmocka_unit_test(programme_filter_matches_the_solved_circuit),
      cmocka_unit_test(the_cache_keys_on_what_the_circuit_reads),
  };
  /* as large as any circuit gets */
  void *memory = malloc(nodal_work_bytes(CIRCUIT_MAX_UNKNOWNS));
  if (!memory) return 1;
  work = nodal_work_init(memory, CIRCUIT_MAX_UNKNOWNS);
  const int failed = cmocka_run_group_tests(tests, NULL, NULL);
  free(memory);
  return failed;
}
