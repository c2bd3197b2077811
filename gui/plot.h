/* The plots, drawn from the model: the spectrum of what each path adds,
 * the cable's response and the CMRR against frequency. */
#ifndef BALUN_GUI_PLOT_H
#define BALUN_GUI_PLOT_H

#include "state.h"

/* The listening level the audibility line assumes for a line output: 0
 * dBFS at the listener is this loud (a loud but not unusual monitoring
 * level). A headphone stage's loudness is modelled instead (spl_db). */
#define LISTENING_DB_SPL 105.0

void spectrum_draw(balun_ui *ui, cairo_t *cr);
void cable_plot_draw(balun_ui *ui, cairo_t *cr);
void cmrr_plot_draw(balun_ui *ui, cairo_t *cr);

/* The threshold of hearing in quiet, dB SPL (Terhardt's approximation of
 * ISO 226's curve). */
double hearing_threshold_db_spl(double hz);

#endif
