/* The hum a path's receiver puts out at every mains harmonic, and its
 * CMRR at the fundamental: in closed form (physics.md §4-7, the limits
 * the tests check), or from the circuit solved (§13: what the DSP plays
 * and the ports show). One shape for both, so the figures (figures.c)
 * and the DSP's tables (hum_tables.c) take either. */
#ifndef BALUN_PATH_HUM_H
#define BALUN_PATH_HUM_H

#include "circuit_spectrum.h"
#include "model.h"

typedef struct {
  int harmonics;                               /* line[n - 1]: harmonic n */
  double complex line[SPECTRUM_MAX_HARMONICS]; /* V rms phasors */
  double cmrr_db; /* at the fundamental; 0 where unbalanced */
} path_hum;

/* Harmonics counted: up to 20 kHz, those whose ground-current amplitude
 * is under BALUN_NEGLIGIBLE_HARMONIC left out. */
int path_hum_harmonics(const balun_setup *s);

void path_hum_closed(balun_path path, const balun_setup *s, path_hum *out);

/* The solver's memory, for circuits of the default number of sections:
 * one per thread that solves (allocated here, not on the audio thread). */
typedef struct circuit_solver circuit_solver;
circuit_solver *circuit_solver_new(void);
void circuit_solver_free(circuit_solver *w);

void path_hum_solved(balun_path path, const balun_setup *s, circuit_solver *w,
                     path_hum *out);
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
