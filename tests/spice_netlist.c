/* Writes a balun_circuit for ngspice and reads its AC analysis back. Each
 * element becomes its SPICE namesake (R, C, L, V, I; E for the VCVS, the
 * op-amp's large finite gain included), named by kind, index and role. */
#define _POSIX_C_SOURCE 200809L
#include "spice_netlist.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char KIND_LETTER[] = {
    [ELEMENT_R] = 'R', [ELEMENT_C] = 'C', [ELEMENT_L] = 'L',
    [ELEMENT_V] = 'V', [ELEMENT_I] = 'I', [ELEMENT_VCVS] = 'E',
};

void spice_write(FILE *out, const balun_circuit *c, circuit_excitation on,
                 const double *f, int count, const char *data_path)
{
  fprintf(out, "* balun circuit, excitation %d\n", (int)on);
  for (int i = 0; i < c->element_count; ++i) {
    const circuit_element *e = &c->element[i];
    fprintf(out, "%c%d_%s %s %s", KIND_LETTER[e->kind], i, e->name,
            c->node_name[e->a], c->node_name[e->b]);
    switch (e->kind) {
    case ELEMENT_V:
    case ELEMENT_I:
      fprintf(out, " DC 0 AC %.17g\n", e->excitation == on ? e->value : 0.0);
      break;
    case ELEMENT_VCVS:
      fprintf(out, " %s %s %.17g\n", c->node_name[e->ca], c->node_name[e->cb],
              e->value);
      break;
    default:
      fprintf(out, " %.17g\n", e->value);
      break;
    }
  }
  fprintf(out, ".control\nset noaskquit\nset appendwrite\nset wr_singlescale\n"
               "set numdgt=15\n");
  for (int i = 0; i < count; ++i)
    fprintf(out, "ac lin 1 %.17g %.17g\nwrdata %s v(%s) v(%s) v(%s)\n", f[i],
            f[i], data_path, c->node_name[c->out_node],
            c->node_name[c->out_ref], c->node_name[c->shield_end]);
  fprintf(out, "quit\n.endc\n.end\n");
}

bool spice_available(void)
{
  return system("ngspice --version >/dev/null 2>&1") == 0;
}

/* Rows of "f re im re im re im". */
static bool read_data(const char *path, int count, double complex *out,
                      double complex *shield)
{
  FILE *in = fopen(path, "r");
  if (!in) return false;
  int rows = 0;
  double f, v[6];
  while (rows < count && fscanf(in, "%lf %lf %lf %lf %lf %lf %lf", &f, &v[0],
                                &v[1], &v[2], &v[3], &v[4], &v[5]) == 7) {
    out[rows] = (v[0] - v[2]) + (v[1] - v[3]) * I;
    if (shield) shield[rows] = v[4] + v[5] * I;
    ++rows;
  }
  fclose(in);
  return rows == count;
}

bool spice_solve(const balun_circuit *c, circuit_excitation on, const double *f,
                 int count, double complex *out, double complex *shield)
{
  char dir[] = "/tmp/balun-spice-XXXXXX";
  if (!mkdtemp(dir)) {
    perror("spice_solve: mkdtemp");
    return false;
  }
  char netlist[64], data[64], log[64], command[256];
  snprintf(netlist, sizeof netlist, "%s/circuit.cir", dir);
  snprintf(data, sizeof data, "%s/ac.txt", dir);
  snprintf(log, sizeof log, "%s/ngspice.log", dir);
  FILE *file = fopen(netlist, "w");
  bool ok = file != NULL;
  if (file) {
    spice_write(file, c, on, f, count, data);
    ok = fclose(file) == 0;
  }
  snprintf(command, sizeof command, "ngspice -b %s >%s 2>&1", netlist, log);
  if (ok && system(command) != 0) {
    fprintf(stderr, "spice_solve: ngspice failed, see %s\n", log);
    return false; /* keep the directory to look at */
  }
  ok = ok && read_data(data, count, out, shield);
  if (!ok) fprintf(stderr, "spice_solve: no AC data from %s\n", netlist);
  unlink(netlist);
  unlink(data);
  unlink(log);
  rmdir(dir);
  return ok;
}
