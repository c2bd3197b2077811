/* Complex modified nodal analysis of a balun_circuit at one frequency
 * (physics.md §13: "solve the network, don't approximate it").
 *
 * Unknowns: the voltages of nodes 1.. (node 0 is the reference), then one
 * branch current per voltage source and VCVS. The system spans 0.01 Ω
 * loops and 10 MΩ common-mode impedances, so it is equilibrated (rows,
 * then columns, by powers of two: exact), factored by LU with partial
 * pivoting, and each solution checked by its residual (in double) and
 * refined once, with a residual accumulated in long double, only where
 * that check asks for it. The matrices are stored row by row with the circuit's
 * size as the stride, so a small circuit's system is small in memory too. */
#include "circuit.h"

#include <float.h>
#include <math.h>
#include <stdalign.h>
#include <string.h>

/* Frequencies the solve accepts: DC and beyond-GHz would make L or C
 * admittances infinite. */
#define F_MIN_HZ 1e-3
#define F_MAX_HZ 1e10

/* Entry (i, j) of a matrix of w's size. */
#define AT(w, m, i, j)                                                         \
  ((w)->m[(size_t)(i) * (size_t)(w)->unknowns + (size_t)(j)])

static size_t round_up(size_t bytes)
{
  const size_t align = alignof(double complex);
  return (bytes + align - 1) / align * align;
}

static int clamp_capacity(int capacity)
{
  if (capacity < 1) return 1;
  return capacity > CIRCUIT_MAX_UNKNOWNS ? CIRCUIT_MAX_UNKNOWNS : capacity;
}

size_t nodal_work_bytes(int capacity)
{
  const size_t n = (size_t)clamp_capacity(capacity);
  return round_up(sizeof(nodal_work)) +
         (2 * n * n + (2 * EXCITATION_COUNT + 1) * n) * sizeof(double complex) +
         2 * n * sizeof(double) + (7 * n + n * n) * sizeof(int);
}

nodal_work *nodal_work_init(void *memory, int capacity)
{
  nodal_work *w = memory;
  const size_t n = (size_t)clamp_capacity(capacity);
  memset(w, 0, sizeof *w);
  w->capacity = (int)n;
  double complex *z =
      (double complex *)((char *)memory + round_up(sizeof(nodal_work)));
  w->a = z, z += n * n;
  w->lu = z, z += n * n;
  for (int e = 0; e < EXCITATION_COUNT; ++e) {
    w->rhs[e] = z, z += n;
    w->x[e] = z, z += n;
  }
  w->r = z, z += n;
  double *d = (double *)z;
  w->row_scale = d, d += n;
  w->col_scale = d, d += n;
  w->pivot = (int *)d;
  w->last = w->pivot + n;
  w->order = w->last + n, w->place = w->order + n, w->degree = w->place + n;
  w->adjacent = w->degree + n;
  w->span = w->adjacent + n * n;
  return w;
}

int circuit_unknowns(const balun_circuit *c)
{
  return c->node_count - 1 + c->branch_count;
}

/* The larger of a running maximum `a` and `b`, a NaN `b` left out, as
 * fmax() does, without its call. */
static inline double larger(double a, double b)
{
  return b > a ? b : a;
}

static double mag1(double complex z)
{
  return fabs(creal(z)) + fabs(cimag(z));
}

/* The power of two nearest 1/m, so scaling never rounds. */
static double inverse_pow2(double m)
{
  if (!(m > 0.0) || !isfinite(m)) return 1.0;
  int e;
  frexp(m, &e);
  return ldexp(1.0, 1 - e);
}

/* ---- the order of the unknowns: reverse Cuthill-McKee over the circuit's
 * graph, so that the ladder's unknowns sit close to their neighbours and
 * the LU's rows stay short (row_extents()) ---- */

/* Adds the edge u-v (unknown indices) to the adjacency lists. */
static void edge(nodal_work *w, int u, int v)
{
  if (u < 0 || v < 0 || u == v) return;
  for (int k = 0; k < w->degree[u]; ++k)
    if (w->adjacent[u * w->capacity + k] == v) return;
  if (w->degree[u] < w->capacity)
    w->adjacent[u * w->capacity + w->degree[u]++] = v;
  if (w->degree[v] < w->capacity)
    w->adjacent[v * w->capacity + w->degree[v]++] = u;
}

/* w->order[new] = old, w->place[old] = new. */
static void order_unknowns(const balun_circuit *c, nodal_work *w)
{
  const int n = circuit_unknowns(c);
  for (int u = 0; u < n; ++u)
    w->degree[u] = 0;
  int k = c->node_count - 1;
  for (int i = 0; i < c->element_count; ++i) {
    const circuit_element *e = &c->element[i];
    switch (e->kind) {
    case ELEMENT_R:
    case ELEMENT_C:
    case ELEMENT_L:
      edge(w, e->a - 1, e->b - 1);
      break;
    case ELEMENT_VCVS: /* its branch joins its nodes as a source's does */
      edge(w, k, e->ca - 1), edge(w, k, e->cb - 1);
      edge(w, k, e->a - 1), edge(w, k, e->b - 1);
      ++k;
      break;
    case ELEMENT_V:
      edge(w, k, e->a - 1), edge(w, k, e->b - 1);
      ++k;
      break;
    case ELEMENT_I:
      break;
    }
  }
  /* breadth first from the lowest degree unplaced unknown, neighbours
   * by rising degree; then reversed */
  for (int u = 0; u < n; ++u)
    w->place[u] = -1;
  int count = 0;
  while (count < n) {
    int start = -1;
    for (int u = 0; u < n; ++u)
      if (w->place[u] < 0 && (start < 0 || w->degree[u] < w->degree[start]))
        start = u;
    w->order[count] = start;
    w->place[start] = count++;
    for (int head = count - 1; head < count; ++head) {
      const int u = w->order[head];
      const int first = count;
      for (int k2 = 0; k2 < w->degree[u]; ++k2) {
        const int v = w->adjacent[u * w->capacity + k2];
        if (w->place[v] >= 0) continue;
        w->order[count] = v;
        w->place[v] = count++;
      }
      for (int a = first + 1; a < count; ++a) /* insertion, by degree */
        for (int b = a;
             b > first && w->degree[w->order[b]] < w->degree[w->order[b - 1]];
             --b) {
          const int t = w->order[b];
          w->order[b] = w->order[b - 1];
          w->order[b - 1] = t;
        }
      for (int a = first; a < count; ++a)
        w->place[w->order[a]] = a;
    }
  }
  for (int a = 0, b = n - 1; a < b; ++a, --b) {
    const int t = w->order[a];
    w->order[a] = w->order[b];
    w->order[b] = t;
  }
  for (int a = 0; a < n; ++a)
    w->place[w->order[a]] = a;
}

static void stamp(nodal_work *w, int row, int col, double complex v)
{
  if (row > 0 && col > 0) AT(w, a, w->place[row - 1], w->place[col - 1]) += v;
}

static void stamp_admittance(nodal_work *w, int a, int b, double complex y)
{
  stamp(w, a, a, y);
  stamp(w, b, b, y);
  stamp(w, a, b, -y);
  stamp(w, b, a, -y);
}

/* The branch row and column of unknown k (k + 1 as stamp() counts) of a
 * source V(a)−V(b). */
static void stamp_branch(nodal_work *w, int k, int a, int b)
{
  stamp(w, a, k + 1, 1.0), stamp(w, k + 1, a, 1.0);
  stamp(w, b, k + 1, -1.0), stamp(w, k + 1, b, -1.0);
}

static void assemble(const balun_circuit *c, double f, nodal_work *w)
{
  const int n = circuit_unknowns(c);
  const double omega = 2.0 * BALUN_PI * f;
  w->unknowns = n;
  memset(w->a, 0, sizeof(double complex) * (size_t)n * (size_t)n);
  for (int e = 0; e < EXCITATION_COUNT; ++e)
    memset(w->rhs[e], 0, sizeof(double complex) * (size_t)n);
  int k = c->node_count - 1;
  for (int i = 0; i < c->element_count; ++i) {
    const circuit_element *e = &c->element[i];
    switch (e->kind) {
    case ELEMENT_R:
      stamp_admittance(w, e->a, e->b, 1.0 / e->value);
      break;
    case ELEMENT_C:
      stamp_admittance(w, e->a, e->b, I * omega * e->value);
      break;
    case ELEMENT_L:
      stamp_admittance(w, e->a, e->b, 1.0 / (I * omega * e->value));
      break;
    case ELEMENT_V:
      stamp_branch(w, k, e->a, e->b);
      if (e->excitation < EXCITATION_COUNT)
        w->rhs[e->excitation][w->place[k]] = e->value;
      ++k;
      break;
    case ELEMENT_VCVS:
      stamp_branch(w, k, e->a, e->b);
      stamp(w, k + 1, e->ca, -e->value);
      stamp(w, k + 1, e->cb, e->value);
      ++k;
      break;
    case ELEMENT_I: /* from a through the source to b */
      if (e->excitation >= EXCITATION_COUNT) break;
      if (e->a > 0) w->rhs[e->excitation][w->place[e->a - 1]] -= e->value;
      if (e->b > 0) w->rhs[e->excitation][w->place[e->b - 1]] += e->value;
      break;
    }
  }
}

/* Row, then column equilibration; the scaled matrix goes to lu. */
static void equilibrate(nodal_work *w)
{
  const int n = w->unknowns;
  for (int j = 0; j < n; ++j)
    w->col_scale[j] = 0.0; /* the columns' largest, first */
  for (int i = 0; i < n; ++i) {
    double m = 0.0;
    int first = n, last = -1; /* the row's non-zero span, for residual() */
    for (int j = 0; j < n; ++j)
      if (AT(w, a, i, j) != 0.0) {
        m = larger(m, mag1(AT(w, a, i, j)));
        first = j < first ? j : first;
        last = j;
      }
    w->row_scale[i] = inverse_pow2(m);
    w->span[2 * i] = first, w->span[2 * i + 1] = last;
    for (int j = first; j <= last; ++j)
      w->col_scale[j] =
          larger(w->col_scale[j], mag1(AT(w, a, i, j)) * w->row_scale[i]);
  }
  for (int j = 0; j < n; ++j)
    w->col_scale[j] = inverse_pow2(w->col_scale[j]);
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j)
      AT(w, lu, i, j) = AT(w, a, i, j) * (w->row_scale[i] * w->col_scale[j]);
}

/* The last column of each row of lu holding a non-zero (-1: none), so
 * the elimination and the back-substitution skip a sparse row's zeros
 * (the cable's ladder makes most of them): the arithmetic on the entries
 * that are not zero is the same, in the same order. */
static void row_extents(nodal_work *w)
{
  const int n = w->unknowns;
  for (int i = 0; i < n; ++i) {
    int last = -1;
    for (int j = 0; j < n; ++j)
      if (AT(w, lu, i, j) != 0.0) last = j;
    w->last[i] = last;
  }
}

/* In-place LU with partial pivoting. A zero pivot (a floating node) is
 * replaced by a tiny one, so the answer stays finite, and flagged. */
static void factor(nodal_work *w)
{
  const int n = w->unknowns;
  w->singular = false;
  row_extents(w);
  for (int k = 0; k < n; ++k) {
    int p = k;
    for (int i = k + 1; i < n; ++i)
      if (mag1(AT(w, lu, i, k)) > mag1(AT(w, lu, p, k))) p = i;
    w->pivot[k] = p;
    double complex *row_k = &AT(w, lu, k, 0);
    if (p != k) {
      double complex *row_p = &AT(w, lu, p, 0);
      const int span = w->last[k] > w->last[p] ? w->last[k] : w->last[p];
      for (int j = 0; j <= span; ++j) {
        const double complex t = row_k[j];
        row_k[j] = row_p[j];
        row_p[j] = t;
      }
      const int t = w->last[k];
      w->last[k] = w->last[p];
      w->last[p] = t;
    }
    if (!(mag1(row_k[k]) > DBL_EPSILON * DBL_EPSILON)) {
      row_k[k] = DBL_EPSILON;
      w->singular = true;
    }
    if (w->last[k] < k) w->last[k] = k;
    const int last = w->last[k];
    const double complex inv = 1.0 / row_k[k];
    for (int i = k + 1; i < n; ++i) {
      double complex *row_i = &AT(w, lu, i, 0);
      if (row_i[k] == 0.0) continue;
      const double complex l = row_i[k] * inv;
      row_i[k] = l;
      for (int j = k + 1; j <= last; ++j)
        row_i[j] -= l * row_k[j];
      if (w->last[i] < last) w->last[i] = last;
    }
    row_k[k] = inv; /* U's diagonal kept as its reciprocal: substitute() */
  }
}

/* Solves LU·y = v in place. */
static void substitute(const nodal_work *w, double complex *v)
{
  const int n = w->unknowns;
  for (int k = 0; k < n; ++k) { /* the rows were swapped whole */
    const int p = w->pivot[k];
    const double complex t = v[k];
    v[k] = v[p];
    v[p] = t;
  }
  for (int k = 0; k < n; ++k) {
    if (v[k] == 0.0) continue;
    for (int i = k + 1; i < n; ++i)
      v[i] -= AT(w, lu, i, k) * v[k];
  }
  for (int k = n - 1; k >= 0; --k) {
    const double complex *row = &AT(w, lu, k, 0);
    for (int j = k + 1; j <= w->last[k]; ++j)
      v[k] -= row[j] * v[j];
    v[k] *= row[k]; /* the reciprocal of U's diagonal */
  }
}

/* r = D_r (b − A x) in double; returns max |r_i|: the check. */
static double residual_check(const nodal_work *w, const double complex *b,
                             const double complex *x, double complex *r)
{
  const int n = w->unknowns;
  double largest = 0.0;
  for (int i = 0; i < n; ++i) {
    double complex sum = b[i];
    const double complex *row = &AT(w, a, i, 0);
    for (int j = w->span[2 * i]; j <= w->span[2 * i + 1]; ++j)
      sum -= row[j] * x[j];
    r[i] = sum * w->row_scale[i];
    largest = larger(largest, mag1(r[i]));
  }
  return largest;
}

/* The same accumulated in long double, for the refinement. */
static double residual(const nodal_work *w, const double complex *b,
                       const double complex *x, double complex *r)
{
  const int n = w->unknowns;
  double largest = 0.0;
  for (int i = 0; i < n; ++i) {
    long double re = creal(b[i]), im = cimag(b[i]);
    for (int j = w->span[2 * i]; j <= w->span[2 * i + 1]; ++j) {
      const double complex a = AT(w, a, i, j);
      if (a == 0.0) continue;
      re -= (long double)creal(a) * creal(x[j]) -
            (long double)cimag(a) * cimag(x[j]);
      im -= (long double)creal(a) * cimag(x[j]) +
            (long double)cimag(a) * creal(x[j]);
    }
    r[i] = ((double)re + (double)im * I) * w->row_scale[i];
    largest = larger(largest, mag1(r[i]));
  }
  return largest;
}

/* The relative residual |D_r(b − Ax)| / (|D_r A D_c|·|D_c⁻¹ x| + |D_r b|),
 * the scaled matrix's entries being at most 1, for the residual `left`. */
static double relative(const nodal_work *w, const double complex *x,
                       double left, double b_norm)
{
  double y_norm = 0.0;
  for (int i = 0; i < w->unknowns; ++i)
    y_norm = larger(y_norm, mag1(x[i]) / w->col_scale[i]);
  const double scale = (double)w->unknowns * y_norm + b_norm;
  return scale > 0.0 ? left / scale : 0.0;
}

/* A solution whose relative residual is under this needs no refinement:
 * a few hundred times double's rounding. */
#define GOOD_ENOUGH 1e-13

/* x = D_c · LU⁻¹ · D_r b, refined once where its residual asks for it;
 * returns the relative residual. */
static double solve_one(nodal_work *w, const double complex *b,
                        double complex *x)
{
  const int n = w->unknowns;
  double complex *r = w->r;
  double b_norm = 0.0;
  for (int i = 0; i < n; ++i) {
    x[i] = b[i] * w->row_scale[i];
    b_norm = larger(b_norm, mag1(x[i]));
  }
  substitute(w, x);
  for (int i = 0; i < n; ++i) {
    x[i] *= w->col_scale[i];
    if (!isfinite(creal(x[i])) || !isfinite(cimag(x[i]))) x[i] = 0.0;
  }
  const double first = relative(w, x, residual_check(w, b, x, r), b_norm);
  if (first < GOOD_ENOUGH) return first;
  residual(w, b, x, r);
  substitute(w, r);
  for (int i = 0; i < n; ++i) {
    x[i] += r[i] * w->col_scale[i];
    if (!isfinite(creal(x[i])) || !isfinite(cimag(x[i]))) x[i] = 0.0;
  }
  return relative(w, x, residual(w, b, x, r), b_norm);
}

nodal_solution nodal_solve(const balun_circuit *c, double f, nodal_work *w)
{
  nodal_solution s = {{0}, 0.0};
  if (c->node_count < 2) return s;
  if (circuit_unknowns(c) > w->capacity) {
    w->unknowns = 0;
    w->residual = s.residual = INFINITY;
    return s;
  }
  if (!(f >= F_MIN_HZ)) f = F_MIN_HZ;
  if (f > F_MAX_HZ) f = F_MAX_HZ;
  order_unknowns(c, w);
  assemble(c, f, w);
  equilibrate(w);
  factor(w);
  w->residual = 0.0;
  for (int e = 0; e < EXCITATION_COUNT; ++e) {
    if (!c->excited[e]) {
      memset(w->x[e], 0, sizeof(double complex) * (size_t)w->unknowns);
      continue;
    }
    w->residual = larger(w->residual, solve_one(w, w->rhs[e], w->x[e]));
    s.out[e] = nodal_node_voltage(w, c->out_node, (circuit_excitation)e) -
               nodal_node_voltage(w, c->out_ref, (circuit_excitation)e);
  }
  s.residual = w->residual;
  return s;
}

double complex nodal_node_voltage(const nodal_work *w, int n,
                                  circuit_excitation e)
{
  if (n <= 0 || n > w->unknowns || e >= EXCITATION_COUNT) return 0.0;
  return w->x[e][w->place[n - 1]];
}
