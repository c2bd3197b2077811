/* Listening: the A / B / interference buttons, level matching, and the
 * blind ABX test around abx.c. */
#ifndef BALUN_GUI_LISTENING_H
#define BALUN_GUI_LISTENING_H

#include "state.h"

void listening_draw(balun_ui *ui, cairo_t *cr);
/* A finished test's result, over the right-hand column. */
void listening_draw_result(balun_ui *ui, cairo_t *cr);
void listening_press(balun_ui *ui, ui_hit hit);
/* Shortcuts: a, b, x listen; 1 answers "X is A", 2 "X is B". */
void listening_key(balun_ui *ui, uint32_t key);
/* The host changed an input port: during a test that spoils the test. */
void listening_port_changed(balun_ui *ui, balun_port port);

#endif
