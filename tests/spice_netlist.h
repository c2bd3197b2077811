/* A balun_circuit as an ngspice netlist, and ngspice's AC answer for it:
 * the independent reference the solver is checked against (physics.md
 * §13, "ngspice for the reference circuits"). */
#ifndef BALUN_SPICE_NETLIST_H
#define BALUN_SPICE_NETLIST_H

#include <complex.h>
#include <stdbool.h>
#include <stdio.h>

#include "circuit.h"

/* Writes the circuit with excitation `on` at 1 (every other source at 0)
 * and a .control block that runs one AC point per frequency and appends
 * V(out), V(ref) and V(shield end) to `data_path`. */
void spice_write(FILE *netlist, const balun_circuit *c, circuit_excitation on,
                 const double *f, int count, const char *data_path);

/* Whether `ngspice` runs at all. */
bool spice_available(void);

/* Runs ngspice -b on the circuit in a temporary directory under /tmp
 * (removed afterwards). out[i] = V(out) − V(ref), shield[i] = V(shield end)
 * per unit of `on` at f[i] (shield may be NULL). False, with a message on
 * stderr, if ngspice failed or its output could not be read. */
bool spice_solve(const balun_circuit *c, circuit_excitation on, const double *f,
                 int count, double complex *out, double complex *shield);

#endif
