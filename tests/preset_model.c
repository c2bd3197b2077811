#define _XOPEN_SOURCE 700 /* realpath */

#include "preset_model.h"

#include "path_hum.h"

#include <limits.h>
#include <lilv/lilv.h>
#include <lv2/atom/atom.h>
#include <lv2/urid/urid.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void fail(char *err, size_t err_len, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void fail(char *err, size_t err_len, const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(err, err_len, fmt, ap);
  va_end(ap);
}

/* lilv needs a urid:map to hold a state; a preset uses a handful of URIs. */
#define MAX_URIS 64
typedef struct {
  char *uri[MAX_URIS];
  unsigned count;
} uri_table;

static LV2_URID map_uri(LV2_URID_Map_Handle handle, const char *uri)
{
  uri_table *t = handle;
  for (unsigned i = 0; i < t->count; ++i)
    if (!strcmp(t->uri[i], uri)) return i + 1;
  if (t->count == MAX_URIS) return 0;
  t->uri[t->count] = strdup(uri);
  return t->uri[t->count] ? ++t->count : 0;
}

typedef struct {
  preset_file *p;
  LV2_URID_Map *map;
  char *err;
  size_t err_len;
  int bad; /* values that are not a number of a known port */
} reading;

static void take_value(const char *symbol, void *data, const void *value,
                       uint32_t size, uint32_t type)
{
  reading *r = data;
  LV2_URID_Map *m = r->map;
  const int port = port_by_symbol(symbol);
  double v;
  if (type == m->map(m->handle, LV2_ATOM__Float) && size == sizeof(float))
    v = *(const float *)value;
  else if (type == m->map(m->handle, LV2_ATOM__Double) &&
           size == sizeof(double))
    v = *(const double *)value;
  else if (type == m->map(m->handle, LV2_ATOM__Int) && size == sizeof(int32_t))
    v = *(const int32_t *)value;
  else if (type == m->map(m->handle, LV2_ATOM__Long) && size == sizeof(int64_t))
    v = (double)*(const int64_t *)value;
  else {
    if (!r->bad++)
      fail(r->err, r->err_len, "%s: the value is not a number", symbol);
    return;
  }
  if (port < 0 || balun_ports[port].kind != PORT_CONTROL_IN) {
    if (!r->bad++)
      fail(r->err, r->err_len, "%s: not a control input of the plugin", symbol);
    return;
  }
  r->p->value[port] = (float)v;
  r->p->held[port] = true;
}

int preset_file_read(const char *path, preset_file *p, char *err,
                     size_t err_len)
{
  memset(p, 0, sizeof(*p));
  const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
  const size_t len = strlen(base);
  if (len < 5 || strcmp(base + len - 4, ".ttl")) {
    fail(err, err_len, "%s: not a .ttl file", path);
    return -1;
  }
  snprintf(p->uri, sizeof(p->uri), "%s#preset-%.*s", BALUN_URI, (int)(len - 4),
           base);
  char full[PATH_MAX];
  if (!realpath(path, full)) {
    fail(err, err_len, "%s: cannot read it", path);
    return -1;
  }

  uri_table table = {{0}, 0};
  LV2_URID_Map map = {&table, map_uri};
  LilvWorld *world = lilv_world_new();
  LilvNode *subject = lilv_new_uri(world, p->uri);
  LilvState *state = lilv_state_new_from_file(world, &map, subject, full);
  if (!state || !lilv_state_get_label(state)) {
    /* A preset a host saved describes itself: its subject is the file. */
    lilv_state_free(state);
    state = lilv_state_new_from_file(world, &map, NULL, full);
    if (state)
      snprintf(p->uri, sizeof(p->uri), "%s",
               lilv_node_as_uri(lilv_state_get_uri(state)));
  }
  int status = -1;
  if (!state) {
    fail(err, err_len, "%s: lilv cannot read it", path);
  } else if (!lilv_state_get_label(state)) {
    fail(err, err_len, "%s: no rdfs:label for <%s>", path, p->uri);
  } else {
    snprintf(p->label, sizeof(p->label), "%s", lilv_state_get_label(state));
    reading r = {p, &map, err, err_len, 0};
    lilv_state_emit_port_values(state, take_value, &r);
    int held = 0;
    for (int i = 0; i < PORT_COUNT; ++i)
      held += p->held[i];
    if (!r.bad && !held)
      fail(err, err_len, "%s: <%s> holds no port values", path, p->uri);
    else if (!r.bad)
      status = 0;
  }
  lilv_state_free(state);
  lilv_node_free(subject);
  lilv_world_free(world);
  for (unsigned i = 0; i < table.count; ++i)
    free(table.uri[i]);
  return status;
}

int preset_controls(const preset_file *p, int n_assign, char *const *assign,
                    float controls[PORT_COUNT], char *err, size_t err_len)
{
  port_defaults(controls);
  for (int i = 0; i < PORT_COUNT; ++i)
    if (p->held[i]) controls[i] = p->value[i];
  for (int k = 0; k < n_assign; ++k) {
    char symbol[64];
    float value;
    char end;
    const int port =
        sscanf(assign[k], "%63[a-z0-9_]=%f%c", symbol, &value, &end) == 2
            ? port_by_symbol(symbol)
            : -1;
    if (port < 0 || balun_ports[port].kind != PORT_CONTROL_IN) {
      fail(err, err_len, "\"%s\" is not SYMBOL=VALUE for a control input",
           assign[k]);
      return -1;
    }
    controls[port] = value;
  }
  return 0;
}

void model_figures(const float controls[PORT_COUNT], balun_figures fig[2])
{
  float v[PORT_COUNT];
  for (int i = 0; i < PORT_COUNT; ++i)
    v[i] = port_sanitize((balun_port)i, controls[i]);
  /* as the plugin works them out: from the solved circuit */
  static circuit_solver *solver;
  if (!solver) solver = circuit_solver_new();
  figures_from_ports(v, fig, solver);
}
