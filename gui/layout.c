/* Where everything sits. The view is two columns between a header and the
 * listening bars: on the left what the two paths are (a card each, with
 * its schematic, then the readouts); on the right what they add (the
 * spectrum, the cable and CMRR curves) and the shared controls. */
#include "layout.h"

#include <stddef.h>

#define PAD           8.0
#define GAP           8.0
#define HEADER_H      34.0
#define BAR_H         36.0
#define ROW_H         24.0
#define GROUP_TITLE_H 22.0
#define CARD_TITLE_H  32.0
#define WARNING_H     30.0
#define READOUT_H     (22.0 + 5 * 18.0)
#define SMALL_PLOT_H  104.0
#define LABEL_W       178.0
#define TAGS_W        34.0
#define MENU_ITEM_H   22.0
#define ARROW_W       20.0

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
    {PORT_GROUND_VOLTAGE, CONTROL_SLIDER, GROUP_ENVIRONMENT, true},
    {PORT_GROUND_IMPEDANCE, CONTROL_SLIDER, GROUP_ENVIRONMENT, false},
    {PORT_MAINS_FREQUENCY, CONTROL_SLIDER, GROUP_ENVIRONMENT, false},
    {PORT_BUZZ, CONTROL_SLIDER, GROUP_ENVIRONMENT, false},
    {PORT_MAGNETIC_FIELD, CONTROL_SLIDER, GROUP_ENVIRONMENT, true},
    {PORT_RF_FIELD, CONTROL_SLIDER, GROUP_ENVIRONMENT, true},
    {PORT_RF_SOURCE, CONTROL_CHOICE, GROUP_ENVIRONMENT, false},
    {PORT_PIN1_PROBLEM, CONTROL_TOGGLE, GROUP_ENVIRONMENT, false},
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

/* Height of a column of groups. */
static double column_height(const int *groups, int n)
{
  double h = 0.0;
  for (int g = 0; g < n; ++g) {
    h += GROUP_TITLE_H;
    for (int i = 0; i < ui_n_controls; ++i)
      if (ui_controls[i].group == groups[g])
        h += ui_controls[i].kind == CONTROL_CHOICE ? 2 * ROW_H : ROW_H;
  }
  return h;
}

/* One control row (two for a choice: its name, then the list box). */
static double place_control(ui_layout *l, const control_spec *c, double x,
                            double y, double w)
{
  const balun_port p = c->port;
  const double cx = x + LABEL_W + TAGS_W;
  l->label[p] = (ui_rect){x, y, LABEL_W, ROW_H};
  switch (c->kind) {
  case CONTROL_CHOICE:
    l->label[p].w = w - TAGS_W;
    l->rect[p] = (ui_rect){x, y + ROW_H, w, ROW_H - 3};
    return 2 * ROW_H;
  case CONTROL_TOGGLE: /* the whole row toggles, the name included */
    l->rect[p] = (ui_rect){x, y + 2, w, ROW_H - 4};
    return ROW_H;
  default:
    l->rect[p] = (ui_rect){cx, y + 2, x + w - cx, ROW_H - 4};
    return ROW_H;
  }
}

static double place_groups(ui_layout *l, const int *groups, int n, double x,
                           double y, double w)
{
  for (int g = 0; g < n; ++g) {
    l->group[groups[g]] = (ui_rect){x, y, w, GROUP_TITLE_H};
    y += GROUP_TITLE_H;
    for (int i = 0; i < ui_n_controls; ++i)
      if (ui_controls[i].group == groups[g])
        y += place_control(l, &ui_controls[i], x, y, w);
  }
  return y;
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
  l->listen_bar = (ui_rect){PAD, l->abx_bar.y - GAP, W - 2 * PAD, BAR_H};
  l->listen_bar.y -= BAR_H;

  const ui_rect lb = l->listen_bar;
  static const double listen_w[5] = {44, 44, 44, 150, 150};
  double x = place_buttons(l, HIT_LISTEN_A, 5, listen_w, lb.x + 64, lb);
  l->rect[PORT_LEVEL_MATCH] = (ui_rect){x + 10, lb.y + 5, 126, lb.h - 10};
  x += 10 + 126 + 8;
  l->level_sentence = (ui_rect){x, lb.y + 2, lb.x + lb.w - x - 6, lb.h - 4};

  const ui_rect ab = l->abx_bar;
  static const double count_w[2] = {26, 26};
  place_buttons(l, HIT_ABX_FEWER, 1, count_w, ab.x + 86, ab);
  place_buttons(l, HIT_ABX_MORE, 1, count_w + 1, ab.x + 86 + 26 + 76, ab);
  static const double start_w[1] = {104};
  x = place_buttons(l, HIT_ABX_START, 1, start_w, ab.x + 86 + 26 + 76 + 32, ab);
  static const double answer_w[3] = {118, 118, 64};
  const double right = ab.x + ab.w - 6 - (118 + 118 + 64 + 12);
  place_buttons(l, HIT_ABX_IS_A, 3, answer_w, right, ab);
  l->abx_status = (ui_rect){x + 4, ab.y + 2, right - x - 14, ab.h - 4};
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
  l->rect[PORT_ENABLED] = (ui_rect){W - PAD - 250, 6, 250, HEADER_H - 12};

  place_bars(l, W, H);
  const double top = HEADER_H + PAD / 2;
  const double bottom = l->listen_bar.y - GAP;

  /* Left column: the two path cards, then the readouts. */
  const double left_w = clamp(0.38 * W, 430, 560);
  l->readouts = (ui_rect){PAD, bottom - READOUT_H, left_w, READOUT_H};
  const double card_h = (l->readouts.y - GAP - top - GAP) / 2;
  for (int i = 0; i < 2; ++i) {
    const ui_rect c = {PAD, top + i * (card_h + GAP), left_w, card_h};
    l->card[i] = c;
    l->rect[PORT_PATH_A + i] =
        (ui_rect){c.x + 40, c.y + 5, c.w - 48, CARD_TITLE_H - 9};
    l->warning[i] =
        (ui_rect){c.x + 8, c.y + c.h - 4 - WARNING_H, c.w - 16, WARNING_H};
    const double sy = c.y + CARD_TITLE_H;
    l->schematic[i] =
        (ui_rect){c.x + 6, sy, c.w - 12, l->warning[i].y - 2 - sy};
  }

  /* Right column: spectrum, the two small plots, the controls. */
  const double rx = PAD + left_w + GAP;
  const double rw = W - rx - PAD;
  const double col_w = (rw - GAP) / 2;
  static const int col1[2] = {GROUP_CABLE, GROUP_SOURCE_RECEIVER};
  static const int col2[1] = {GROUP_ENVIRONMENT};
  const double h1 = column_height(col1, 2), h2 = column_height(col2, 1);
  const double block_y = bottom - (h1 > h2 ? h1 : h2);
  place_groups(l, col1, 2, rx, block_y, col_w);
  place_groups(l, col2, 1, rx + col_w + GAP, block_y, col_w);

  const double small_y = block_y - GAP - SMALL_PLOT_H;
  l->cable_plot = (ui_rect){rx, small_y, col_w, SMALL_PLOT_H};
  l->cmrr_plot = (ui_rect){rx + col_w + GAP, small_y, col_w, SMALL_PLOT_H};
  l->spectrum = (ui_rect){rx, top, rw, small_y - GAP - top};
}

ui_hit layout_hit(const ui_layout *l, double x, double y)
{
  for (int i = 0; i < HIT_COUNT; ++i)
    if (l->rect[i].w > 0 && rect_contains(l->rect[i], x, y)) return (ui_hit)i;
  return HIT_NONE;
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
