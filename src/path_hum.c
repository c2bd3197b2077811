#include "path_hum.h"

#include <stdlib.h>

/* Room for the default circuits (8 sections: 46 unknowns at most). */
#define SOLVER_CAPACITY 64

struct circuit_solver {
  balun_circuit circuit;
  circuit_spectrum spectrum;
  path_hum lines[2];
  nodal_work *work; /* in the memory after this struct */
};

path_hum *circuit_solver_lines(circuit_solver *w)
{
  return w->lines;
}

int path_hum_harmonics(const balun_setup *s)
{
  int n = mains_harmonic_last(s->buzz, s->mains_hz, BALUN_NEGLIGIBLE_HARMONIC);
  return n < SPECTRUM_MAX_HARMONICS ? n : SPECTRUM_MAX_HARMONICS;
}

void path_hum_closed(balun_path path, const balun_setup *s, path_hum *out)
{
  const balun_interface ifc = interface_of(path, s);
  const balun_cmrr_parts cmrr = cmrr_parts(&ifc, s);
  out->harmonics = path_hum_harmonics(s);
  for (int n = 1; n <= out->harmonics; ++n)
    out->line[n - 1] = hum_line_phasor(&ifc, s, &cmrr, n);
  out->cmrr_db = ifc.balanced_receiver ? cmrr_db(&ifc, s, s->mains_hz) : 0.0;
}

circuit_solver *circuit_solver_new(void)
{
  circuit_solver *w = malloc(sizeof *w + nodal_work_bytes(SOLVER_CAPACITY));
  if (w) w->work = nodal_work_init(w + 1, SOLVER_CAPACITY);
  return w;
}

void circuit_solver_free(circuit_solver *w)
{
  free(w);
}

/* Effective CMRR = A_dm / A_cm of the whole interface (§13). */
void path_hum_solved(balun_path path, const balun_setup *s, circuit_solver *w,
                     path_hum *out)
{
  const balun_interface ifc = interface_of(path, s);
  circuit_of(path, s, NULL, &w->circuit);
  circuit_spectrum_of(&w->circuit, s->buzz, path_hum_harmonics(s), w->work,
                      &w->spectrum);
  out->harmonics = w->spectrum.harmonics;
  for (int n = 1; n <= out->harmonics; ++n)
    out->line[n - 1] = w->spectrum.hum[n - 1];
  out->cmrr_db = ifc.balanced_receiver ? w->spectrum.cmrr_db : 0.0;
}
