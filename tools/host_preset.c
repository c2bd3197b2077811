/* Presets for the small lilv host (see host.h): listing them and applying
 * one by label or URI, every value checked before any is applied. */
/* strdup() */
#define _POSIX_C_SOURCE 200809L

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lv2/atom/atom.h>
#include <lv2/presets/presets.h>

#include "host_private.h"

#define RDFS_LABEL "http://www.w3.org/2000/01/rdf-schema#label"

int host_for_each_preset(host_plugin *h,
                         void (*each)(const char *uri, const char *label,
                                      void *data),
                         void *data)
{
  LilvNode *preset_class = lilv_new_uri(h->world, LV2_PRESETS__Preset);
  LilvNode *label_pred = lilv_new_uri(h->world, RDFS_LABEL);
  LilvNodes *presets = lilv_plugin_get_related(h->plugin, preset_class);
  int count = 0;
  for (LilvIter *i = lilv_nodes_begin(presets); !lilv_nodes_is_end(presets, i);
       i = lilv_nodes_next(presets, i)) {
    const LilvNode *preset = lilv_nodes_get(presets, i);
    /* The label may live in the preset's own file rather than manifest. */
    lilv_world_load_resource(h->world, preset);
    LilvNode *label = lilv_world_get(h->world, preset, label_pred, NULL);
    if (each)
      each(lilv_node_as_uri(preset), label ? lilv_node_as_string(label) : "",
           data);
    lilv_node_free(label);
    ++count;
  }
  lilv_nodes_free(presets);
  lilv_node_free(label_pred);
  lilv_node_free(preset_class);
  return count;
}

typedef struct {
  const char *wanted;
  char *uri; /* the match, owned */
  char *labels;
  size_t labels_len, labels_cap;
} preset_search;

static void append(preset_search *s, const char *text)
{
  size_t n = strlen(text);
  if (s->labels_len + n + 1 > s->labels_cap) {
    size_t cap = 2 * (s->labels_len + n + 1);
    char *grown = realloc(s->labels, cap);
    if (!grown) return; /* the list is only for the error message */
    s->labels = grown;
    s->labels_cap = cap;
  }
  memcpy(s->labels + s->labels_len, text, n + 1);
  s->labels_len += n;
}

static void match_preset(const char *uri, const char *label, void *data)
{
  preset_search *s = data;
  if (!s->uri && (!strcmp(uri, s->wanted) || !strcmp(label, s->wanted)))
    s->uri = strdup(uri);
  append(s, s->labels_len ? ", \"" : "\"");
  append(s, label);
  append(s, "\"");
}

typedef struct {
  host_plugin *h;
  const char *preset;
  bool apply;
  bool ok;
  int count;
  char *err;
  size_t err_len;
} preset_values;

/* A port value from the preset as a float, whatever literal type it had. */
static bool atom_to_float(const host_plugin *h, const void *value,
                          uint32_t size, uint32_t type, float *out)
{
  if (type == h->atom_float && size == sizeof(float)) {
    *out = *(const float *)value;
  } else if (type == h->atom_double && size == sizeof(double)) {
    *out = (float)*(const double *)value;
  } else if ((type == h->atom_int || type == h->atom_bool) &&
             size == sizeof(int32_t)) {
    *out = (float)*(const int32_t *)value;
  } else if (type == h->atom_long && size == sizeof(int64_t)) {
    *out = (float)*(const int64_t *)value;
  } else {
    return false;
  }
  return true;
}

static void preset_value(const char *symbol, void *data, const void *value,
                         uint32_t size, uint32_t type)
{
  preset_values *pv = data;
  host_plugin *h = pv->h;
  float v = NAN;
  if (!pv->ok) return; /* report the first problem only */
  ++pv->count;
  if (!atom_to_float(h, value, size, type, &v)) {
    host_fail(pv->err, pv->err_len,
              "preset \"%s\": port '%s' has a value of "
              "type <%s>, not a number",
              pv->preset, symbol, h->unmap.unmap(h->unmap.handle, type));
    pv->ok = false;
    return;
  }
  int status =
      pv->apply ? host_set(h, symbol, v) : host_check_value(h, symbol, v);
  /* Like other hosts, skip values saved for outputs (Ardour's own presets
   * carry them); only an unknown port or a bad input value is an error. */
  if (status == -3 &&
      h->ports[host_port_index(h, symbol)].kind == HOST_CONTROL_OUT)
    return;
  if (status == -1 || status == -3) {
    host_fail(pv->err, pv->err_len,
              "preset \"%s\": '%s' is not a control input "
              "of this plugin",
              pv->preset, symbol);
    pv->ok = false;
  } else if (status == -2) {
    const host_port_info *p = &h->ports[host_port_index(h, symbol)];
    host_fail(pv->err, pv->err_len,
              "preset \"%s\": %s = %g is outside [%g, %g]", pv->preset, symbol,
              v, p->minimum, p->maximum);
    pv->ok = false;
  }
}

int host_apply_preset(host_plugin *h, const char *label_or_uri, char *err,
                      size_t err_len)
{
  preset_search s = {.wanted = label_or_uri};
  int count = host_for_each_preset(h, match_preset, &s);
  int status = -1;
  if (!s.uri) {
    if (count)
      host_fail(err, err_len, "unknown preset \"%s\"; available: %s",
                label_or_uri, s.labels ? s.labels : "");
    else
      host_fail(err, err_len, "unknown preset \"%s\"; %s has no presets",
                label_or_uri, lilv_node_as_uri(lilv_plugin_get_uri(h->plugin)));
    free(s.labels);
    return -1;
  }
  free(s.labels);
  LilvNode *node = lilv_new_uri(h->world, s.uri);
  LilvState *state = lilv_state_new_from_world(h->world, &h->map, node);
  if (!state) {
    host_fail(err, err_len, "preset <%s> could not be loaded", s.uri);
  } else {
    /* Check every value first, so a bad preset changes nothing. */
    preset_values pv = {h, label_or_uri, false, true, 0, err, err_len};
    lilv_state_emit_port_values(state, preset_value, &pv);
    if (pv.ok && !pv.count && !lilv_state_get_num_properties(state)) {
      /* lilv found the preset's name but none of its content. */
      host_fail(err, err_len,
                "preset <%s> holds no values: is its file missing?", s.uri);
    } else if (pv.ok) {
      pv.apply = true;
      lilv_state_restore(state, h->instance, preset_value, &pv, 0, h->features);
      status = 0;
    }
    lilv_state_free(state);
  }
  lilv_node_free(node);
  free(s.uri);
  return status;
}
