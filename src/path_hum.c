#include "path_hum.h"

#include <math.h>
#include <stdlib.h>

#include "cable_filter.h"

/* Room for the default circuits (8 sections: 46 unknowns at most). */
#define SOLVER_CAPACITY 64

struct circuit_solver {
  balun_circuit circuit[2]; /* by slot */
  circuit_spectrum spectrum[2];
  path_hum lines[2];
  nodal_work *work; /* in the memory after this struct */
};

path_hum *circuit_solver_lines(circuit_solver *w)
{
  return w->lines;
}

/* dB, with silence as -400 dB rather than -∞ (a path that passes
 * nothing still plots) */
static double db_of(double ratio)
{
  return 20.0 * log10(fmax(ratio, 1e-20));
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
  out->passband = cable_passband_gain(&ifc, s);
  out->at_1k = cabs(cable_response(&ifc, s, 1000.0));
  out->corner_hz = cable_corner_hz(&ifc, s);
  for (int k = 0; k < SPECTRUM_POINTS; ++k) {
    const double f = circuit_spectrum_hz(k);
    out->response_db[k] = db_of(cabs(cable_response(&ifc, s, f)) / out->at_1k);
    out->cmrr_curve_db[k] = ifc.balanced_receiver ? cmrr_db(&ifc, s, f) : 0.0;
  }
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
void path_hum_solved(balun_path path, const balun_setup *s, int slot,
                     circuit_solver *w, path_hum *out)
{
  const balun_interface ifc = interface_of(path, s);
  balun_circuit *c = &w->circuit[slot & 1];
  circuit_spectrum *sp = &w->spectrum[slot & 1];
  circuit_of(path, s, NULL, c);
  circuit_spectrum_of(c, s->buzz, path_hum_harmonics(s), w->work, sp);
  out->harmonics = sp->harmonics;
  for (int n = 1; n <= out->harmonics; ++n)
    out->line[n - 1] = sp->hum[n - 1];
  out->cmrr_db = ifc.balanced_receiver ? sp->cmrr_db : 0.0;
  out->passband = cabs(circuit_signal(c, PROGRAMME_PASSBAND_HZ, w->work));
  out->at_1k = cabs(sp->signal_1k);
  out->corner_hz = sp->corner_hz;
  for (int k = 0; k < SPECTRUM_POINTS; ++k) {
    out->response_db[k] =
        db_of(cabs(sp->transfer[EXCITATION_PROGRAMME][k]) / out->at_1k);
    out->cmrr_curve_db[k] = ifc.balanced_receiver ? sp->cmrr_db_at[k] : 0.0;
  }
}

double path_curve_at(const double curve[SPECTRUM_POINTS], double f)
{
  const double x = log(f / SPECTRUM_LO_HZ) /
                   log(SPECTRUM_HI_HZ / SPECTRUM_LO_HZ) * (SPECTRUM_POINTS - 1);
  if (!(x > 0.0)) return curve[0];
  if (x >= SPECTRUM_POINTS - 1) return curve[SPECTRUM_POINTS - 1];
  const int i = (int)x;
  return curve[i] + (x - i) * (curve[i + 1] - curve[i]);
}

typedef struct {
  circuit_solver *w;
  int slot;
  double complex reference;
} programme_response;

/* H(f) / H(PROGRAMME_PASSBAND_HZ) of the solved programme. */
static double complex solved_programme(double f, const void *context)
{
  const programme_response *r = context;
  const int k = r->slot;
  return circuit_spectrum_transfer(&r->w->spectrum[k], &r->w->circuit[k],
                                   EXCITATION_PROGRAMME, f, r->w->work) /
         r->reference;
}

cable_filter path_programme_fit(circuit_solver *w, int slot, double rate)
{
  programme_response r = {w, slot & 1, 1.0};
  const double complex at_dc =
      circuit_signal(&w->circuit[r.slot], PROGRAMME_PASSBAND_HZ, w->work);
  if (cabs(at_dc) > 0.0) r.reference = at_dc; /* else nothing gets through */
  return cable_filter_fit(solved_programme, &r, rate);
}
