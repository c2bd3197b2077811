/* Where everything sits. Between a header and the listening bars, two
 * columns: on the left what the two paths are (a card each, with its
 * schematic, then the readouts); on the right what they add (the spectrum,
 * as large as the rest allows) above the panel of the shared controls,
 * which has the cable and CMRR curves at its right. The controls are in
 * tabs, a group at a time, unless every group fits with the spectrum
 * still large. */
#include "layout.h"

#include <stddef.h>

#define PAD           6.0
#define GAP           6.0
#define HEADER_H      28.0
#define BAR_H         34.0
#define ROW_H         22.0
#define GROUP_TITLE_H 22.0
#define TAB_H         26.0 /* the row of tabs, the gap below included */
#define INSET         6.0  /* inside the controls' panel */
#define CARD_TITLE_H  26.0
#define WARNING_H     30.0
#define READOUT_H     (4.0 + 8 * 15.0) /* the heads, 7 rows */
#define LEFT_MIN_W    372.0
#define LEFT_MAX_W    560.0
#define LABEL_W       178.0
#define TAGS_W        34.0
#define COLUMN_MIN_W  (LABEL_W + TAGS_W + 100.0)
#define PLOTS_MIN_W   230.0
#define PLOTS_MAX_W   420.0
#define PLOTS_MIN_H   198.0 /* the two, one above the other */
#define MENU_ITEM_H   22.0
#define ARROW_W       20.0

const group_info ui_groups[GROUP_COUNT] = {
    {"Cable", "tab_cable", 58},
    {"Source & receiver", "tab_source_receiver", 140},
    {"Ground", "tab_ground", 68},
    {"Fields", "tab_fields", 60},
    {"Headphones", "tab_headphones", 97},
    {"Amplifier", "tab_amplifier", 82},
};

const control_spec ui_controls[] = {
    {PORT_ENABLED, CONTROL_TOGGLE, -1, false},
    {PORT_PATH_A, CONTROL_CHOICE, -1, false},
    {PORT_PATH_B, CONTROL_CHOICE, -1, false},
    {PORT_LEVEL_MATCH, CONTROL_TOGGLE, -1, false},
    {PORT_CABLE_LENGTH, CONTROL_SLIDER, GROUP_CABLE, false},
    {PORT_CABLE_CAPACITANCE, CONTROL_SLIDER, GROUP_CABLE, false},
    {PORT_SHIELD_RESISTANCE, CONTROL_SLIDER, GROUP_CABLE, false},
    {PORT_STAR_QUAD, CONTROL_TOGGLE, GROUP_CABLE, false},
    {PORT_SOURCE_IMPEDANCE, CONTROL_SLIDER, GROUP_SOURCE_RECEIVER, false},
    {PORT_SOURCE_IMBALANCE, CONTROL_SLIDER, GROUP_SOURCE_RECEIVER, true},
    {PORT_INPUT_IMPEDANCE, CONTROL_SLIDER, GROUP_SOURCE_RECEIVER, false},
    {PORT_RECEIVER, CONTROL_CHOICE, GROUP_SOURCE_RECEIVER, false},
    {PORT_RECEIVER_MISMATCH, CONTROL_SLIDER, GROUP_SOURCE_RECEIVER, false},
    {PORT_PIN1_PROBLEM, CONTROL_TOGGLE, GROUP_SOURCE_RECEIVER, false},
    {PORT_INPUT_CLIP_LEVEL, CONTROL_SLIDER, GROUP_SOURCE_RECEIVER, false},
    {PORT_LOOP_TYPE, CONTROL_CHOICE, GROUP_GROUND, false},
    {PORT_GROUND_VOLTAGE, CONTROL_SLIDER, GROUP_GROUND, true},
    {PORT_GROUND_IMPEDANCE, CONTROL_SLIDER, GROUP_GROUND, false},
    {PORT_LEAKAGE_CURRENT, CONTROL_SLIDER, GROUP_GROUND, true},
    {PORT_MAINS_FREQUENCY, CONTROL_SLIDER, GROUP_GROUND, false},
    {PORT_BUZZ, CONTROL_SLIDER, GROUP_GROUND, false},
    {PORT_HUM_DRIFT, CONTROL_SLIDER, GROUP_GROUND, false},
    {PORT_MAGNETIC_FIELD, CONTROL_SLIDER, GROUP_FIELDS, true},
    {PORT_RF_FIELD, CONTROL_SLIDER, GROUP_FIELDS, true},
    {PORT_RF_SOURCE, CONTROL_CHOICE, GROUP_FIELDS, false},
    {PORT_HEADPHONE_A, CONTROL_CHOICE, GROUP_HEADPHONES, false},
    {PORT_HEADPHONE_B, CONTROL_CHOICE, GROUP_HEADPHONES, false},
    {PORT_HEADPHONE_LOAD, CONTROL_CHOICE, GROUP_HEADPHONES, false},
    {PORT_HEADPHONE_IMPEDANCE, CONTROL_SLIDER, GROUP_HEADPHONES, false},
    {PORT_HEADPHONE_SENSITIVITY, CONTROL_SLIDER, GROUP_HEADPHONES, false},
    {PORT_HEADPHONE_VOLUME, CONTROL_SLIDER, GROUP_HEADPHONES, false},
    {PORT_AMP_MAX_VOLTAGE, CONTROL_SLIDER, GROUP_AMPLIFIER, false},
    {PORT_AMP_OUTPUT_IMPEDANCE, CONTROL_SLIDER, GROUP_AMPLIFIER, false},
    {PORT_AMP_NOISE, CONTROL_SLIDER, GROUP_AMPLIFIER, false},
    {PORT_RETURN_RESISTANCE, CONTROL_SLIDER, GROUP_AMPLIFIER, false},
};
const int ui_n_controls = sizeof(ui_controls) / sizeof(ui_controls[0]);

const control_spec *control_of(balun_port port)
{
  for (int i = 0; i < ui_n_controls; ++i)
    if (ui_controls[i].port == port) return &ui_controls[i];
  return NULL;
}

bool rect_contains(ui_rect r, double x, double y)
{
  return x >= r.x && x < r.x + r.w && y >= r.y && y < r.y + r.h;
}

bool rects_overlap(ui_rect a, ui_rect b)
{
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h &&
         b.y < a.y + a.h;
}

bool rect_inside(ui_rect a, ui_rect b)
{
  return a.x >= b.x && a.y >= b.y && a.x + a.w <= b.x + b.w &&
         a.y + a.h <= b.y + b.h;
}

ui_rect rect_inset(ui_rect r, double dx, double dy)
{
  return (ui_rect){r.x + dx, r.y + dy, r.w - 2 * dx, r.h - 2 * dy};
}

ui_rect choice_arrow(ui_rect r, int direction)
{
  return direction < 0 ? (ui_rect){r.x, r.y, ARROW_W, r.h}
                       : (ui_rect){r.x + r.w - ARROW_W, r.y, ARROW_W, r.h};
}

static double clamp(double v, double lo, double hi)
{
  return v < lo ? lo : v > hi ? hi : v;
}

static double control_height(const control_spec *c)
{
  return c->kind == CONTROL_CHOICE ? 2 * ROW_H : ROW_H;
}

/* One control row (two for a choice: its name, then the list box). */
static void place_control(ui_layout *l, const control_spec *c, double x,
                          double y, double w)
{
  const balun_port p = c->port;
  const double cx = x + LABEL_W + TAGS_W;
  l->label[p] = (ui_rect){x, y, LABEL_W, ROW_H};
  switch (c->kind) {
  case CONTROL_CHOICE:
    l->label[p].w = w - TAGS_W;
    l->rect[p] = (ui_rect){x, y + ROW_H, w, ROW_H - 3};
    break;
  case CONTROL_TOGGLE: /* the whole row toggles, the name included */
    l->rect[p] = (ui_rect){x, y + 2, w, ROW_H - 4};
    break;
  default:
    l->rect[p] = (ui_rect){cx, y + 2, x + w - cx, ROW_H - 4};
    break;
  }
}

/* What goes down a column whole: a group with its title, or a control. */
#define MAX_UNITS 64
_Static_assert(sizeof(ui_controls) / sizeof(ui_controls[0]) + GROUP_COUNT <=
                   MAX_UNITS,
               "more controls than flow() has room for");
typedef struct {
  int group, control; /* the control, or -1 for the whole group */
  double h;
} flow_unit;

/* The units of groups[0..n): whole groups with titles, else controls. */
static int flow_units(const int *groups, int n, bool titles, flow_unit *u)
{
  int count = 0;
  for (int k = 0; k < n; ++k) {
    if (titles) u[count++] = (flow_unit){groups[k], -1, GROUP_TITLE_H};
    for (int i = 0; i < ui_n_controls; ++i)
      if (ui_controls[i].group == groups[k]) {
        const double h = control_height(&ui_controls[i]);
        if (titles)
          u[count - 1].h += h;
        else
          u[count++] = (flow_unit){groups[k], i, h};
      }
  }
  return count;
}

/* Packs units down columns no taller than `limit`, in order; the column
 * each unit starts (in *column_of) and the columns used. */
static int pack(const flow_unit *u, int n, double limit, int *column_of)
{
  int column = 0;
  double y = 0.0;
  for (int i = 0; i < n; ++i) {
    if (y > 0 && y + u[i].h > limit + 0.5) {
      ++column;
      y = 0.0;
    }
    column_of[i] = column;
    y += u[i].h;
  }
  return column + 1;
}

/* Lays the controls of groups[0..n) down `columns` columns of `body`, each
 * group under its title if `titles` (a group then stays in one column),
 * the columns as even as the units allow; places them when l is given.
 * Returns the height of the tallest column. */
static double flow(ui_layout *l, const int *groups, int n, bool titles,
                   ui_rect body, int columns)
{
  flow_unit u[MAX_UNITS];
  int column_of[MAX_UNITS];
  const int count = flow_units(groups, n, titles, u);
  double total = 0.0, tallest_unit = 0.0;
  for (int i = 0; i < count; ++i) {
    total += u[i].h;
    tallest_unit = u[i].h > tallest_unit ? u[i].h : tallest_unit;
  }
  double limit = total / columns;
  limit = limit > tallest_unit ? limit : tallest_unit;
  while (pack(u, count, limit, column_of) > columns)
    limit += ROW_H;
  const double col_w = (body.w - (columns - 1) * GAP) / columns;
  double y = 0.0, tallest = 0.0;
  for (int i = 0; i < count; ++i) {
    if (i > 0 && column_of[i] != column_of[i - 1]) y = 0.0;
    const double x = body.x + column_of[i] * (col_w + GAP);
    if (u[i].control >= 0) {
      if (l) place_control(l, &ui_controls[u[i].control], x, body.y + y, col_w);
      y += u[i].h;
    } else {
      if (l)
        l->group[u[i].group] = (ui_rect){x, body.y + y, col_w, GROUP_TITLE_H};
      y += GROUP_TITLE_H;
      for (int c = 0; c < ui_n_controls; ++c)
        if (ui_controls[c].group == u[i].group) {
          if (l) place_control(l, &ui_controls[c], x, body.y + y, col_w);
          y += control_height(&ui_controls[c]);
        }
    }
    tallest = y > tallest ? y : tallest;
  }
  return tallest;
}

/* The panel of the controls at the bottom of the right-hand column, x..x+w
 * and at most `room` tall above `bottom`: its tabs or group titles, the
 * controls, the two small plots at its right. Returns its top. */
static double place_controls(ui_layout *l, double x, double w, double bottom,
                             double room)
{
  const double plots_w = clamp(0.4 * w, PLOTS_MIN_W, PLOTS_MAX_W);
  const double body_w = w - 2 * INSET - GAP - plots_w;
  int columns = (int)((body_w + GAP) / (COLUMN_MIN_W + GAP));
  columns = columns < 1 ? 1 : columns;
  int all[GROUP_COUNT];
  for (int g = 0; g < GROUP_COUNT; ++g)
    all[g] = g;
  const ui_rect measure = {0, 0, body_w, 0};
  double body_h = flow(NULL, all, GROUP_COUNT, true, measure, columns);
  /* Every group at once only if the spectrum stays the largest panel. */
  l->tabs = body_h + 2 * INSET > (room - GAP) / 2;
  if (l->tabs) {
    body_h = 0.0;
    for (int g = 0; g < GROUP_COUNT; ++g) {
      const double h = flow(NULL, &all[g], 1, false, measure, columns);
      body_h = h > body_h ? h : body_h;
    }
  }
  body_h = body_h > PLOTS_MIN_H ? body_h : PLOTS_MIN_H;
  const double head = l->tabs ? TAB_H : 0.0;
  const double top = bottom - (head + body_h + 2 * INSET);
  l->controls = (ui_rect){x, top, w, bottom - top};
  const ui_rect body = {x + INSET, top + INSET + head, body_w, body_h};
  double tabs_end = x;
  if (l->tabs) {
    for (int g = 0; g < GROUP_COUNT; ++g) {
      tabs_end += g ? 4 : INSET;
      l->rect[HIT_TAB + g] =
          (ui_rect){tabs_end, top + INSET, ui_groups[g].tab_w, TAB_H - 6};
      flow(l, &all[g], 1, false, body, columns); /* all in the same place */
      tabs_end += ui_groups[g].tab_w;
    }
  } else {
    flow(l, all, GROUP_COUNT, true, body, columns);
  }
  /* The plots beside the tabs, or below them if the tabs reach that far. */
  const double px = x + w - INSET - plots_w;
  const double py = tabs_end + GAP > px ? body.y : top + INSET;
  const double ph = (top + l->controls.h - INSET - py - GAP) / 2;
  l->cable_plot = (ui_rect){px, py, plots_w, ph};
  l->cmrr_plot = (ui_rect){px, py + ph + GAP, plots_w, ph};
  return top;
}

/* A row of buttons from x, each w wide; returns the x after them. */
static double place_buttons(ui_layout *l, ui_hit first, int n, const double *w,
                            double x, ui_rect bar)
{
  for (int i = 0; i < n; ++i) {
    l->rect[first + i] = (ui_rect){x, bar.y + 5, w[i], bar.h - 10};
    x += w[i] + 6.0;
  }
  return x;
}

static void place_bars(ui_layout *l, double W, double H)
{
  l->abx_bar = (ui_rect){PAD, H - PAD - BAR_H, W - 2 * PAD, BAR_H};
  l->listen_bar =
      (ui_rect){PAD, l->abx_bar.y - GAP - BAR_H, W - 2 * PAD, BAR_H};

  const ui_rect lb = l->listen_bar;
  l->listen_title = (ui_rect){lb.x + 10, lb.y, 46, lb.h};
  static const double listen_w[5] = {40, 40, 40, 124, 124};
  double x = place_buttons(l, HIT_LISTEN_A, 5, listen_w, lb.x + 60, lb);
  l->rect[PORT_LEVEL_MATCH] = (ui_rect){x + 2, lb.y + 5, 100, lb.h - 10};
  x += 2 + 100 + 8;
  l->level_sentence = (ui_rect){x, lb.y + 2, lb.x + lb.w - x - 6, lb.h - 4};

  const ui_rect ab = l->abx_bar;
  l->abx_title = (ui_rect){ab.x + 10, ab.y, 72, ab.h};
  static const double count_w[2] = {26, 26};
  x = place_buttons(l, HIT_ABX_FEWER, 1, count_w, ab.x + 86, ab);
  x = place_buttons(l, HIT_ABX_MORE, 1, count_w + 1, x + 56, ab);
  static const double start_w[1] = {84};
  x = place_buttons(l, HIT_ABX_START, 1, start_w, x + 2, ab);
  static const double answer_w[3] = {84, 84, 56};
  const double right = ab.x + ab.w - 6 - (84 + 84 + 56 + 12);
  place_buttons(l, HIT_ABX_IS_A, 3, answer_w, right, ab);
  l->abx_status = (ui_rect){x + 2, ab.y + 2, right - x - 10, ab.h - 4};
}

void layout_compute(ui_layout *l, double width, double height)
{
  *l = (ui_layout){0};
  const double W = width > UI_MIN_WIDTH ? width : UI_MIN_WIDTH;
  const double H = height > UI_MIN_HEIGHT ? height : UI_MIN_HEIGHT;
  l->width = W;
  l->height = H;

  l->header = (ui_rect){0, 0, W, HEADER_H};
  l->title = (ui_rect){PAD + 4, 0, 520, HEADER_H};
  l->rect[PORT_ENABLED] = (ui_rect){W - PAD - 250, 5, 250, HEADER_H - 10};

  place_bars(l, W, H);
  const double top = HEADER_H + 2;
  const double bottom = l->listen_bar.y - GAP;

  /* Left column: the two path cards, then the readouts. */
  const double left_w = clamp(0.38 * W, LEFT_MIN_W, LEFT_MAX_W);
  l->readouts = (ui_rect){PAD, bottom - READOUT_H, left_w, READOUT_H};
  const double card_h = (l->readouts.y - GAP - top - GAP) / 2;
  for (int i = 0; i < 2; ++i) {
    const ui_rect c = {PAD, top + i * (card_h + GAP), left_w, card_h};
    l->card[i] = c;
    l->badge[i] = (ui_rect){c.x + 8, c.y + 4, 26, CARD_TITLE_H - 8};
    l->rect[PORT_PATH_A + i] =
        (ui_rect){c.x + 40, c.y + 4, c.w - 48, CARD_TITLE_H - 7};
    l->warning[i] =
        (ui_rect){c.x + 8, c.y + c.h - 3 - WARNING_H, c.w - 16, WARNING_H};
    const double sy = c.y + CARD_TITLE_H;
    l->schematic[i] =
        (ui_rect){c.x + 6, sy, c.w - 12, l->warning[i].y - 2 - sy};
  }

  /* Right column: the spectrum above the controls' panel. */
  const double rx = PAD + left_w + GAP;
  const double rw = W - rx - PAD;
  const double block_y = place_controls(l, rx, rw, bottom, bottom - top);
  l->spectrum = (ui_rect){rx, top, rw, block_y - GAP - top};
  l->result = (ui_rect){rx, top, rw, bottom - top};
}

bool layout_shows(const ui_layout *l, int tab, ui_hit hit)
{
  if (hit < 0 || hit >= HIT_COUNT || l->rect[hit].w <= 0) return false;
  if (!l->tabs || hit >= (ui_hit)PORT_COUNT) return true;
  const control_spec *c = control_of((balun_port)hit);
  return !c || c->group < 0 || c->group == tab;
}

ui_hit layout_hit(const ui_layout *l, int tab, double x, double y)
{
  for (int i = 0; i < HIT_COUNT; ++i)
    if (layout_shows(l, tab, (ui_hit)i) && rect_contains(l->rect[i], x, y))
      return (ui_hit)i;
  return HIT_NONE;
}

const char *hit_name(ui_hit hit)
{
  static const char *const buttons[HIT_TAB - HIT_LISTEN_A] = {
      "listen_a",
      "listen_b",
      "listen_x",
      "listen_a_interference",
      "listen_b_interference",
      "abx_fewer",
      "abx_more",
      "abx_start",
      "abx_is_a",
      "abx_is_b",
      "abx_stop"};
  if (hit < 0 || hit >= HIT_COUNT) return NULL;
  if (hit < (ui_hit)PORT_COUNT) return balun_ports[hit].symbol;
  if (hit < HIT_TAB) return buttons[hit - HIT_LISTEN_A];
  return ui_groups[hit - HIT_TAB].name;
}

ui_rect layout_menu(const ui_layout *l, balun_port port, int n_items)
{
  const ui_rect c = l->rect[port];
  ui_rect m = {c.x, c.y + c.h, c.w, n_items * MENU_ITEM_H + 4};
  if (m.y + m.h > l->height - 2) m.y = c.y - m.h;
  return m;
}

int layout_menu_item(const ui_layout *l, balun_port port, int n_items, double x,
                     double y)
{
  const ui_rect m = layout_menu(l, port, n_items);
  if (!rect_contains(m, x, y)) return -1;
  const int i = (int)((y - m.y - 2) / MENU_ITEM_H);
  return i >= 0 && i < n_items ? i : -1;
}
