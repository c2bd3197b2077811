/* What the host checks expect, worked out without the plugin: the values a
 * factory preset file holds (read from the file itself with lilv, not
 * through a host or the plugin) and what the model (src/) says the output
 * ports must read for a set of controls. */
#ifndef BALUN_TEST_PRESET_MODEL_H
#define BALUN_TEST_PRESET_MODEL_H

#include <stdbool.h>
#include <stddef.h>

#include "model.h"

typedef struct {
  char uri[256];
  char label[256];
  float value[PORT_COUNT];
  bool held[PORT_COUNT]; /* the file sets this port */
} preset_file;

/* Reads presets/<name>.ttl, whose subject is BALUN_URI "#preset-<name>"
 * (ports.md), or a preset a host saved, whose subject is its own file.
 * Returns 0, or -1 with a message in err. */
int preset_file_read(const char *path, preset_file *p, char *err,
                     size_t err_len);

/* Controls as a host holds them after loading the preset into a fresh
 * instance: every lv2:default, then the preset's values, then each
 * "SYMBOL=VALUE" assignment in order. Returns 0, or -1 with a message. */
int preset_controls(const preset_file *p, int n_assign, char *const *assign,
                    float controls[PORT_COUNT], char *err, size_t err_len);

/* The model's figures for path A and B, from controls sanitized the way the
 * plugin sanitizes what a host sends. */
void model_figures(const float controls[PORT_COUNT], balun_figures fig[2]);

#endif
