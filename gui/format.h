/* Values as people read them: numbers with their units, and the labels of
 * enumerations. Below every part of the view; knows only the port table. */
#ifndef BALUN_GUI_FORMAT_H
#define BALUN_GUI_FORMAT_H

#include <stddef.h>

#include "ports.h"

/* A port's value as people read it: "3.00 m", "47.0 kΩ", "GSM phone". */
void format_value(balun_port port, float value, char *out, size_t size);
/* The scale point of an enumeration nearest to value, and its label. */
int choice_index(balun_port port, float value);
const char *choice_label(balun_port port, float value);

#endif
