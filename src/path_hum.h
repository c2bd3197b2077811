/* The hum a path's receiver puts out at every mains harmonic, and its
 * CMRR at the fundamental: in closed form (physics.md §4-7, the limits
 * the tests check), or from the circuit solved (§13: what the DSP plays
 * and the ports show). One shape for both, so the figures (figures.c)
 * and the DSP's tables (hum_tables.c) take either. */
#ifndef BALUN_PATH_HUM_H
#define BALUN_PATH_HUM_H

#include "cable_filter.h"
#include "circuit_spectrum.h"
#include "model.h"

typedef struct {
  int harmonics;                               /* line[n - 1]: harmonic n */
  double complex line[SPECTRUM_MAX_HARMONICS]; /* V rms phasors */
  double cmrr_db; /* at the fundamental; 0 where unbalanced */
  /* the programme, per volt of full-scale EMF: its passband gain (at
   * PROGRAMME_PASSBAND_HZ), its gain at 1 kHz, and the −3 dB corner
   * against 20 Hz (§3, §13) */
  double passband, at_1k, corner_hz;
  /* for the plots: at each of the spectrum's points (circuit_spectrum_hz()),
   * the programme's gain re 1 kHz and the CMRR, dB (0 where unbalanced) */
  double response_db[SPECTRUM_POINTS], cmrr_curve_db[SPECTRUM_POINTS];
} path_hum;

/* A curve of path_hum at f: linear in dB and log f between its points,
 * its ends beyond them. */
double path_curve_at(const double curve[SPECTRUM_POINTS], double f);

/* Where the solved programme's passband gain is read (a circuit with an
 * inductor cannot be solved at DC): the circuits have no coupling
 * capacitor, so it is their DC gain to 0.005 dB even for a corner as low
 * as 30 Hz, and the cable filter is fitted to 1 there. */
#define PROGRAMME_PASSBAND_HZ 1.0

/* Harmonics counted: up to 20 kHz, those whose ground-current amplitude
 * is under BALUN_NEGLIGIBLE_HARMONIC left out. */
int path_hum_harmonics(const balun_setup *s);

void path_hum_closed(balun_path path, const balun_setup *s, path_hum *out);

/* The solver's memory, for circuits of the default number of sections:
 * one per thread that solves (allocated here, not on the audio thread). */
typedef struct circuit_solver circuit_solver;
circuit_solver *circuit_solver_new(void);
void circuit_solver_free(circuit_solver *w);

/* Path `path` solved into `out`; the solver keeps its circuit and
 * spectrum in `slot` (0 or 1: one for each of the two paths) for
 * path_programme_fit(). */
void path_hum_solved(balun_path path, const balun_setup *s, int slot,
                     circuit_solver *w, path_hum *out);
/* The cable filter of the path last solved in `slot`: the biquad fitted
 * to its solved programme H(f)/H(PROGRAMME_PASSBAND_HZ) at `rate`
 * (cable_filter_fit(): within 0.1 dB to 20 kHz at 44.1 and 48 kHz, 0.05
 * dB at 96 kHz and up, §13). */
cable_filter path_programme_fit(circuit_solver *w, int slot, double rate);
/* Room for both paths' lines, for the caller of the solver (14 KB: not
 * for a stack). */
path_hum *circuit_solver_lines(circuit_solver *w);

/* ---- the figures from a path's hum (figures.c) ---- */
balun_figures path_figures_with(balun_path path, balun_headphone_kind headphone,
                                const balun_setup *s, const path_hum *lines);
/* Both paths' figures for port values (sanitized) and their hum. */
void figures_from_hum(const float v[PORT_COUNT], const path_hum hum[2],
                      balun_figures f[2]);
/* ... with the hum solved: as the ports show them. */
void figures_from_ports(const float v[PORT_COUNT], balun_figures f[2],
                        circuit_solver *w);

#endif
