/* The solved circuit's hum at every mains harmonic and its readouts, fast
 * enough for the LV2 worker (physics.md §9, §13): each excitation's
 * transfer is solved at a few log-spaced frequencies and interpolated to
 * the harmonics, the fundamental and 1 kHz are solved exactly, and the
 * corner is found from the solved points by regula falsi. No allocation:
 * the caller owns the nodal_work (one per thread that solves) and the
 * result. */
#ifndef BALUN_CIRCUIT_SPECTRUM_H
#define BALUN_CIRCUIT_SPECTRUM_H

#include "circuit.h"

/* Solved frequencies, log-spaced over [LO, HI]: a harmonic between them is
 * interpolated, one outside them solved. */
#define SPECTRUM_POINTS 48
#define SPECTRUM_LO_HZ  20.0
#define SPECTRUM_HI_HZ  24000.0
/* 20 kHz / 45 Hz, rounded up */
#define SPECTRUM_MAX_HARMONICS 448

typedef struct {
  int harmonics; /* N: hum[n - 1] is harmonic n, n = 1..N */
  double complex hum[SPECTRUM_MAX_HARMONICS]; /* V rms, as
                                                 circuit_hum_harmonic() */
  double hum_vrms;          /* power sum of the harmonics in 20 Hz-20 kHz */
  double cmrr_db;           /* at the fundamental, as circuit_cmrr_db() */
  double corner_hz;         /* as circuit_corner_hz() */
  double complex signal_1k; /* programme per volt of full scale, 1 kHz */
  double cmrr_db_at[SPECTRUM_POINTS]; /* circuit_cmrr_of() at each point */
  /* each excitation's transfer at the solved frequencies */
  double complex transfer[EXCITATION_COUNT][SPECTRUM_POINTS];
} circuit_spectrum;

/* The hum of `c` at harmonics 1..harmonics (clamped to
 * SPECTRUM_MAX_HARMONICS) with the mains' buzz, and the readouts. */
void circuit_spectrum_of(const balun_circuit *c, double buzz, int harmonics,
                         nodal_work *w, circuit_spectrum *out);

/* Excitation e's transfer at f: interpolated between the solved points
 * of `s` (made for `c`), solved where f is outside them. */
double complex circuit_spectrum_transfer(const circuit_spectrum *s,
                                         const balun_circuit *c,
                                         circuit_excitation e, double f,
                                         nodal_work *w);

/* Frequency of solved point k. */
double circuit_spectrum_hz(int k);

#endif
