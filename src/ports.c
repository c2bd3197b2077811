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
/* A control with labelled values: only those of an enumeration, or
 * landmarks on a continuous range. */
#define MARKED(sym, nm, lo, def, hi, u, fl, n, ...)                            \
  {                                                                            \
    .symbol = sym, .name = nm, .kind = PORT_CONTROL_IN, .minimum = lo,         \
    .fallback = def, .maximum = hi, .unit = u, .flags = fl,                    \
    .n_scale_points = n, .scale_points = {                                     \
      __VA_ARGS__                                                              \
    }                                                                          \
  }
#define CHOICE(sym, nm, lo, def, hi, u, n, ...)                                \
  MARKED(sym, nm, lo, def, hi, u, PORT_ENUMERATION, n, __VA_ARGS__)
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

#define HEADPHONES                                                             \
  {0, "Line output (none)"}, {1, "Single-ended 3-pole TRS"},                   \
      {2, "Balanced 4-pole (4.4 mm / 2.5 mm / XLR4)"},                         \
  {                                                                            \
    3, "SE plug in balanced jack (cold-shorting adapter)"                      \
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
    MARKED("mains_frequency", "Mains frequency", 45, 50, 65, "Hz", 0, 2,
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
    OUTPUT("cmrr_a", "CMRR A", -60, 160, "dB", 0),
    OUTPUT("cmrr_b", "CMRR B", -60, 160, "dB", 0),
    OUTPUT("corner_a", "Cable corner A", 10, 1e10f, "Hz", PORT_LOGARITHMIC),
    OUTPUT("corner_b", "Cable corner B", 10, 1e10f, "Hz", PORT_LOGARITHMIC),
    CONTROL("input_clip_level", "Receiver clip level", 0, 27, 30, "dBu", 0),
    CHOICE("headphone_a", "Headphone output A", 0, 0, 3, NULL, 4, HEADPHONES),
    CHOICE("headphone_b", "Headphone output B", 0, 0, 3, NULL, 4, HEADPHONES),
    MARKED("headphone_load", "Headphone type", 0, 0, 2, NULL,
           PORT_ENUMERATION | PORT_HEADPHONE_STAGE, 3, {0, "Dynamic"},
           {1, "Planar magnetic"}, {2, "Balanced-armature IEM"}),
    CONTROL("headphone_impedance", "Headphone impedance", 8, 32, 600, "Ω",
            PORT_LOGARITHMIC | PORT_HEADPHONE_STAGE),
    CONTROL("headphone_sensitivity", "Headphone sensitivity", 80, 100, 130,
            "dB/mW", PORT_HEADPHONE_STAGE),
    CONTROL("headphone_volume", "Volume", -60, -10, 12, "dB",
            PORT_HEADPHONE_STAGE),
    CONTROL("amp_max_voltage", "Amplifier swing per leg", 0.3f, 2, 20, "V",
            PORT_LOGARITHMIC | PORT_HEADPHONE_STAGE),
    CONTROL("amp_output_impedance", "Amplifier output impedance", 0.01f, 1, 120,
            "Ω", PORT_LOGARITHMIC | PORT_HEADPHONE_STAGE),
    CONTROL("amp_noise", "Amplifier output noise", 0.3f, 2, 100, "µV",
            PORT_LOGARITHMIC | PORT_HEADPHONE_STAGE),
    CONTROL("return_resistance", "Shared return resistance", 0.01f, 0.2f, 2,
            "Ω", PORT_LOGARITHMIC | PORT_HEADPHONE_STAGE),
    OUTPUT("headroom_a", "Headroom A", -60, 80, "dB", 0),
    OUTPUT("headroom_b", "Headroom B", -60, 80, "dB", 0),
    OUTPUT("spl_a", "Loudness A", 0, 200, "dB SPL", 0),
    OUTPUT("spl_b", "Loudness B", 0, 200, "dB SPL", 0),
    OUTPUT("crosstalk_a", "Crosstalk A", -160, 0, "dB", 0),
    OUTPUT("crosstalk_b", "Crosstalk B", -160, 0, "dB", 0),
    CHOICE("loop_type", "Ground loop type", 0, 0, 1, NULL, 2,
           {0, "Three-prong (ground potential difference)"},
           {1, "Two-prong (leakage current)"}),
    CONTROL("leakage_current", "Leakage current", 0, 100, 1000, "µA", 0),
    CONTROL("hum_drift", "Hum drift", 0, 0, 100, "%", 0),
};

const balun_port port_controls[PORT_N_CONTROLS] = {
    PORT_ENABLED,
    PORT_PATH_A,
    PORT_PATH_B,
    PORT_LISTEN,
    PORT_LEVEL_MATCH,
    PORT_CABLE_LENGTH,
    PORT_CABLE_CAPACITANCE,
    PORT_SHIELD_RESISTANCE,
    PORT_STAR_QUAD,
    PORT_SOURCE_IMPEDANCE,
    PORT_SOURCE_IMBALANCE,
    PORT_INPUT_IMPEDANCE,
    PORT_RECEIVER,
    PORT_RECEIVER_MISMATCH,
    PORT_GROUND_VOLTAGE,
    PORT_GROUND_IMPEDANCE,
    PORT_MAINS_FREQUENCY,
    PORT_BUZZ,
    PORT_MAGNETIC_FIELD,
    PORT_RF_FIELD,
    PORT_RF_SOURCE,
    PORT_PIN1_PROBLEM,
    PORT_INPUT_CLIP_LEVEL,
    PORT_HEADPHONE_A,
    PORT_HEADPHONE_B,
    PORT_HEADPHONE_LOAD,
    PORT_HEADPHONE_IMPEDANCE,
    PORT_HEADPHONE_SENSITIVITY,
    PORT_HEADPHONE_VOLUME,
    PORT_AMP_MAX_VOLTAGE,
    PORT_AMP_OUTPUT_IMPEDANCE,
    PORT_AMP_NOISE,
    PORT_RETURN_RESISTANCE,
    PORT_LOOP_TYPE,
    PORT_LEAKAGE_CURRENT,
    PORT_HUM_DRIFT,
};

const balun_port port_outputs[PORT_N_OUTPUTS] = {
    PORT_SNR_A,          PORT_SNR_B,       PORT_INTERFERENCE_A,
    PORT_INTERFERENCE_B, PORT_CMRR_A,      PORT_CMRR_B,
    PORT_CORNER_A,       PORT_CORNER_B,    PORT_HEADROOM_A,
    PORT_HEADROOM_B,     PORT_SPL_A,       PORT_SPL_B,
    PORT_CROSSTALK_A,    PORT_CROSSTALK_B,
};

float port_sanitize(balun_port port, float value)
{
  const balun_port_info *p = &balun_ports[port];
  if (p->kind != PORT_CONTROL_IN) return value;
  if (!isfinite(value)) return p->fallback;
  if (value < p->minimum) value = p->minimum;
  if (value > p->maximum) value = p->maximum;
  if (p->flags & PORT_TOGGLED) return value >= 0.5f ? 1.0f : 0.0f;
  if (p->flags & PORT_ENUMERATION) { /* the nearest scale point */
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
