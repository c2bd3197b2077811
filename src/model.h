/* The physical model of an audio interconnect, in closed form.
 *
 * Plain C, no LV2: the DSP, the output ports, the UI and the tests all call
 * these functions. Every relation cites ../shared/reference/physics.md (§n).
 * Units are SI throughout (V rms, Ω, F, T, Hz); port units are converted
 * once, in setup_from_ports(). */
#ifndef BALUN_MODEL_H
#define BALUN_MODEL_H

#include <complex.h>
#include <stdbool.h>

#include "ports.h"

/* ---- physical constants and conventions (physics.md, preamble) ---- */
#define BALUN_K_BOLTZMANN 1.380649e-23 /* J/K */
#define BALUN_T_KELVIN    300.0
#define BALUN_DBU_REF     0.7746 /* V rms, 1 mW into 600 Ω */
#define BALUN_BAND_LO_HZ  20.0
#define BALUN_BAND_HI_HZ  20000.0
#define BALUN_RHO_COPPER  1.72e-8 /* Ω·m (§3) */
#define BALUN_PI          3.14159265358979323846

typedef enum {
  PATH_RCA = 0,           /* RCA unbalanced, 2 Vrms */
  PATH_XLR_CONSUMER,      /* XLR balanced, consumer 4 Vrms */
  PATH_XLR_PRO,           /* XLR balanced, pro +24 dBu */
  PATH_BALANCED_RCA,      /* 3-pin RCA, balanced 4 Vrms */
  PATH_XLR_FAKE_BALANCED, /* receiver ignores pin 3 */
  PATH_COLD_SHORTED,      /* balanced out -> RCA in, cold leg shorted */
  PATH_RCA_TO_BALANCED,   /* RCA out -> balanced in, cold to source ground */
  PATH_COUNT
} balun_path;

typedef enum {
  RECEIVER_DIFF_AMP = 0, /* 4 x 10 kΩ difference amplifier */
  RECEIVER_HIGH_ZCM,     /* InGenius-type (THAT1200) */
  RECEIVER_TRANSFORMER,  /* input transformer */
  RECEIVER_COUNT
} balun_receiver;

typedef enum { RF_GSM = 0, RF_AM, RF_DIMMER, RF_COUNT } balun_rf_source;

/* What follows the receiver (ports.md v2, headphone_a/b). */
typedef enum {
  HEADPHONE_NONE = 0, /* the line output, as v1 */
  HEADPHONE_SE,       /* single-ended 3-pole TRS, shared return */
  HEADPHONE_BRIDGED,  /* balanced 4-pole: two amplifiers per channel */
  HEADPHONE_ADAPTER,  /* SE plug in a balanced jack, cold amplifiers shorted */
  HEADPHONE_COUNT
} balun_headphone_kind;

typedef enum {
  LOAD_DYNAMIC = 0, /* impedance peak at resonance */
  LOAD_PLANAR,      /* flat, resistive */
  LOAD_BA,          /* balanced armature: rising */
  LOAD_COUNT
} balun_headphone_load;

/* Everything physical the user sets, in SI units. */
typedef struct {
  double length_m;
  double capacitance_per_m; /* F/m, signal conductor to return */
  double shield_ohm_per_m;
  bool star_quad;
  double source_ohm;    /* per leg */
  double imbalance_ohm; /* added to the hot leg */
  double input_ohm;     /* unbalanced receiver */
  balun_receiver receiver;
  double mismatch; /* net resistor-ratio error δ, a fraction */
  double ground_v; /* V rms at the mains fundamental */
  double ground_ohm;
  double mains_hz;
  double buzz;    /* 0..1 */
  double field_t; /* magnetic flux density, T rms at the fundamental */
  double rf_v_per_m;
  balun_rf_source rf_source;
  bool pin1_problem;
  /* v2: the receiver's rails and the headphone output (physics.md §11-12) */
  double clip_vrms; /* the largest sine the receiver passes, V rms */
  balun_headphone_load hp_load;
  double hp_ohm;         /* nominal, at 1 kHz */
  double hp_sensitivity; /* dB SPL for 1 mW at 1 kHz */
  double volume;         /* linear gain: 1 drives a leg to amp_vrms */
  bool level_match;      /* compare outputs at the same loudness */
  double amp_vrms;       /* swing per leg */
  double amp_out_ohm;    /* per leg */
  double amp_noise_vrms; /* per leg, 20 Hz-20 kHz */
  double return_ohm;     /* the shared sleeve */
  /* v2: two-prong gear's leakage current instead of a ground voltage
   * (physics.md §4, §13), and how much the hum drifts */
  bool two_prong;
  double leakage_a; /* A rms at the mains fundamental */
  double drift;     /* 0..1: 1 is ±0.05 Hz and ±5 % */
} balun_setup;

/* Port values (indexed by balun_port, already sanitized) to SI. */
balun_setup setup_from_ports(const float values[PORT_COUNT]);

/* ---- the interface of one path (interface.c, physics.md §1, §5) ---- */
/* What the cold conductor does at the source end (ports.md, "Paths"). */
typedef enum {
  COLD_SOURCE_NONE = 0,  /* coax: there is no cold conductor */
  COLD_SOURCE_DRIVEN,    /* a second amplifier drives it in antiphase */
  COLD_SOURCE_TO_GROUND, /* the adapter ties it to the source's ground */
} balun_cold_source;

/* ... and at the receiver end. */
typedef enum {
  COLD_RECEIVER_NONE = 0, /* coax */
  COLD_RECEIVER_RECEIVED, /* a balanced input subtracts it */
  COLD_RECEIVER_IGNORED,  /* fake balanced: pin 3 goes nowhere */
  COLD_RECEIVER_SHORTED,  /* the adapter's plug shorts it to the shield */
} balun_cold_receiver;

typedef struct {
  double full_scale_vrms; /* programme at 0 dBFS, as the receiver sees it */
  bool balanced_receiver; /* the receiver rejects common mode (CMRR > 0 dB) */
  bool pair;              /* the cable is a twisted pair (or star-quad) */
  bool star_quad;         /* ... and star-quad */
  double zs_hot, zs_cold; /* source impedance of each leg, Ω */
  double drive_ohm;       /* series resistance driving the cable, Ω */
  double load_ohm;        /* receiver input impedance for the signal, Ω */
  int noisy_legs;         /* source output stages heard (1 or 2) */
  bool output_into_short; /* a source amplifier drives a shorted leg */
  /* the wiring, as the schematic draws it */
  balun_cold_source cold_source;
  balun_cold_receiver cold_receiver;
} balun_interface;

balun_interface interface_of(balun_path path, const balun_setup *s);

/* Data of a receiver type (interface.c). */
typedef struct {
  double zcm_ohm;     /* common-mode input resistance per leg */
  double zcm_farad;   /* common-mode input capacitance per leg */
  double zdiff_ohm;   /* differential input impedance */
  double noise_dbu;   /* equivalent input noise, 20 Hz-20 kHz */
  double emirr_db;    /* RF rejection at 100 mV peak (§8) */
  bool trimmed_ratio; /* a difference amplifier: resistor mismatch applies */
} balun_receiver_data;

balun_receiver_data receiver_data(balun_receiver r);
extern const double BALUN_UNBALANCED_INPUT_NOISE_DBU;
extern const double BALUN_SOURCE_NOISE_DBU;

/* ---- thermal noise (noise.c, §2) ---- */
double dbu_to_vrms(double dbu);
double vrms_to_dbu(double v);
double johnson_noise_vrms(double ohm, double bandwidth_hz);
/* All thermal noise of a path at the receiver, V rms over 20 Hz-20 kHz. */
double path_thermal_noise_vrms(const balun_interface *ifc,
                               const balun_setup *s);

/* ---- the cable (cable.c, §3) ---- */
double conductor_ohm(const balun_setup *s); /* one signal conductor */
double shield_ohm(const balun_setup *s);
double cable_capacitance_farad(const balun_setup *s);
/* Source + cable + receiver transfer at f. */
double complex cable_response(const balun_interface *ifc, const balun_setup *s,
                              double f);
double cable_passband_gain(const balun_interface *ifc, const balun_setup *s);
double cable_corner_hz(const balun_interface *ifc, const balun_setup *s);

/* ---- data the closed form and the solved circuit share ---- */
/* Capacitance unbalance of a shielded pair, conductor to shield: the hot
 * leg has 2 % more than the cold one (an assumption; cable data sheets
 * quote a few per cent). It makes long cables lose CMRR at high frequency,
 * as a capacitive imbalance does (§5). */
#define BALUN_PAIR_CAPACITANCE_UNBALANCE 0.02
/* The safety-ground loop encloses the cable run and the mains cords,
 * 0.1 m apart on average: area = length x 0.1 m (§7: an unbalanced
 * interface picks up magnetic hum through the ground-loop area). */
#define BALUN_GROUND_LOOP_SPACING_M 0.1
/* An untwisted pair 5 mm apart encloses 5e-3 m² per metre; twisting
 * cancels all but about 1 %. */
#define BALUN_PAIR_AREA_PER_M 5e-5
/* Star-quad lowers differential pickup by 20-50 dB; Benchmark measured
 * 20-30 dB. We take 30 dB (§7). */
#define BALUN_STAR_QUAD_REDUCTION 0.031622776601683794
/* Pin-1 problem: shield current through the receiver's internal ground,
 * 10 mΩ of trace and wire (§6) with 1.6 µH of inductance, so that the
 * coupling rises 6 dB/oct above 1 kHz (the pair's shield-current-induced
 * noise, which needs no pin-1 problem, is scin_voltage()'s). */
#define BALUN_PIN1_OHM   0.01
#define BALUN_PIN1_HENRY 1.6e-6

/* Shield-current-induced noise (§6, §13; Brown & Whitlock, AES preprint
 * 5747): the shield's current links the pair's two conductors unequally,
 * a mutual-inductance imbalance ΔM per metre, V_diff = jω·ΔM·ℓ·I_shield.
 * An assumption, from the geometry: a drain wire against the foil carries
 * most of the shield current (its copper beats the aluminium foil), and
 * its field µ0·I/(2πr) inside the shield links conductors 1.5 and 3 mm
 * from it by ΔM = (µ0/2π)·ln 2 = 139 nH/m if untwisted; twisting cancels
 * all but about 1 % (as BALUN_PAIR_AREA_PER_M): 1.4 nH/m; we take
 * 1 nH/m. Star-quad cable is taken as braided (no drain wire, a
 * symmetric shield, the quad's diagonals cancelling again): 20 dB less,
 * also an assumption; foil/drain cables measured worst (Brown & Whitlock,
 * after Muncy). */
#define BALUN_SCIN_HENRY_PER_M        1e-9
#define BALUN_SCIN_STAR_QUAD_FRACTION 0.1
/* ΔM·ℓ of the interface's cable, H: 0 for coax, which has one conductor
 * inside a symmetric shield. */
double scin_henry(const balun_interface *ifc, const balun_setup *s);
/* V_diff = jω·ΔM·ℓ·I_shield at f for a shield current i_shield, V. */
double complex scin_voltage(const balun_interface *ifc, const balun_setup *s,
                            double complex i_shield, double f);

/* ---- CMRR (cmrr.c, §5) ---- */
/* ε(f) = intrinsic + gain·(n0 + jω·n1) / ((1 + jf/p0)(1 + jf/p1)): the
 * receiver's own ratio error plus the source imbalance against Z_cm, its
 * parts worked out once for sums over the harmonics. */
typedef struct {
  double intrinsic, n0, n1, gain;
  double pole_hz[2];
} balun_cmrr_parts;

balun_cmrr_parts cmrr_parts(const balun_interface *ifc, const balun_setup *s);
double complex cmrr_leak(const balun_cmrr_parts *p, double f);
/* Common-mode to differential error ε at f: hum = V_cm·ε; CMRR = 1/|ε|. */
double complex cmrr_error(const balun_interface *ifc, const balun_setup *s,
                          double f);
double cmrr_db(const balun_interface *ifc, const balun_setup *s, double f);

/* ---- mains harmonics (mains.c, §9) ---- */
/* Amplitude of harmonic n of the ground current relative to the
 * fundamental, for buzz 0..1 and mains frequency f0. */
double mains_harmonic(double buzz, double f0, int n);
/* Highest harmonic synthesised and counted: n·f0 <= 20 kHz. */
int mains_harmonic_count(double f0);
/* Harmonics of the ground current weaker than this (relative to the
 * fundamental) are left out of the figures and the hum tables: no
 * coupling rises faster than n²
 * (n <= 400), so together they stay 100 dB under the fundamental's line.
 * The buzz pulses' harmonics fall below it above ~6 kHz (mains.c). */
#define BALUN_NEGLIGIBLE_HARMONIC 1e-12
/* The highest harmonic whose amplitude is at least `floor` (>= 1). */
int mains_harmonic_last(double buzz, double f0, double floor);

/* ---- ground loop, shield, pin-1 and magnetic pickup (ground.c) ---- */
/* Interference at the receiver from harmonic n, V rms phasors. `series` is
 * in series with the signal before the cable's low-pass (common-impedance
 * coupling, §4); `direct` appears at the receiver (CMRR leakage §5,
 * pin-1 §6, differential magnetic pickup §7). */
typedef struct {
  double complex series, direct;
} balun_hum;

balun_hum hum_phasor(const balun_interface *ifc, const balun_setup *s, int n);
/* The same with the interface's CMRR parts worked out once, for sums over
 * the harmonics. */
balun_hum hum_phasor_of(const balun_interface *ifc, const balun_setup *s,
                        const balun_cmrr_parts *cmrr, int n);

/* Current in the shield from harmonic n of unit amplitude (fundamental:
 * n = 1), A rms phasor: the same for every path, the loop is shared.
 * Three-prong: the ground voltage and the field's EMF over the loop's
 * impedance. Two-prong: the leakage current I_leak·(jn), the harmonics of
 * mains_harmonic() taken as the mains voltage's and the current through a
 * capacitance leading them by 90° and rising with n (§4, §13). */
double complex shield_current(const balun_setup *s, int n);

/* ---- RF interference (rf.c, §8) ---- */
/* Audio-band offset ΔV demodulated from an unmodulated carrier, V. */
double rf_demodulated_v(const balun_interface *ifc, const balun_setup *s);
/* Periodic RF sources: repetition frequency and complex rms phasor of
 * harmonic k, relative to ΔV. */
double rf_repetition_hz(balun_rf_source src, double mains_hz);
double complex rf_harmonic(balun_rf_source src, double mains_hz, int k);
/* rms of the audio an RF source produces in 20 Hz-20 kHz, relative to ΔV. */
double rf_audio_rms(balun_rf_source src, double mains_hz);

/* The AM programme: a melody of plucked notes (rf.c and the DSP share it). */
#define BALUN_AM_NOTES    16
#define BALUN_AM_NOTE_S   0.25
#define BALUN_AM_PARTIALS 3
#define BALUN_AM_INDEX    0.5 /* modulation index m */
extern const double balun_am_notes_hz[BALUN_AM_NOTES];
extern const double balun_am_partials[BALUN_AM_PARTIALS];

/* ---- the headphone output stage (headphone.c, §12) ---- */
typedef struct {
  balun_headphone_kind kind;
  double drive;      /* amplifier legs across the driver: 1, or 2 bridged */
  double out_ohm;    /* in series with each driver: Z_out, or 2 Z_out */
  double shared_ohm; /* the return both drivers share; 0 when separate */
  int noise_legs;    /* amplifier legs whose noise reaches the driver */
  /* each leg's gain for a 0 dBFS programme, 1 at its swing: the volume,
   * and with level_match the single-ended loudness at that volume (a
   * bridged output then needs 6 dB less of each leg: its headroom) */
  double leg_volume;
  /* |driver voltage per volt| at 1 kHz for one channel alone: what the
   * programme's level is matched by (headphone_self at 1 kHz) */
  double self_1k;
} balun_headphone;

balun_headphone headphone_of(balun_headphone_kind kind, const balun_setup *s);
/* Whether each channel's cold amplifier drives the adapter's short (the
 * schematic draws it into one). */
bool headphone_cold_into_short(const balun_headphone *h);
double complex headphone_impedance(const balun_setup *s, double f);
/* The same as Z(s) = (z0 + z1 s + z2 s²)/(p0 + p1 s + p2 s²), and a mode's
 * driver response Z/(Z + R) as n(s)/d(s): what the DSP realises. */
void headphone_impedance_rational(const balun_setup *s, double z[3],
                                  double p[3]);
void headphone_mode_rational(const balun_headphone *h, const balun_setup *s,
                             bool common, double n[3], double d[3]);
/* Driver voltage per volt of amplifier drive, for a signal alike in both
 * channels (common: hum, mono) or in antiphase. */
double complex headphone_mode_response(const balun_headphone *h,
                                       const balun_setup *s, double f,
                                       bool common);
/* ... for a signal in one channel only, at its own driver. */
double complex headphone_self(const balun_headphone *h, const balun_setup *s,
                              double f);
/* What the output network does to a line alike in both channels (hum,
 * RF: the environment is shared) at f, relative to the programme at
 * 1 kHz in one channel, which plays at unity; 1 without a stage. */
double headphone_common_gain(const balun_headphone *h, const balun_setup *s,
                             double f);
double headphone_crosstalk_db(const balun_headphone *h, const balun_setup *s);
double headphone_spl_db(const balun_headphone *h, const balun_setup *s);
double headphone_hiss_spl_db(const balun_headphone *h, const balun_setup *s);
/* What the adapter's short demands of each cold amplifier, A rms, and the
 * most an amplifier leg delivers. */
double headphone_short_current_a(const balun_headphone *h,
                                 const balun_setup *s);
double headphone_current_limit_a(void);
/* Band-averaged power gain of white noise through the output network. */
double headphone_noise_gain(const balun_headphone *h, const balun_setup *s);

/* ---- the figures on the output ports (figures.c) ---- */
typedef struct {
  double signal_vrms; /* full-scale programme at 1 kHz at the receiver */
  double hum_vrms;    /* hum, buzz, magnetic and pin-1, 20 Hz-20 kHz */
  double rf_vrms;
  double noise_vrms;
  double snr_db;
  double interference_dbfs;
  double cmrr_db; /* at the mains fundamental; 0 if unbalanced */
  double corner_hz;
  double headroom_db;  /* smallest margin of the chain for 0 dBFS (§11) */
  double spl_db;       /* at the ear, 0 dBFS 1 kHz in one channel; 0: none */
  double crosstalk_db; /* at 1 kHz through the shared return */
} balun_figures;

/* One path's chain in closed form: the interconnect, then the headphone
 * output (or none, the line output). hum, rf and noise are relative to the
 * chain's full scale where there is a headphone stage. */
balun_figures path_figures(balun_path path, balun_headphone_kind headphone,
                           const balun_setup *s);
/* What output port `port` reads for both paths' figures (ports.md). */
double figures_readout(const balun_figures f[2], balun_port port);
/* (Both paths' figures as the ports show them, from the solved circuit:
 * figures_from_ports() in path_hum.h.) */

/* The hum line at harmonic n as the receiver's output carries it, V rms:
 * the series part through the cable plus the direct part. The spectrum
 * plot draws these; path_figures() sums their powers. */
double hum_line_vrms(const balun_interface *ifc, const balun_setup *s, int n);
/* The same as a complex rms phasor (the ground current's fundamental at
 * phase 0), with the interface's CMRR parts worked out once: what the
 * DSP's hum tables are built from (hum_tables.h). */
double complex hum_line_phasor(const balun_interface *ifc, const balun_setup *s,
                               const balun_cmrr_parts *cmrr, int n);

#endif
