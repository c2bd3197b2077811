/* The interconnect's circuit, built from the setup (physics.md §3-§7, §13).
 * The wiring is interface_of()'s, the receivers' data receiver_data()'s, so
 * the closed form and the circuit describe the same thing. */
#include "circuit.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* Open-loop gain of the ideal op-amp of the difference amplifier: the
 * closed-loop gain is short of 1 by 2/A = 2e-7 (2 µdB). */
#define OPAMP_GAIN 1e7
/* Radius of the ground loop's wires: L = (µ0/π)·ℓ·ln(w/r) with w = 0.1 m
 * and r = 1.8 mm gives 1.61 µH/m, which is §13's −0.5 dB (3 m) and
 * −3.5 dB (30 m) at 3 kHz. */
#define LOOP_WIRE_RADIUS_M 1.8e-3
#define MU0                (4e-7 * BALUN_PI)
/* The pair's conductor-to-conductor capacitance is half its
 * conductor-to-shield capacitance, so C_diff = C_cc + C_cs/2 = C_cs (§3;
 * the convention of cmrr.c). */
#define PAIR_CC_OVER_CS 0.5
/* Shield-current-induced noise (§13, model.h): a VCVS in series with hot
 * copies the drop jω·ΔM·ℓ·I_shield across a sense inductance ΔM·ℓ in the
 * shield, gain 1. Its polarity (which conductor the drain wire lies
 * nearer) is a choice; ground.c takes the same. The sense inductance's
 * own drop is 0.3 µH for 300 m, 38 mΩ at 20 kHz against 6 Ω of shield:
 * the closed form leaves it out. */
#define SCIN_GAIN 1.0

/* L ≈ (µ0/π) ℓ ln(w/r) (§13). */
double circuit_loop_henry(double length_m)
{
  return MU0 / BALUN_PI * length_m *
         log(BALUN_GROUND_LOOP_SPACING_M / LOOP_WIRE_RADIUS_M);
}

/* A value in [lo, hi], NaN to lo: every part stays finite and non-zero
 * whatever the ports say (the bounds are wider than the ports'). */
static double within(double v, double lo, double hi)
{
  if (!(v >= lo)) return lo;
  return v > hi ? hi : v;
}

static balun_setup sane(const balun_setup *s)
{
  balun_setup t = *s;
  t.length_m = within(s->length_m, 1e-3, 1e4);
  t.capacitance_per_m = within(s->capacitance_per_m, 1e-13, 1e-8);
  t.shield_ohm_per_m = within(s->shield_ohm_per_m, 1e-5, 10.0);
  t.source_ohm = within(s->source_ohm, 1e-3, 1e7);
  t.imbalance_ohm = within(s->imbalance_ohm, 0.0, 1e7);
  t.input_ohm = within(s->input_ohm, 1.0, 1e10);
  t.mismatch = within(s->mismatch, 0.0, 0.5);
  t.ground_v = within(s->ground_v, 0.0, 1e4);
  t.ground_ohm = within(s->ground_ohm, 1e-5, 1e4);
  t.mains_hz = within(s->mains_hz, 1.0, 1e4);
  t.field_t = within(s->field_t, 0.0, 1.0);
  if ((unsigned)t.receiver >= RECEIVER_COUNT) t.receiver = RECEIVER_DIFF_AMP;
  return t;
}

static int add_node(balun_circuit *c, const char *name)
{
  if (c->node_count >= CIRCUIT_MAX_NODES) {
    c->overflow = true;
    return 0;
  }
  snprintf(c->node_name[c->node_count], CIRCUIT_NAME_CHARS, "%s", name);
  return c->node_count++;
}

static int add_node_k(balun_circuit *c, const char *prefix, int k)
{
  char name[CIRCUIT_NAME_CHARS];
  snprintf(name, sizeof name, "%s_%d", prefix, k);
  return add_node(c, name);
}

/* Appends e named `name`. A part between a node and itself (a shorted
 * leg's capacitance) does nothing and is left out. */
static void append(balun_circuit *c, circuit_element e, const char *name)
{
  const bool branch = e.kind == ELEMENT_V || e.kind == ELEMENT_VCVS;
  if (!branch && e.a == e.b) return;
  if (c->element_count >= CIRCUIT_MAX_ELEMENTS ||
      (branch && c->branch_count >= CIRCUIT_MAX_BRANCHES)) {
    c->overflow = true;
    return;
  }
  c->branch_count += branch;
  snprintf(e.name, CIRCUIT_NAME_CHARS, "%s", name);
  c->element[c->element_count++] = e;
}

static void add(balun_circuit *c, circuit_element_kind kind, const char *name,
                int a, int b, double value)
{
  append(c,
         (circuit_element){.kind = kind,
                           .a = a,
                           .b = b,
                           .value = value,
                           .excitation = EXCITATION_NONE},
         name);
}

static void add_source(balun_circuit *c, circuit_element_kind kind,
                       const char *name, int a, int b, double value,
                       circuit_excitation x)
{
  append(c,
         (circuit_element){
             .kind = kind, .a = a, .b = b, .value = value, .excitation = x},
         name);
  c->excited[x] = true;
}

/* V(a) − V(b) = gain · (V(ca) − V(cb)) */
static void add_vcvs(balun_circuit *c, const char *name, int a, int b, int ca,
                     int cb, double gain)
{
  append(c,
         (circuit_element){.kind = ELEMENT_VCVS,
                           .a = a,
                           .b = b,
                           .ca = ca,
                           .cb = cb,
                           .value = gain,
                           .excitation = EXCITATION_NONE},
         name);
}

/* The cable as n sections (§3, §13): series R per conductor, shunt C at
 * the section boundaries, half a section's at each end (pi sections); one
 * section is the closed form's lumped cable, all of C at the far end.
 * No series inductance: §3 puts its effect in the MHz, and the loop's
 * inductance is the ground branch's (circuit_loop_henry). The shield ends
 * where it lands at the receiver; a cold leg shorted by the adapter's plug
 * ends on the shield. *scin_sense: in, whether the shield ends in the
 * sense inductance of the pair's shield-current-induced noise; out, the
 * node before it. */
static void add_cable(balun_circuit *c, const balun_setup *s,
                      const balun_interface *ifc, int n, int hot0, int cold0,
                      int shield_end, int *hot_end, int *cold_end,
                      int *scin_sense)
{
  int hot[CIRCUIT_MAX_SECTIONS + 1], cold[CIRCUIT_MAX_SECTIONS + 1],
      shield[CIRCUIT_MAX_SECTIONS + 1];
  hot[0] = hot0;
  cold[0] = cold0;
  shield[0] = 0; /* pin 1 at the source: its chassis */
  for (int k = 1; k <= n; ++k) {
    hot[k] = add_node_k(c, "hot", k);
    shield[k] = k < n         ? add_node_k(c, "shield", k)
                : *scin_sense ? add_node(c, "shield_scin")
                              : shield_end;
    add(c, ELEMENT_R, "hot", hot[k - 1], hot[k], conductor_ohm(s) / n);
    add(c, ELEMENT_R, "shield", shield[k - 1], shield[k], shield_ohm(s) / n);
    if (!ifc->pair) continue;
    cold[k] = k == n && ifc->cold_receiver == COLD_RECEIVER_SHORTED
                  ? shield_end
                  : add_node_k(c, "cold", k);
    add(c, ELEMENT_R, "cold", cold[k - 1], cold[k], conductor_ohm(s) / n);
  }
  for (int k = n == 1 ? 1 : 0; k <= n; ++k) {
    const double share = n == 1 ? 1.0 : (k == 0 || k == n ? 0.5 : 1.0) / n;
    const double cs = cable_capacitance_farad(s) * share;
    if (!ifc->pair) {
      add(c, ELEMENT_C, "hot_shield", hot[k], shield[k], cs);
      continue;
    }
    add(c, ELEMENT_C, "hot_shield", hot[k], shield[k],
        cs * (1.0 + BALUN_PAIR_CAPACITANCE_UNBALANCE));
    add(c, ELEMENT_C, "cold_shield", cold[k], shield[k], cs);
    add(c, ELEMENT_C, "hot_cold", hot[k], cold[k], cs * PAIR_CC_OVER_CS);
  }
  /* the shield current's drop across ΔM·ℓ (§13, model.h) */
  if (*scin_sense) {
    add(c, ELEMENT_L, "scin_sense", shield[n], shield_end, scin_henry(ifc, s));
    *scin_sense = shield[n];
  }
  *hot_end = hot[n];
  *cold_end = ifc->pair ? cold[n] : -1;
}

/* The receiver's input stage between hot, cold and its signal ground
 * `gnd`, its output at rx_out (§5). */
static void add_receiver(balun_circuit *c, const balun_setup *s,
                         const balun_interface *ifc, int hot, int cold, int gnd)
{
  const int out = add_node(c, "rx_out");
  c->out_node = out;
  if (!ifc->balanced_receiver) { /* R_in to ground, a unity buffer (§3) */
    add(c, ELEMENT_R, "r_in", hot, gnd, ifc->load_ohm);
    add_vcvs(c, "buffer", out, gnd, hot, gnd, 1.0);
    return;
  }
  const balun_receiver_data rx = receiver_data(s->receiver);
  const double delta = rx.trimmed_ratio ? s->mismatch : 0.0;
  if (s->receiver == RECEIVER_DIFF_AMP) {
    /* 4 resistors of Z_cm/2, δ on the reference leg's: out = hot − cold,
     * CMRR ≈ (1+G)/δ (§5) */
    const double r = rx.zcm_ohm / 2.0;
    const int np = add_node(c, "opamp_p"), nm = add_node(c, "opamp_n");
    add(c, ELEMENT_R, "r3_hot", hot, np, r);
    add(c, ELEMENT_R, "r4_ref", np, gnd, r * (1.0 + delta));
    add(c, ELEMENT_R, "r1_cold", cold, nm, r);
    add(c, ELEMENT_R, "r2_feedback", nm, out, r);
    add_vcvs(c, "opamp", out, gnd, np, nm, OPAMP_GAIN);
    return;
  }
  /* High-Z_cm stage or transformer: each leg Z_cm to ground, Z_diff across
   * the legs, an ideal differential output whose leg gains differ by the
   * ratio error δ: common-mode gain δ/2 = δ/(1+G) as cmrr.c's (§5). */
  for (int leg = 0; leg < 2; ++leg) {
    const int node = leg ? cold : hot;
    add(c, ELEMENT_R, leg ? "zcm_cold" : "zcm_hot", node, gnd, rx.zcm_ohm);
    if (rx.zcm_farad > 0.0)
      add(c, ELEMENT_C, leg ? "ccm_cold" : "ccm_hot", node, gnd, rx.zcm_farad);
  }
  /* across the legs: with 2 Z_cm in parallel, within 0.2 % of Z_diff */
  add(c, ELEMENT_R, "zdiff", hot, cold, rx.zdiff_ohm);
  const int half = add_node(c, "rx_half");
  add_vcvs(c, "hot_gain", half, gnd, hot, gnd, 1.0 + delta / 4.0);
  add_vcvs(c, "cold_gain", out, half, gnd, cold, 1.0 - delta / 4.0);
}

/* The source's legs (§1, ports.md "Paths"): per volt of programme EMF a
 * differential pair into a balanced input is driven ±1/2; into an adapter
 * (fake balanced, cold shorted) each leg carries the full scale the
 * receiver hears, ±1; a single-ended source +1. */
static void add_source_legs(balun_circuit *c, const balun_interface *ifc,
                            int hot, int cold)
{
  const bool differential = ifc->cold_source == COLD_SOURCE_DRIVEN;
  const double leg =
      differential && ifc->cold_receiver == COLD_RECEIVER_RECEIVED ? 0.5 : 1.0;
  const int emf_hot = add_node(c, "src_hot");
  add_source(c, ELEMENT_V, "programme_hot", emf_hot, 0, leg,
             EXCITATION_PROGRAMME);
  add(c, ELEMENT_R, "zs_hot", emf_hot, hot, ifc->zs_hot);
  if (differential) {
    const int emf_cold = add_node(c, "src_cold");
    add_source(c, ELEMENT_V, "programme_cold", emf_cold, 0, -leg,
               EXCITATION_PROGRAMME);
    /* interface_of() leaves an adapter's cold leg out (zs_cold 0): the
     * closed form never sees it; here it is the hot leg's twin */
    add(c, ELEMENT_R, "zs_cold", emf_cold, cold,
        ifc->zs_cold > 0.0 ? ifc->zs_cold : ifc->zs_hot);
  }
}

/* Between the chassis (§4, §13): three-prong, V_g and the loop's EMF
 * behind the safety-ground impedance and the loop's self-inductance;
 * two-prong, no earth conductor, a leakage current into the shield at the
 * source that returns at the receiver's chassis. */
static void add_ground_loop(balun_circuit *c, const balun_setup *s,
                            const circuit_options *o, int rx_chassis)
{
  if (o->two_prong) {
    add_source(c, ELEMENT_I, "leakage", rx_chassis, 0, 1.0, EXCITATION_LEAKAGE);
    return;
  }
  const int g1 = add_node(c, "loop_vg"), g2 = add_node(c, "loop_emf");
  add_source(c, ELEMENT_V, "ground", g1, 0, 1.0, EXCITATION_GROUND);
  add_source(c, ELEMENT_V, "loop_emf", g2, g1, 1.0, EXCITATION_LOOP_EMF);
  if (o->resistive_loop) {
    add(c, ELEMENT_R, "ground_z", g2, rx_chassis, s->ground_ohm);
    return;
  }
  const int g3 = add_node(c, "loop_l");
  add(c, ELEMENT_R, "ground_z", g2, g3, s->ground_ohm);
  add(c, ELEMENT_L, "loop_l", g3, rx_chassis, circuit_loop_henry(s->length_m));
}

/* Amplitudes of the unit excitations at the fundamental (§4, §7, §13). */
static void set_scales(balun_circuit *c, const balun_setup *s,
                       const balun_interface *ifc, const circuit_options *o)
{
  const double w0 = 2.0 * BALUN_PI * s->mains_hz;
  const double pair_area = BALUN_PAIR_AREA_PER_M * s->length_m *
                           (ifc->star_quad ? BALUN_STAR_QUAD_REDUCTION : 1.0);
  c->mains_hz = s->mains_hz;
  c->scale[EXCITATION_PROGRAMME] = ifc->full_scale_vrms;
  c->scale[EXCITATION_GROUND] = s->ground_v;
  c->scale[EXCITATION_LOOP_EMF] =
      w0 * s->field_t * s->length_m * BALUN_GROUND_LOOP_SPACING_M;
  c->scale[EXCITATION_LEAKAGE] = within(o->leakage_a, 0.0, 10.0);
  c->scale[EXCITATION_PAIR_EMF] = w0 * s->field_t * pair_area;
  c->rises_with_harmonic[EXCITATION_LOOP_EMF] = true;
  c->rises_with_harmonic[EXCITATION_LEAKAGE] = true;
  c->rises_with_harmonic[EXCITATION_PAIR_EMF] = true;
}

bool circuit_of(balun_path path, const balun_setup *setup,
                const circuit_options *options, balun_circuit *c)
{
  /* the scene's loop, unless the options say otherwise */
  circuit_options scene = options ? *options : (circuit_options){0};
  scene.two_prong = scene.two_prong || setup->two_prong;
  if (!(scene.leakage_a > 0.0)) scene.leakage_a = setup->leakage_a;
  const circuit_options *o = &scene;
  const balun_setup s = sane(setup);
  if ((unsigned)path >= PATH_COUNT) path = PATH_RCA;
  const balun_interface ifc = interface_of(path, &s);
  const int n = o->sections <= 0                     ? CIRCUIT_DEFAULT_SECTIONS
                : o->sections > CIRCUIT_MAX_SECTIONS ? CIRCUIT_MAX_SECTIONS
                                                     : o->sections;
  memset(c, 0, sizeof *c);
  add_node(c, "0");
  const int hot0 = add_node(c, "hot_0");
  const int cold0 = !ifc.pair ? -1
                    : ifc.cold_source == COLD_SOURCE_TO_GROUND
                        ? 0 /* the adapter ties it to the source's ground */
                        : add_node(c, "cold_0");
  add_source_legs(c, &ifc, hot0, cold0);
  const int rx_chassis = add_node(c, "rx_chassis");
  const int rx_signal = add_node(c, "rx_signal");
  const int trace = add_node(c, "rx_trace");
  add(c, ELEMENT_R, "pin1_r", rx_signal, trace, BALUN_PIN1_OHM);
  add(c, ELEMENT_L, "pin1_l", trace, rx_chassis, BALUN_PIN1_HENRY);
  /* where pin 1 lands (§6) */
  c->shield_end = s.pin1_problem ? rx_signal : rx_chassis;
  /* where a receiver hears the pair's difference; an adapter's receiver
   * hears hot against the shield, coax-like, as ground.c has it */
  const bool differential = ifc.pair && ifc.balanced_receiver;
  int hot_end, cold_end, scin_sense = differential && !o->no_scin;
  add_cable(c, &s, &ifc, n, hot0, cold0, c->shield_end, &hot_end, &cold_end,
            &scin_sense);
  int hot_in = hot_end;
  if (differential) {
    /* the pair's residual loop, in series with hot (§7) */
    const int emf = add_node(c, "hot_emf");
    add_source(c, ELEMENT_V, "pair_emf", emf, hot_end, 1.0,
               EXCITATION_PAIR_EMF);
    /* shield-current-induced noise, jω·ΔM·ℓ·I_shield (SCIN_GAIN) */
    hot_in = emf;
    if (scin_sense) {
      hot_in = add_node(c, "hot_in");
      add_vcvs(c, "scin", hot_in, emf, scin_sense, c->shield_end, SCIN_GAIN);
    }
  }
  add_receiver(c, &s, &ifc, hot_in, cold_end, rx_signal);
  c->out_ref = rx_chassis;
  add_ground_loop(c, &s, o, rx_chassis);
  set_scales(c, &s, &ifc, o);
  if (c->overflow) {
    memset(c, 0, sizeof *c);
    return false;
  }
  return true;
}

int circuit_node(const balun_circuit *c, const char *name)
{
  for (int i = 0; i < c->node_count; ++i)
    if (strcmp(c->node_name[i], name) == 0) return i;
  return -1;
}
