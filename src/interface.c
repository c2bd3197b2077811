/* What each path is electrically: levels, legs, receiver (physics.md §1, §5,
 * ports.md "Paths"). */
#include "model.h"

#include <math.h>

/* Equivalent input noise of an unbalanced op-amp line input with its input
 * network, taken equal to the THAT1200 figure (§2). */
const double BALUN_UNBALANCED_INPUT_NOISE_DBU = -107.0;
/* Output noise of one source leg (line driver or DAC output stage): 115 dB
 * below 2 Vrms, a good consumer DAC. Two legs add in power (§1, +3.01 dB). */
const double BALUN_SOURCE_NOISE_DBU = -107.0;

/* +24 dBu in volts (§1). */
#define PRO_VRMS (BALUN_DBU_REF * 15.848931924611133)

balun_receiver_data receiver_data(balun_receiver r)
{
  static const balun_receiver_data table[RECEIVER_COUNT] = {
      /* 4 x 10 kΩ: Z_cm = 20 kΩ per leg (§5); THAT1240-class noise (§2). */
      [RECEIVER_DIFF_AMP] = {20e3, 0.0, 20e3, -104.0, 70.0, true},
      /* THAT1200: bootstrapped Z_cm ~10 MΩ, 24 kΩ differential (§5, §2). */
      [RECEIVER_HIGH_ZCM] = {10e6, 0.0, 24e3, -107.0, 70.0, true},
      /* Transformer: Z_cm is the 10 pF winding capacitance per leg, which
       * with the shortest cable (6 pF per leg) gives Jensen's >105 dB at
       * 60 Hz and ~75 dB at 3 kHz with the IEC 600 Ω imbalance (§5);
       * Faraday-shielded, so little RF gets in. */
      [RECEIVER_TRANSFORMER] = {1e12, 10e-12, 10e3, -107.0, 90.0, false},
  };
  return table[r < RECEIVER_COUNT ? r : RECEIVER_DIFF_AMP];
}

balun_interface interface_of(balun_path path, const balun_setup *s)
{
  const double rs = s->source_ohm;
  const double zdiff = receiver_data(s->receiver).zdiff_ohm;
  balun_interface i = {0};
  switch (path) {
  default:
  case PATH_RCA: /* coax, the shield is the return (§4) */
    i = (balun_interface){2.0,
                          false,
                          false,
                          false,
                          rs,
                          0,
                          rs,
                          s->input_ohm,
                          1,
                          false,
                          COLD_SOURCE_NONE,
                          COLD_RECEIVER_NONE};
    break;
  case PATH_XLR_CONSUMER: /* differential drive, 2 x 2 V (§1) */
  case PATH_XLR_PRO:
  case PATH_BALANCED_RCA: {
    /* The imbalance sits on the cold leg, where its error adds to the
     * receiver's own instead of cancelling it (§5: worst case), so more
     * mismatch or more imbalance never looks better. */
    const double zc = rs + s->imbalance_ohm;
    i = (balun_interface){4.0,
                          true,
                          true,
                          s->star_quad,
                          rs,
                          zc,
                          rs + zc,
                          zdiff,
                          2,
                          false,
                          COLD_SOURCE_DRIVEN,
                          COLD_RECEIVER_RECEIVED};
    if (path == PATH_XLR_PRO) i.full_scale_vrms = PRO_VRMS;
    /* A 3-pin RCA cable is a shielded pair, never star-quad. */
    if (path == PATH_BALANCED_RCA) i.star_quad = false;
    break;
  }
  case PATH_XLR_FAKE_BALANCED: /* pin 3 ignored: hot leg only (-6.02 dB) */
  case PATH_COLD_SHORTED:      /* cold leg shorted to ground by the adapter */
    i = (balun_interface){2.0,
                          false,
                          true,
                          false,
                          rs,
                          0,
                          rs,
                          s->input_ohm,
                          1,
                          path == PATH_COLD_SHORTED,
                          COLD_SOURCE_DRIVEN,
                          path == PATH_COLD_SHORTED ? COLD_RECEIVER_SHORTED
                                                    : COLD_RECEIVER_IGNORED};
    break;
  case PATH_RCA_TO_BALANCED: /* imbalance = the source impedance (§5) */
    i = (balun_interface){2.0,
                          true,
                          true,
                          s->star_quad,
                          rs,
                          0,
                          rs,
                          zdiff,
                          1,
                          false,
                          COLD_SOURCE_TO_GROUND,
                          COLD_RECEIVER_RECEIVED};
    break;
  }
  return i;
}
