/* The interconnect as a circuit: a small netlist built from the setup, and
 * its complex nodal solution at a frequency (physics.md §13: "the model
 * should be the circuit, solved").
 *
 * One description of each path's circuit (style.md): the solver solves it,
 * the ngspice test writes it as a netlist, and later the DSP and the
 * schematic read it. No allocation: everything lives in fixed arrays.
 *
 * Nodes (named, node 0 is the reference):
 *   0            the source's chassis, which is also its signal ground
 *   src_hot/cold the source legs' EMFs, behind their output impedances
 *   hot_k/cold_k the cable's conductors at section boundary k = 0..N
 *   shield_k     the shield; shield_0 is node 0 (pin 1 at the source)
 *   shield_scin  a balanced pair's shield before the sense inductance of
 *                its shield-current-induced noise (§13)
 *   hot_emf      hot after the pair's residual loop EMF (§7)
 *   hot_in       ... and after the shield-current-induced noise
 *   rx_chassis   the receiver's chassis: its safety earth lands here, and
 *                the stages after the input (what the DSP hears) take it
 *                as their ground, the star point of the receiver
 *   rx_signal    the input stage's signal ground: its input network and
 *                its output refer to it; an internal trace (10 mΩ + 1.6 µH,
 *                §6) joins it to the star point
 *   rx_out       the input stage's output
 * With a correct pin 1 the shield lands on rx_chassis; with the pin-1
 * problem on rx_signal, so the shield current crosses the trace (§6). The
 * output the DSP would read is V(rx_out) − V(rx_chassis). */
#ifndef BALUN_CIRCUIT_H
#define BALUN_CIRCUIT_H

#include <complex.h>
#include <stdbool.h>
#include <stddef.h>

#include "model.h"

#define CIRCUIT_MAX_NODES    96
#define CIRCUIT_MAX_ELEMENTS 256
/* Voltage sources and VCVS each add a branch current to the unknowns. */
#define CIRCUIT_MAX_BRANCHES     32
#define CIRCUIT_MAX_UNKNOWNS     (CIRCUIT_MAX_NODES + CIRCUIT_MAX_BRANCHES)
#define CIRCUIT_NAME_CHARS       16
#define CIRCUIT_DEFAULT_SECTIONS 8
#define CIRCUIT_MAX_SECTIONS     24

typedef enum {
  ELEMENT_R,   /* value Ω */
  ELEMENT_C,   /* value F */
  ELEMENT_L,   /* value H */
  ELEMENT_V,   /* V(a) − V(b) = value when its excitation is on, else 0 */
  ELEMENT_I,   /* value A flows from a through the source to b */
  ELEMENT_VCVS /* V(a) − V(b) = value · (V(ca) − V(cb)) */
} circuit_element_kind;

/* What drives the circuit. Each is a unit excitation (1 V or 1 A, the
 * programme 1 V of source EMF): one solve gives every response per unit,
 * and superposition adds them with the setup's amplitudes. */
typedef enum {
  EXCITATION_PROGRAMME = 0, /* the source's EMF (legs ±1/2 when balanced) */
  EXCITATION_GROUND,        /* V_g between the chassis (§4) */
  EXCITATION_LOOP_EMF,      /* ωBA around the ground loop (§7) */
  EXCITATION_LEAKAGE,       /* two-prong leakage into the shield (§13) */
  EXCITATION_PAIR_EMF,      /* ωBA of the pair's residual loop (§7) */
  EXCITATION_COUNT,
  EXCITATION_NONE = EXCITATION_COUNT /* passive parts and VCVS */
} circuit_excitation;

typedef struct {
  circuit_element_kind kind;
  int a, b;   /* nodes */
  int ca, cb; /* VCVS: the controlling nodes */
  double value;
  circuit_excitation excitation; /* what drives a V or I; NONE elsewhere */
  char name[CIRCUIT_NAME_CHARS];
} circuit_element;

typedef struct {
  int node_count; /* node 0 included */
  char node_name[CIRCUIT_MAX_NODES][CIRCUIT_NAME_CHARS];
  int element_count;
  circuit_element element[CIRCUIT_MAX_ELEMENTS];
  int branch_count;
  bool overflow; /* the builder ran out of room: the circuit is incomplete */
  /* where the DSP reads, and where the shield arrives */
  int out_node, out_ref, shield_end;
  bool excited[EXCITATION_COUNT]; /* which excitations have a source */
  /* the setup's amplitude of each unit excitation at the mains
   * fundamental (programme: its full scale, V rms); the EMFs and the
   * leakage current rise with the harmonic number */
  double scale[EXCITATION_COUNT];
  bool rises_with_harmonic[EXCITATION_COUNT];
  double mains_hz;
} balun_circuit;

/* How to build it. Zero-initialised options (or NULL) build the scene as
 * the setup has it: its loop type (s->two_prong) and leakage current
 * (s->leakage_a). The others override it for the tests. */
typedef struct {
  int sections;        /* RLC sections of the cable: 0 = default (8); 1 =
                          the closed form's lumped cable, C at the far end */
  bool two_prong;      /* Class II source even if the setup is not */
  double leakage_a;    /* A rms at the fundamental; 0: the setup's */
  bool resistive_loop; /* leave out the ground loop's self-inductance */
  bool no_scin;        /* leave out shield-current-induced noise */
} circuit_options;

/* The circuit of `path` for setup `s`, from interface_of() and
 * receiver_data(). Returns false (and an empty circuit) only if it did not
 * fit, which the capacities rule out for sections <= CIRCUIT_MAX_SECTIONS. */
bool circuit_of(balun_path path, const balun_setup *s,
                const circuit_options *options, balun_circuit *out);

/* Index of the node called `name`, or -1. */
int circuit_node(const balun_circuit *c, const char *name);

/* Self-inductance of the ground loop, H (§13). */
double circuit_loop_henry(double length_m);

/* ---- complex modified nodal analysis (nodal.c) ---- */
/* The solver's work, sized for at most `capacity` unknowns: its matrices
 * are stored row by row with the circuit's own size as the stride, in
 * the memory after the struct (nodal_work_bytes(capacity) in all). One
 * per thread that solves; a circuit with more unknowns than its capacity
 * is not solved (every output 0, residual infinite). */
typedef struct {
  int capacity;
  int unknowns;
  double complex *a, *lu; /* unknowns² each, stride unknowns */
  double complex *rhs[EXCITATION_COUNT], *x[EXCITATION_COUNT], *r;
  double *row_scale, *col_scale;
  int *pivot;
  int *last; /* each row's last non-zero column in lu */
  /* the unknowns' order (nodal.c): order[new] = old, place[old] = new,
   * and the circuit's graph it is found from */
  int *order, *place, *degree, *adjacent;
  int *span;       /* each row of a: its first and last non-zero column */
  double residual; /* largest relative residual after refinement */
  bool singular;   /* a pivot was zero and was replaced */
} nodal_work;

/* Unknowns of the circuit's system: its nodes but node 0, and a branch
 * current per voltage source and VCVS. */
int circuit_unknowns(const balun_circuit *c);
/* Bytes for a nodal_work of `capacity` unknowns (1..CIRCUIT_MAX_UNKNOWNS):
 * 77 KB for the 46 of a default balanced circuit (8 sections), 550 KB
 * for the largest. */
size_t nodal_work_bytes(int capacity);
/* Lays a work of `capacity` unknowns out in `memory` (nodal_work_bytes()
 * of it, aligned as malloc aligns); returns it. */
nodal_work *nodal_work_init(void *memory, int capacity);

/* Receiver output per unit of each excitation at f, V(out) − V(ref). */
typedef struct {
  double complex out[EXCITATION_COUNT];
  double residual;
} nodal_solution;

nodal_solution nodal_solve(const balun_circuit *c, double f, nodal_work *w);
/* After nodal_solve(): the voltage of node n (relative to node 0) per unit
 * of excitation e. */
double complex nodal_node_voltage(const nodal_work *w, int n,
                                  circuit_excitation e);

/* ---- figures from the solve (circuit_figures.c) ---- */
/* Programme at the receiver output per volt of full-scale programme:
 * 1 in a lossless passband, for every path. */
double complex circuit_signal(const balun_circuit *c, double f, nodal_work *w);
/* Hum at the receiver output per volt of V_g at frequency f. */
double complex circuit_hum_per_volt(const balun_circuit *c, double f,
                                    nodal_work *w);
/* The hum line at harmonic n, V rms: every excitation of the environment
 * at its amplitude (scale, mains_harmonic(), rising 6 dB/oct where it
 * does), added as phasors. */
double complex circuit_hum_harmonic(const balun_circuit *c, int n, double buzz,
                                    nodal_work *w);
/* A_dm / A_cm of the whole interface (§13): the programme's gain per volt
 * of differential EMF over the hum per volt of common-mode voltage (the
 * shield's drop from the ground loop at the receiver), in dB. */
double circuit_cmrr_db(const balun_circuit *c, double f, nodal_work *w);
/* The same from a solution at f already made (and w still holding it). */
double circuit_cmrr_of(const balun_circuit *c, const nodal_solution *s,
                       const nodal_work *w);
/* −3 dB point of |H(f)| against |H(20 Hz)|: bracketed by steps of ×4,
 * then regula falsi in log f; 1e10 Hz if it does not fall that far
 * below. */
double circuit_corner_hz(const balun_circuit *c, nodal_work *w);
/* The same within a bracket: |H(lo)| > target >= |H(hi)|, target being
 * |H(20 Hz)|/√2. */
double circuit_corner_in(const balun_circuit *c, double target, double lo,
                         double hi, nodal_work *w);

#endif
