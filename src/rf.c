/* RF interference: square-law demodulation in the input stage (§8). */
#include "model.h"

#include <math.h>

/* Effective height of the input wiring behind the connector: the carrier
 * voltage at the input stage is E x 0.01 m (an assumption of the model). */
#define PICKUP_HEIGHT_M 0.01
/* EMIRR is specified at 100 mV peak (§8). */
#define EMIRR_REFERENCE_V 0.1
/* An unbalanced input, whose shield carries signal, without RF filter; a
 * balanced input with a pin-1 problem lets shield RF current into its
 * signal ground just the same (§8). */
#define UNFILTERED_EMIRR_DB 40.0
/* GSM TDMA frame and burst (§8). */
#define GSM_FRAME_S 4.615e-3
#define GSM_BURST_S 577e-6
/* A dimmer's triac fires once per half cycle; each firing is a burst of RF
 * that decays in about 100 µs. */
#define DIMMER_DECAY_S 100e-6

const double balun_am_notes_hz[BALUN_AM_NOTES] = {
    220.0,  261.63, 293.66, 329.63, 392.0,  440.0, 392.0, 329.63,
    293.66, 261.63, 329.63, 440.0,  523.25, 440.0, 392.0, 329.63};
/* Partials of each note; they sum to 1, so the programme peaks below 1. */
const double balun_am_partials[BALUN_AM_PARTIALS] = {1.0 / 1.75, 0.5 / 1.75,
                                                     0.25 / 1.75};

/* ΔV ≈ (V_rf² / 0.1 V) · 10^(−EMIRR/20) (§8). */
double rf_demodulated_v(const balun_interface *ifc, const balun_setup *s)
{
  const double v_rf = s->rf_v_per_m * PICKUP_HEIGHT_M;
  const double emirr = ifc->balanced_receiver && !s->pin1_problem
                           ? receiver_data(s->receiver).emirr_db
                           : UNFILTERED_EMIRR_DB;
  return v_rf * v_rf / EMIRR_REFERENCE_V * pow(10.0, -emirr / 20.0);
}

double rf_repetition_hz(balun_rf_source src, double mains_hz)
{
  switch (src) {
  case RF_GSM:
    return 1.0 / GSM_FRAME_S; /* 217 Hz */
  case RF_DIMMER:
    return 2.0 * mains_hz;
  default:
    return 0.0; /* AM: not periodic */
  }
}

/* rms phasor of harmonic k: √2 × the two-sided Fourier coefficient. */
double complex rf_harmonic(balun_rf_source src, double mains_hz, int k)
{
  const double f = rf_repetition_hz(src, mains_hz);
  if (k < 1 || f <= 0.0 || k * f > BALUN_BAND_HI_HZ) return 0.0;
  if (src == RF_GSM) { /* rectangular bursts: d·sinc(k·d) */
    const double d = GSM_BURST_S / GSM_FRAME_S;
    const double x = BALUN_PI * k * d;
    return sqrt(2.0) * d * sin(x) / x;
  }
  /* decaying bursts: (τ/T) / (1 + jωτ) */
  return sqrt(2.0) * DIMMER_DECAY_S * f /
         (1.0 + I * 2.0 * BALUN_PI * k * f * DIMMER_DECAY_S);
}

double rf_audio_rms(balun_rf_source src, double mains_hz)
{
  if (src == RF_AM) {
    /* The programme at 2m·ΔV (§8); each note has a sin² envelope, whose
     * square averages to 3/8, and partials a_k of rms a_k/√2. */
    double power = 0.0;
    for (int k = 0; k < BALUN_AM_PARTIALS; ++k)
      power += balun_am_partials[k] * balun_am_partials[k] / 2.0;
    return 2.0 * BALUN_AM_INDEX * sqrt(power * 3.0 / 8.0);
  }
  const double f = rf_repetition_hz(src, mains_hz);
  double power = 0.0;
  for (int k = 1; k * f <= BALUN_BAND_HI_HZ; ++k)
    if (k * f >= BALUN_BAND_LO_HZ) {
      const double a = cabs(rf_harmonic(src, mains_hz, k));
      power += a * a;
    }
  return sqrt(power);
}
