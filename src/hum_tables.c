#include "hum_tables.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

hum_builder *hum_builder_new(double rate)
{
  hum_builder *b = malloc(sizeof *b);
  if (!b) return NULL;
  b->solver = circuit_solver_new();
  if (!b->solver) {
    free(b);
    return NULL;
  }
  wavetable_scratch_init(&b->scratch);
  b->rate = rate;
  b->solved = false;
  return b;
}

void hum_builder_free(hum_builder *b)
{
  if (b) circuit_solver_free(b->solver);
  free(b);
}

bool circuit_reads(int port)
{
  if (!port_is_control(port) ||
      (balun_ports[port].flags & PORT_HEADPHONE_STAGE))
    return false;
  switch (port) {
  case PORT_ENABLED:
  case PORT_LISTEN:
  case PORT_LEVEL_MATCH:
  case PORT_RF_FIELD:
  case PORT_RF_SOURCE:
  case PORT_INPUT_CLIP_LEVEL:
  case PORT_HEADPHONE_A:
  case PORT_HEADPHONE_B:
  case PORT_HUM_DRIFT:
    return false;
  default:
    return true;
  }
}

static bool same_circuit(const float a[PORT_COUNT], const float b[PORT_COUNT])
{
  for (int p = 0; p < PORT_COUNT; ++p)
    if (circuit_reads(p) && a[p] != b[p]) return false;
  return true;
}

const path_hum *hum_builder_lines(hum_builder *b,
                                  const float controls[PORT_COUNT])
{
  path_hum *lines = circuit_solver_lines(b->solver);
  if (b->solved && same_circuit(b->solved_for, controls)) return lines;
  const balun_setup s = setup_from_ports(controls);
  for (int p = 0; p < 2; ++p) {
    path_hum_solved((balun_path)controls[PORT_PATH_A + p], &s, p, b->solver,
                    &lines[p]);
    b->cable[p] = path_programme_fit(b->solver, p, b->rate);
  }
  memcpy(b->solved_for, controls, sizeof b->solved_for);
  b->solved = true;
  return lines;
}

double output_scale(const balun_interface *ifc, double at_1k, bool matched)
{
  return 1.0 / (sqrt(2.0) * (matched ? ifc->full_scale_vrms * at_1k : 2.0));
}

bool path_matched(const float controls[PORT_COUNT], int p)
{
  return controls[PORT_LEVEL_MATCH] >= 0.5f ||
         controls[p == 0 ? PORT_HEADPHONE_A : PORT_HEADPHONE_B] !=
             (float)HEADPHONE_NONE;
}

void hum_tables_build(hum_tables *t, const float controls[PORT_COUNT],
                      hum_builder *b)
{
  const double rate = b->rate;
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
    const double to_output =
        output_scale(&ifc, lines[p].at_1k, path_matched(controls, p));
    t->programme[p] =
        (path_programme){b->cable[p], lines[p].passband, to_output};
    /* rms phasors to the peak amplitudes of v(θ) = Σ Re{c_n e^{jnθ}} */
    const double scale = sqrt(2.0) * to_output;
    for (int n = 1; n <= n_max; ++n)
      b->c[n - 1] =
          n <= lines[p].harmonics ? scale * lines[p].line[n - 1] : 0.0;
    wavetable_from_harmonics(&t->path[p], b->c, n_max, &b->scratch);
  }
  memcpy(t->controls, controls, sizeof t->controls);
}
