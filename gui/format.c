/* Values as people read them, from the port table's units and scale
 * points. */
#include "format.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

int choice_index(balun_port port, float value)
{
  const balun_port_info *p = &balun_ports[port];
  int best = 0;
  for (int i = 1; i < p->n_scale_points; ++i)
    if (fabsf(value - p->scale_points[i].value) <
        fabsf(value - p->scale_points[best].value))
      best = i;
  return best;
}

const char *choice_label(balun_port port, float value)
{
  return balun_ports[port].scale_points[choice_index(port, value)].label;
}

/* Three significant figures, with k/M for ohms and hertz and V for
 * thousands of millivolts. */
void format_value(balun_port port, float value, char *out, size_t size)
{
  const balun_port_info *p = &balun_ports[port];
  if (p->flags & PORT_ENUMERATION) { /* marked values are not choices */
    snprintf(out, size, "%s", choice_label(port, value));
    return;
  }
  if (p->flags & PORT_TOGGLED) {
    snprintf(out, size, "%s", value >= 0.5f ? "on" : "off");
    return;
  }
  double v = value;
  const char *unit = p->unit ? p->unit : "";
  char scaled[16] = "";
  if (!strcmp(unit, "Ω") || !strcmp(unit, "Hz")) {
    const char *prefix = fabs(v) >= 1e6 ? "M" : fabs(v) >= 1e3 ? "k" : "";
    v /= *prefix == 'M' ? 1e6 : *prefix == 'k' ? 1e3 : 1.0;
    snprintf(scaled, sizeof(scaled), "%s%s", prefix, unit);
    unit = scaled;
  } else if (!strcmp(unit, "mV") && fabs(v) >= 1e3) {
    v /= 1e3;
    unit = "V";
  }
  int decimals = 0;
  if (fabs(v) > 1e-9) decimals = 2 - (int)floor(log10(fabs(v)) + 1e-9);
  decimals = decimals < 0 ? 0 : decimals > 5 ? 5 : decimals;
  snprintf(out, size, "%.*f %s", decimals, v, unit);
}
