/* Listening: what the listen port plays, level matching explained, and
 * the blind ABX test. During a test the buttons show what the listener
 * picked (A, B or X), never the listen port, which would give X away. */
#include "listening.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "draw.h"
#include "format.h"
#include "port_io.h"

/* p below this: "unlikely to be guessing". */
#define SIGNIFICANCE 0.05

static bool running(const balun_ui *ui)
{
  return abx_phase_of(ui->abx) == ABX_RUNNING;
}

/* Plays A, B or the hidden X. */
static void listen_to(balun_ui *ui, abx_pick pick)
{
  ui->pick = pick;
  const float v = pick == PICK_A   ? 0.0f
                  : pick == PICK_B ? 1.0f
                                   : (float)abx_x_path(ui->abx);
  port_write(ui, PORT_LISTEN, v);
}

static void start_test(balun_ui *ui)
{
  /* Seeded from the wall clock and the moment of the click. */
  const uint64_t seed = (uint64_t)time(NULL) * 1000003u ^
                        (uint64_t)(ui->now * 1e9) ^ (uint64_t)(uintptr_t)ui;
  memcpy(ui->abx_settings, ui->value, sizeof(ui->abx_settings));
  ui->abx_disturbed = false;
  abx_start(ui->abx, ui->abx_trials, seed);
  listen_to(ui, PICK_A);
}

void listening_press(balun_ui *ui, ui_hit hit)
{
  const bool on = running(ui);
  switch (hit) {
  case HIT_LISTEN_A:
  case HIT_LISTEN_B:
    if (on)
      listen_to(ui, hit == HIT_LISTEN_A ? PICK_A : PICK_B);
    else
      port_write(ui, PORT_LISTEN, hit == HIT_LISTEN_A ? 0.0f : 1.0f);
    break;
  case HIT_LISTEN_X:
    if (on) listen_to(ui, PICK_X);
    break;
  case HIT_LISTEN_A_INTERFERENCE:
  case HIT_LISTEN_B_INTERFERENCE:
    if (!on) port_write(ui, PORT_LISTEN, hit - HIT_LISTEN_A_INTERFERENCE + 2);
    break;
  case HIT_ABX_FEWER:
  case HIT_ABX_MORE:
    if (on) break;
    ui->abx_trials += hit == HIT_ABX_MORE ? 1 : -1;
    ui->abx_trials = ui->abx_trials < ABX_MIN_TRIALS   ? ABX_MIN_TRIALS
                     : ui->abx_trials > ABX_MAX_TRIALS ? ABX_MAX_TRIALS
                                                       : ui->abx_trials;
    break;
  case HIT_ABX_START:
    if (!on) start_test(ui);
    break;
  case HIT_ABX_IS_A:
  case HIT_ABX_IS_B:
    if (!on) break;
    abx_answer(ui->abx, hit == HIT_ABX_IS_A ? ABX_A : ABX_B);
    listen_to(ui, PICK_A); /* every trial starts on A */
    break;
  case HIT_ABX_STOP:
    abx_stop(ui->abx);
    break;
  default:
    return;
  }
  ui->dirty = true;
}

void listening_key(balun_ui *ui, uint32_t key)
{
  static const struct {
    uint32_t key;
    ui_hit hit;
  } shortcuts[] = {{'a', HIT_LISTEN_A},
                   {'b', HIT_LISTEN_B},
                   {'x', HIT_LISTEN_X},
                   {'1', HIT_ABX_IS_A},
                   {'2', HIT_ABX_IS_B}};
  for (size_t i = 0; i < sizeof(shortcuts) / sizeof(shortcuts[0]); ++i)
    if (shortcuts[i].key == key) listening_press(ui, shortcuts[i].hit);
}

/* Listen is not a setting: a host may echo our own writes to it late. */
void listening_port_changed(balun_ui *ui, balun_port port)
{
  if (running(ui) && port != PORT_LISTEN &&
      ui->value[port] != ui->abx_settings[port])
    ui->abx_disturbed = true;
}

/* ---- drawing ---- */

static bool button_enabled(const balun_ui *ui, ui_hit hit)
{
  const abx_phase phase = abx_phase_of(ui->abx);
  switch (hit) {
  case HIT_LISTEN_X:
  case HIT_ABX_IS_A:
  case HIT_ABX_IS_B:
    return phase == ABX_RUNNING;
  case HIT_LISTEN_A_INTERFERENCE:
  case HIT_LISTEN_B_INTERFERENCE:
  case HIT_ABX_FEWER:
  case HIT_ABX_MORE:
  case HIT_ABX_START:
    return phase != ABX_RUNNING;
  case HIT_ABX_STOP:
    return phase != ABX_IDLE;
  default:
    return true;
  }
}

static bool button_lit(const balun_ui *ui, ui_hit hit)
{
  if (running(ui)) return hit == HIT_LISTEN_A + (ui_hit)ui->pick;
  const int listen = (int)ui->value[PORT_LISTEN];
  return hit >= HIT_LISTEN_A && hit <= HIT_LISTEN_B_INTERFERENCE &&
         hit != HIT_LISTEN_X &&
         listen ==
             (hit < HIT_LISTEN_X ? hit - HIT_LISTEN_A : hit - HIT_LISTEN_A - 1);
}

static void draw_button(balun_ui *ui, cairo_t *cr, ui_hit hit, const char *text)
{
  const ui_rect r = ui->layout.rect[hit];
  const bool enabled = button_enabled(ui, hit), lit = button_lit(ui, hit);
  const bool hot = enabled && (ui->hover == hit || ui->pressed == hit);
  draw_panel(cr, r, lit ? COLOUR_ACTIVE : COLOUR_WELL,
             hot ? COLOUR_DIM_TEXT : COLOUR_EDGE);
  set_colour(cr, COLOUR_TEXT, enabled ? 1 : 0.35);
  draw_text(cr, text, rect_inset(r, 4, 0), TEXT_BODY, lit, ALIGN_CENTRE);
}

static void draw_level_sentence(balun_ui *ui, cairo_t *cr)
{
  const balun_interface rca = interface_of(PATH_RCA, &ui->setup);
  const double xlr =
      20 * log10(interface_of(PATH_XLR_CONSUMER, &ui->setup).full_scale_vrms /
                 rca.full_scale_vrms);
  const double pro =
      20 * log10(interface_of(PATH_XLR_PRO, &ui->setup).full_scale_vrms /
                 rca.full_scale_vrms);
  char text[256];
  if (ui->value[PORT_LEVEL_MATCH] >= 0.5f)
    snprintf(text, sizeof(text),
             "On: every path plays at the same level at 1 kHz, so neither "
             "wins by being louder.");
  else
    snprintf(text, sizeof(text),
             "Off: levels as a fixed-gain receiver hears them (XLR %+.1f dB, "
             "pro %+.1f dB over RCA); louder tends to sound better.",
             xlr, pro);
  set_colour(cr, COLOUR_DIM_TEXT, 1);
  draw_wrapped_centred(cr, text, ui->layout.level_sentence, TEXT_SMALL, false);
}

static void draw_status(balun_ui *ui, cairo_t *cr)
{
  char text[256];
  const int done = abx_answered(ui->abx), n = abx_trials(ui->abx);
  int correct = 0;
  switch (abx_phase_of(ui->abx)) {
  case ABX_IDLE:
    snprintf(text, sizeof(text),
             "Each trial X is A or B at random. Keys: A, B, X to listen; "
             "1 answers X is A, 2 X is B.");
    break;
  case ABX_RUNNING:
    snprintf(text, sizeof(text),
             "Trial %d of %d: hear A, B and X as often as you like, then "
             "answer.%s",
             done + 1, n,
             ui->abx_disturbed ? " Settings changed during the test!" : "");
    break;
  case ABX_FINISHED:
    abx_score(ui->abx, &correct);
    snprintf(text, sizeof(text), "Done: %d of %d correct, p = %.3g.", correct,
             n, abx_p_value(correct, n));
    break;
  }
  set_colour(cr, ui->abx_disturbed ? COLOUR_WARN : COLOUR_DIM_TEXT, 1);
  draw_wrapped_centred(cr, text, ui->layout.abx_status, TEXT_SMALL, false);
}

/* Every setting that is not at its default, for the result's record. */
static void settings_summary(const float *v, char *out, size_t size)
{
  size_t used = 0;
  out[0] = 0;
  for (int p = PORT_CABLE_LENGTH; p < PORT_COUNT; ++p) {
    if (!port_is_control(p) || v[p] == balun_ports[p].fallback) continue;
    char value[48];
    format_value((balun_port)p, v[p], value, sizeof(value));
    used += (size_t)snprintf(out + used, size - used, "%s%s %s",
                             used ? ", " : "", balun_ports[p].name, value);
    if (used >= size) return;
  }
  if (!used) snprintf(out, size, "every other setting at its default");
}

void listening_draw_result(balun_ui *ui, cairo_t *cr)
{
  int correct = 0;
  if (!abx_score(ui->abx, &correct)) return;
  const int n = abx_trials(ui->abx);
  const double p = abx_p_value(correct, n);
  const float *v = ui->abx_settings;
  const ui_rect r = ui->layout.result;
  draw_panel(cr, r, COLOUR_BG, COLOUR_TEXT);
  ui_rect t = rect_inset(r, 14, 10);
  char text[1024];
  snprintf(text, sizeof(text), "ABX result: %d of %d correct", correct, n);
  set_colour(cr, COLOUR_TEXT, 1);
  t.y += draw_wrapped(cr, text, t, TEXT_TITLE, true) + 4;
  snprintf(text, sizeof(text),
           "p = %.4f: the chance of %d or more right out of %d by guessing "
           "(one-sided binomial). %s",
           p, correct, n,
           p < SIGNIFICANCE
               ? "Unlikely to be guessing: you heard a difference."
               : "Could well be guessing: no audible difference shown.");
  t.y += draw_wrapped(cr, text, (ui_rect){t.x, t.y, t.w, r.y + r.h - t.y},
                      TEXT_BODY, false) +
         6;
  snprintf(text, sizeof(text), "Compared: A = %s; B = %s; level match %s%s.",
           choice_label(PORT_PATH_A, v[PORT_PATH_A]),
           choice_label(PORT_PATH_B, v[PORT_PATH_B]),
           v[PORT_LEVEL_MATCH] >= 0.5f ? "on" : "off",
           v[PORT_ENABLED] >= 0.5f ? "" : " (the simulation was bypassed)");
  t.y += draw_wrapped(cr, text, (ui_rect){t.x, t.y, t.w, r.y + r.h - t.y},
                      TEXT_BODY, false);
  char settings[700];
  settings_summary(v, settings, sizeof(settings));
  snprintf(text, sizeof(text), "Settings: %s.", settings);
  set_colour(cr, COLOUR_DIM_TEXT, 1);
  t.y += draw_wrapped(cr, text, (ui_rect){t.x, t.y, t.w, r.y + r.h - t.y},
                      TEXT_SMALL, false) +
         6;
  size_t used = (size_t)snprintf(text, sizeof(text), "Trials (X, answer):");
  for (int k = 0; k < n && used < sizeof(text); ++k) {
    abx_path x, said;
    abx_trial(ui->abx, k, &x, &said);
    used += (size_t)snprintf(text + used, sizeof(text) - used, " %c%c %s",
                             "AB"[x], "AB"[said], x == said ? "✓" : "✗");
  }
  set_colour(cr, COLOUR_TEXT, 1);
  t.y += draw_wrapped(cr, text, (ui_rect){t.x, t.y, t.w, r.y + r.h - t.y},
                      TEXT_SMALL, false);
  if (ui->abx_disturbed) {
    set_colour(cr, COLOUR_WARN, 1);
    draw_wrapped(cr,
                 "Settings changed during the test: this result compares "
                 "more than the two settings above.",
                 (ui_rect){t.x, t.y + 4, t.w, r.y + r.h - t.y - 4}, TEXT_SMALL,
                 true);
  }
}

void listening_draw(balun_ui *ui, cairo_t *cr)
{
  const ui_layout *l = &ui->layout;
  draw_panel(cr, l->listen_bar, COLOUR_PANEL, COLOUR_EDGE);
  draw_panel(cr, l->abx_bar, COLOUR_PANEL, COLOUR_EDGE);
  set_colour(cr, COLOUR_TEXT, 1);
  draw_text(cr, "Listen", l->listen_title, TEXT_BODY, true, ALIGN_LEFT);
  draw_text(cr, "Blind ABX", l->abx_title, TEXT_BODY, true, ALIGN_LEFT);
  const balun_port_info *listen = &balun_ports[PORT_LISTEN];
  draw_button(ui, cr, HIT_LISTEN_A, listen->scale_points[0].label);
  draw_button(ui, cr, HIT_LISTEN_B, listen->scale_points[1].label);
  draw_button(ui, cr, HIT_LISTEN_X, "X");
  draw_button(ui, cr, HIT_LISTEN_A_INTERFERENCE, listen->scale_points[2].label);
  draw_button(ui, cr, HIT_LISTEN_B_INTERFERENCE, listen->scale_points[3].label);
  draw_level_sentence(ui, cr);

  char count[32];
  snprintf(count, sizeof(count), "%d trials", ui->abx_trials);
  const ui_rect fewer = l->rect[HIT_ABX_FEWER], more = l->rect[HIT_ABX_MORE];
  draw_button(ui, cr, HIT_ABX_FEWER, "−");
  draw_button(ui, cr, HIT_ABX_MORE, "+");
  set_colour(cr, COLOUR_TEXT, running(ui) ? 0.35 : 1);
  draw_text(cr, count,
            (ui_rect){fewer.x + fewer.w, fewer.y, more.x - fewer.x - fewer.w,
                      fewer.h},
            TEXT_BODY, false, ALIGN_CENTRE);
  draw_button(ui, cr, HIT_ABX_START,
              abx_phase_of(ui->abx) == ABX_FINISHED ? "New test"
                                                    : "Start test");
  draw_button(ui, cr, HIT_ABX_IS_A, "X is A  (1)");
  draw_button(ui, cr, HIT_ABX_IS_B, "X is B  (2)");
  draw_button(ui, cr, HIT_ABX_STOP,
              abx_phase_of(ui->abx) == ABX_FINISHED ? "Close" : "Stop");
  draw_status(ui, cr);
}
