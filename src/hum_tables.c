#include "hum_tables.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

hum_builder *hum_builder_new(void)
{
  hum_builder *b = malloc(sizeof *b);
  if (!b) return NULL;
  b->solver = circuit_solver_new();
  if (!b->solver) {
    free(b);
    return NULL;
  }
  wavetable_scratch_init(&b->scratch);
  b->solved = false;
  return b;
}

void hum_builder_free(hum_builder *b)
{
  if (b) circuit_solver_free(b->solver);
  free(b);
}

const path_hum *hum_builder_lines(hum_builder *b,
                                  const float controls[PORT_COUNT])
{
  path_hum *lines = circuit_solver_lines(b->solver);
  if (b->solved && !memcmp(b->solved_for, controls, sizeof b->solved_for))
    return lines;
  const balun_setup s = setup_from_ports(controls);
  for (int p = 0; p < 2; ++p)
    path_hum_solved((balun_path)controls[PORT_PATH_A + p], &s, b->solver,
                    &lines[p]);
  memcpy(b->solved_for, controls, sizeof b->solved_for);
  b->solved = true;
  return lines;
}

double output_scale(const balun_interface *ifc, const balun_setup *s,
                    bool matched)
{
  const double at_1k = cabs(cable_response(ifc, s, 1000.0));
  return 1.0 / (sqrt(2.0) * (matched ? ifc->full_scale_vrms * at_1k : 2.0));
}

bool path_matched(const float controls[PORT_COUNT], int p)
{
  return controls[PORT_LEVEL_MATCH] >= 0.5f ||
         controls[p == 0 ? PORT_HEADPHONE_A : PORT_HEADPHONE_B] !=
             (float)HEADPHONE_NONE;
}

void hum_tables_build(hum_tables *t, const float controls[PORT_COUNT],
                      double rate, hum_builder *b)
{
  const balun_setup s = setup_from_ports(controls);
  const double f0 = s.mains_hz;
  t->mains_hz = f0;
  int n_max = mains_harmonic_count(f0);
  while (n_max > 1 && n_max * f0 >= 0.5 * rate)
    --n_max;
  if (n_max >= (int)(WAVETABLE_SIZE / 2)) n_max = WAVETABLE_SIZE / 2 - 1;
  const path_hum *lines = hum_builder_lines(b, controls);
  for (int p = 0; p < 2; ++p) {
    const balun_interface ifc =
        interface_of((balun_path)controls[PORT_PATH_A + p], &s);
    /* rms phasors to the peak amplitudes of v(θ) = Σ Re{c_n e^{jnθ}} */
    const double scale =
        sqrt(2.0) * output_scale(&ifc, &s, path_matched(controls, p));
    for (int n = 1; n <= n_max; ++n)
      b->c[n - 1] =
          n <= lines[p].harmonics ? scale * lines[p].line[n - 1] : 0.0;
    wavetable_from_harmonics(&t->path[p], b->c, n_max, &b->scratch);
  }
}
