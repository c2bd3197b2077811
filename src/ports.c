/* The port table: ../shared/reference/ports.md, in C. */
#include "ports.h"

#include <math.h>
#include <string.h>

#define AUDIO(sym, nm, k)                                                      \
  {                                                                            \
    .symbol = sym, .name = nm, .kind = k                                       \
  }
#define CONTROL(sym, nm, lo, def, hi, u, fl)                                   \
  {                                                                            \
    .symbol = sym, .name = nm, .kind = PORT_CONTROL_IN, .minimum = lo,         \
    .fallback = def, .maximum = hi, .unit = u, .flags = fl                     \
  }
#define TOGGLE(sym, nm, def) CONTROL(sym, nm, 0, def, 1, NULL, PORT_TOGGLED)
#define CHOICE(sym, nm, lo, def, hi, u, n, ...)                                \
  {                                                                            \
    .symbol = sym, .name = nm, .kind = PORT_CONTROL_IN, .minimum = lo,         \
    .fallback = def, .maximum = hi, .unit = u, .flags = PORT_ENUMERATION,      \
    .n_scale_points = n, .scale_points = {                                     \
      __VA_ARGS__                                                              \
    }                                                                          \
  }
/* An output's range holds every value the model gives for any scene of
 * in-range controls (tests/test_readout_ranges.c); the glue keeps the
 * port inside it all the same. */
#define OUTPUT(sym, nm, lo, hi, u, fl)                                         \
  {                                                                            \
    .symbol = sym, .name = nm, .kind = PORT_CONTROL_OUT, .minimum = lo,        \
    .maximum = hi, .unit = u, .flags = fl                                      \
  }

#define PATHS                                                                  \
  {0, "RCA unbalanced, 2 Vrms"}, {1, "XLR balanced, consumer 4 Vrms"},         \
      {2, "XLR balanced, pro +24 dBu"}, {3, "Balanced RCA (3-pin), 4 Vrms"},   \
      {4, "XLR into fake-balanced input"},                                     \
      {5, "Balanced out → RCA in (cold shorted)"},                             \
  {                                                                            \
    6, "RCA out → balanced in (cold to source ground)"                       \
  }

const balun_port_info balun_ports[PORT_COUNT] = {
    AUDIO("in_l", "In L", PORT_AUDIO_IN),
    AUDIO("in_r", "In R", PORT_AUDIO_IN),
    AUDIO("out_l", "Out L", PORT_AUDIO_OUT),
    AUDIO("out_r", "Out R", PORT_AUDIO_OUT),
    TOGGLE("enabled", "Enabled", 1),
    CHOICE("path_a", "Path A", 0, 0, 6, NULL, 7, PATHS),
    CHOICE("path_b", "Path B", 0, 2, 6, NULL, 7, PATHS),
    CHOICE("listen", "Listen", 0, 0, 3, NULL, 4, {0, "A"}, {1, "B"},
           {2, "A interference only"}, {3, "B interference only"}),
    TOGGLE("level_match", "Level match", 1),
    CONTROL("cable_length", "Cable length", 0.3f, 3, 300, "m",
            PORT_LOGARITHMIC),
    CONTROL("cable_capacitance", "Cable capacitance", 20, 100, 400, "pF/m", 0),
    CONTROL("shield_resistance", "Shield resistance", 1, 20, 200, "mΩ/m",
            PORT_LOGARITHMIC),
    TOGGLE("star_quad", "Star-quad cable", 0),
    CONTROL("source_impedance", "Source output impedance", 10, 100, 10000, "Ω",
            PORT_LOGARITHMIC),
    CONTROL("source_imbalance", "Source impedance imbalance", 0, 10, 1000, "Ω",
            0),
    CONTROL("input_impedance", "Unbalanced input impedance", 1000, 47000,
            1000000, "Ω", PORT_LOGARITHMIC),
    CHOICE("receiver", "Balanced receiver", 0, 0, 2, NULL, 3,
           {0, "Difference amplifier (4 × 10 kΩ)"},
           {1, "High common-mode impedance (InGenius-type)"},
           {2, "Input transformer"}),
    CONTROL("receiver_mismatch", "Receiver resistor mismatch", 0.001f, 0.01f, 5,
            "%", PORT_LOGARITHMIC),
    CONTROL("ground_voltage", "Ground potential difference", 0, 10, 3000, "mV",
            0),
    CONTROL("ground_impedance", "Safety-ground loop impedance", 0.01f, 0.2f, 10,
            "Ω", PORT_LOGARITHMIC),
    CHOICE("mains_frequency", "Mains frequency", 50, 50, 60, "Hz", 2,
           {50, "50 Hz"}, {60, "60 Hz"}),
    CONTROL("buzz", "Buzz", 0, 30, 100, "%", 0),
    CONTROL("magnetic_field", "Magnetic field at cable", 0, 0, 100, "µT", 0),
    CONTROL("rf_field", "RF field", 0, 0, 100, "V/m", 0),
    CHOICE("rf_source", "RF source", 0, 0, 2, NULL, 3, {0, "GSM phone"},
           {1, "AM broadcast"}, {2, "Light dimmer"}),
    TOGGLE("pin1_problem", "Pin-1 problem", 0),
    OUTPUT("snr_a", "SNR A", -60, 200, "dB", 0),
    OUTPUT("snr_b", "SNR B", -60, 200, "dB", 0),
    OUTPUT("interference_a", "Interference A", -200, 60, "dBFS", 0),
    OUTPUT("interference_b", "Interference B", -200, 60, "dBFS", 0),
    OUTPUT("cmrr_a", "CMRR A", 0, 160, "dB", 0),
    OUTPUT("cmrr_b", "CMRR B", 0, 160, "dB", 0),
    OUTPUT("corner_a", "Cable corner A", 10, 1e10f, "Hz", PORT_LOGARITHMIC),
    OUTPUT("corner_b", "Cable corner B", 10, 1e10f, "Hz", PORT_LOGARITHMIC),
};

float port_sanitize(balun_port port, float value)
{
  const balun_port_info *p = &balun_ports[port];
  if (p->kind != PORT_CONTROL_IN) return value;
  if (!isfinite(value)) return p->fallback;
  if (value < p->minimum) value = p->minimum;
  if (value > p->maximum) value = p->maximum;
  if (p->flags & PORT_TOGGLED) return value >= 0.5f ? 1.0f : 0.0f;
  if (p->n_scale_points > 0) { /* the nearest scale point */
    float best = p->scale_points[0].value;
    for (int i = 1; i < p->n_scale_points; ++i)
      if (fabsf(value - p->scale_points[i].value) < fabsf(value - best))
        best = p->scale_points[i].value;
    return best;
  }
  return value;
}

float port_output_value(balun_port port, double value)
{
  const balun_port_info *p = &balun_ports[port];
  if (!(value >= p->minimum)) return p->minimum; /* NaN too */
  if (value > p->maximum) return p->maximum;
  return (float)value;
}

int port_by_symbol(const char *symbol)
{
  for (int i = 0; i < PORT_COUNT; ++i)
    if (!strcmp(balun_ports[i].symbol, symbol)) return i;
  return -1;
}

void port_defaults(float values[PORT_COUNT])
{
  for (int i = 0; i < PORT_COUNT; ++i)
    values[i] =
        balun_ports[i].kind == PORT_CONTROL_IN ? balun_ports[i].fallback : 0.0f;
}
