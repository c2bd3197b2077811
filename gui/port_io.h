/* Port access for every part of the view, below them all: a value the
 * user sets is stored, sent to the host through its write function and
 * read into the model's view of the values; and what a control means for
 * each path, by asking the model. */
#ifndef BALUN_GUI_PORT_IO_H
#define BALUN_GUI_PORT_IO_H

#include "state.h"

/* A value from the user: sanitised, stored, written to the host, drawn. */
void port_write(balun_ui *ui, balun_port port, float value);

/* Asks the model what the current values mean for each path (setup,
 * interfaces, figures): after any input port changed. */
void port_update_model(balun_ui *ui);

/* Whether a control means anything for path 0 (A) or 1 (B), by asking
 * the model what that path's interface uses. */
bool control_applies(const balun_ui *ui, balun_port port, int path);

#endif
