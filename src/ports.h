/* The plugin's public interface: one table of ports, used by the DSP glue,
 * the UI, the renderer and the tests. ttl/balun.ttl must agree with it;
 * tests/test_metadata.c checks that symbol by symbol. */
#ifndef BALUN_PORTS_H
#define BALUN_PORTS_H

#include <stdbool.h>
#include <stdint.h>

#define BALUN_URI    "urn:balun:interconnect"
#define BALUN_UI_URI BALUN_URI "#ui"

typedef enum {
  PORT_IN_L = 0,
  PORT_IN_R,
  PORT_OUT_L,
  PORT_OUT_R,
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
  PORT_SNR_A,
  PORT_SNR_B,
  PORT_INTERFERENCE_A,
  PORT_INTERFERENCE_B,
  PORT_CMRR_A,
  PORT_CMRR_B,
  PORT_CORNER_A,
  PORT_CORNER_B,
  /* v2 (ports.md "Additions"): the receiver's headroom, the headphone
   * output stage, and their readouts */
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
  PORT_HEADROOM_A,
  PORT_HEADROOM_B,
  PORT_SPL_A,
  PORT_SPL_B,
  PORT_CROSSTALK_A,
  PORT_CROSSTALK_B,
  /* v2: the ground loop's kind and the hum's drift (ports.md, v2 table) */
  PORT_LOOP_TYPE,
  PORT_LEAKAGE_CURRENT,
  PORT_HUM_DRIFT,
  PORT_COUNT
} balun_port;

typedef enum {
  PORT_AUDIO_IN,
  PORT_AUDIO_OUT,
  PORT_CONTROL_IN,
  PORT_CONTROL_OUT
} balun_port_kind;

enum {
  PORT_TOGGLED = 1 << 0,
  PORT_ENUMERATION = 1 << 1, /* also lv2:integer */
  PORT_LOGARITHMIC = 1 << 2,
  PORT_INTEGER = 1 << 3,
  PORT_HEADPHONE_STAGE = 1 << 4 /* a setting of the headphone stage alone */
};

typedef struct {
  float value;
  const char *label;
} balun_scale_point;

#define BALUN_MAX_SCALE_POINTS 7

typedef struct {
  const char *symbol;
  const char *name;
  balun_port_kind kind;
  float minimum, fallback, maximum; /* fallback is lv2:default; outputs:
                                       the range they never leave */
  const char *unit;                 /* units:symbol, or NULL */
  unsigned flags;
  int n_scale_points;
  balun_scale_point scale_points[BALUN_MAX_SCALE_POINTS];
} balun_port_info;

extern const balun_port_info balun_ports[PORT_COUNT];

/* The control inputs and the control outputs, each in port order (v2
 * appended inputs after v1's outputs, so neither kind is one run of
 * indices). */
#define PORT_N_CONTROLS 36
#define PORT_N_OUTPUTS  14
extern const balun_port port_controls[PORT_N_CONTROLS];
extern const balun_port port_outputs[PORT_N_OUTPUTS];

static inline bool port_is_control(int p)
{
  return p >= 0 && p < PORT_COUNT && balun_ports[p].kind == PORT_CONTROL_IN;
}

static inline bool port_is_output(int p)
{
  return p >= 0 && p < PORT_COUNT && balun_ports[p].kind == PORT_CONTROL_OUT;
}

/* What a host sent, made safe: non-finite values become the default,
 * out-of-range values are clamped, toggles and enumerations are rounded
 * (an enumeration to its nearest scale point; a continuous control's scale
 * points are only landmarks). */
float port_sanitize(balun_port port, float value);

/* What an output port shows for a model value: kept inside its declared
 * range (the range covers the physics; this only guards it). */
float port_output_value(balun_port port, double value);

/* The index of a port by symbol, or -1. */
int port_by_symbol(const char *symbol);

/* Every control input at its default, indexed by port. */
void port_defaults(float values[PORT_COUNT]);

#endif
