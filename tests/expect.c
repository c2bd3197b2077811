/* expect: what a host must show after loading a factory preset, worked out
 * from the preset file and the model alone, and the comparison with what
 * the host showed. The host checks (check-jalv.sh, check-ardour.sh) feed
 * it what jalv or Ardour printed.
 *
 *   expect show PRESET.ttl [SYMBOL=VALUE...]
 *       the preset's URI and label, every control input and every readout
 *   expect controls PRESET.ttl [SYMBOL=VALUE...] < observed
 *   expect readouts PRESET.ttl [SYMBOL=VALUE...] < observed
 *       compare "symbol value" or "symbol = value" lines (a host's prompt
 *       "> " before them is skipped, other lines are ignored) with the
 *       controls the preset and the assignments give, or with the model's
 *       readouts for them; every control input (or output) must be there.
 *
 * A host stores controls as floats and jalv prints six decimals, so values
 * must agree within 1e-5 + 1e-6 of their size; the readouts come from the
 * same model code, so anything beyond that is a real difference. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "preset_model.h"

enum { EXIT_DIFFERS = 1, EXIT_USAGE = 2 };

static void usage(void)
{
  fputs("Usage: expect show|controls|readouts PRESET.ttl [SYMBOL=VALUE...]\n",
        stderr);
}

static bool agree(double observed, double expected, double relative)
{
  return fabs(observed - expected) <= 1e-5 + relative * fabs(expected);
}

/* Reads the observed lines; returns how many ports of `kind` differ or are
 * missing. */
static int compare(balun_port_kind kind, const float controls[PORT_COUNT],
                   const balun_figures fig[2])
{
  double seen[PORT_COUNT];
  bool have[PORT_COUNT] = {false};
  char line[1024];
  while (fgets(line, sizeof(line), stdin)) {
    const char *s = line;
    while (!strncmp(s, "> ", 2))
      s += 2; /* jalv's prompt */
    char symbol[64];
    double value;
    if (sscanf(s, "%63[a-z0-9_] = %lf", symbol, &value) != 2 &&
        sscanf(s, "%63[a-z0-9_] %lf", symbol, &value) != 2)
      continue;
    const int port = port_by_symbol(symbol);
    if (port < 0 || balun_ports[port].kind != kind) continue;
    seen[port] = value;
    have[port] = true;
  }
  int bad = 0, checked = 0;
  for (int i = 0; i < PORT_COUNT; ++i) {
    if (balun_ports[i].kind != kind) continue;
    const double want = kind == PORT_CONTROL_IN
                            ? controls[i]
                            : figures_readout(fig, (balun_port)i);
    ++checked;
    if (!have[i]) {
      printf("  %-18s expected %.6g, the host did not show it\n",
             balun_ports[i].symbol, want);
      ++bad;
    } else if (!agree(seen[i], want, 1e-6)) {
      printf("  %-18s expected %.6g, the host shows %.6g\n",
             balun_ports[i].symbol, want, seen[i]);
      ++bad;
    }
  }
  if (!bad)
    printf("  all %d %s agree\n", checked,
           kind == PORT_CONTROL_IN ? "controls" : "readouts");
  return bad;
}

int main(int argc, char **argv)
{
  if (argc < 3) {
    usage();
    return EXIT_USAGE;
  }
  const char *mode = argv[1];
  char err[512];
  preset_file p;
  float controls[PORT_COUNT];
  if (preset_file_read(argv[2], &p, err, sizeof(err)) ||
      preset_controls(&p, argc - 3, argv + 3, controls, err, sizeof(err))) {
    fprintf(stderr, "expect: %s\n", err);
    return EXIT_USAGE;
  }
  balun_figures fig[2];
  model_figures(controls, fig);

  if (!strcmp(mode, "show")) {
    printf("uri %s\nlabel %s\n", p.uri, p.label);
    for (int i = 0; i < PORT_COUNT; ++i) {
      if (balun_ports[i].kind == PORT_CONTROL_IN)
        printf("control %s %.9g\n", balun_ports[i].symbol, controls[i]);
      else if (balun_ports[i].kind == PORT_CONTROL_OUT)
        printf("readout %s %.9g\n", balun_ports[i].symbol,
               figures_readout(fig, (balun_port)i));
    }
    return 0;
  }
  if (!strcmp(mode, "controls"))
    return compare(PORT_CONTROL_IN, controls, fig) ? EXIT_DIFFERS : 0;
  if (!strcmp(mode, "readouts"))
    return compare(PORT_CONTROL_OUT, controls, fig) ? EXIT_DIFFERS : 0;
  usage();
  return EXIT_USAGE;
}
