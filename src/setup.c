/* Port values to the model's SI units (units from ports.md). */
#include "model.h"

#include <math.h>

balun_setup setup_from_ports(const float v[PORT_COUNT])
{
  balun_setup s = {
      .length_m = v[PORT_CABLE_LENGTH],
      .capacitance_per_m = v[PORT_CABLE_CAPACITANCE] * 1e-12,
      .shield_ohm_per_m = v[PORT_SHIELD_RESISTANCE] * 1e-3,
      .star_quad = v[PORT_STAR_QUAD] >= 0.5f,
      .source_ohm = v[PORT_SOURCE_IMPEDANCE],
      .imbalance_ohm = v[PORT_SOURCE_IMBALANCE],
      .input_ohm = v[PORT_INPUT_IMPEDANCE],
      .receiver = (balun_receiver)v[PORT_RECEIVER],
      .mismatch = v[PORT_RECEIVER_MISMATCH] * 1e-2,
      .ground_v = v[PORT_GROUND_VOLTAGE] * 1e-3,
      .ground_ohm = v[PORT_GROUND_IMPEDANCE],
      .mains_hz = v[PORT_MAINS_FREQUENCY],
      .buzz = v[PORT_BUZZ] * 1e-2,
      .field_t = v[PORT_MAGNETIC_FIELD] * 1e-6,
      .rf_v_per_m = v[PORT_RF_FIELD],
      .rf_source = (balun_rf_source)v[PORT_RF_SOURCE],
      .pin1_problem = v[PORT_PIN1_PROBLEM] >= 0.5f,
      .clip_vrms = dbu_to_vrms(v[PORT_INPUT_CLIP_LEVEL]),
      .hp_load = (balun_headphone_load)v[PORT_HEADPHONE_LOAD],
      .hp_ohm = v[PORT_HEADPHONE_IMPEDANCE],
      .hp_sensitivity = v[PORT_HEADPHONE_SENSITIVITY],
      .volume = pow(10.0, v[PORT_HEADPHONE_VOLUME] / 20.0),
      .level_match = v[PORT_LEVEL_MATCH] >= 0.5f,
      .amp_vrms = v[PORT_AMP_MAX_VOLTAGE],
      .amp_out_ohm = v[PORT_AMP_OUTPUT_IMPEDANCE],
      .amp_noise_vrms = v[PORT_AMP_NOISE] * 1e-6,
      .return_ohm = v[PORT_RETURN_RESISTANCE],
      .two_prong = v[PORT_LOOP_TYPE] >= 0.5f,
      .leakage_a = v[PORT_LEAKAGE_CURRENT] * 1e-6,
      .drift = v[PORT_HUM_DRIFT] * 1e-2,
  };
  return s;
}
