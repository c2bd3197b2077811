/* The bundle's metadata, as a host reads it with lilv, against the port
 * table in src/ports.c (the single source of truth) and the LV2 checklist in
 * ../shared/reference/lv2-and-hosts.md. Needs LV2_PATH to hold the built
 * bundle and /usr/lib/lv2 (for the units vocabulary); `make check` sets it.
 * Syntax and vocabulary are checked separately by tests/check-ttl.sh. */
#define _POSIX_C_SOURCE 200809L /* strdup */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <lilv/lilv.h>
#include <lv2/atom/atom.h>
#include <lv2/core/lv2.h>
#include <lv2/port-groups/port-groups.h>
#include <lv2/port-props/port-props.h>
#include <lv2/presets/presets.h>
#include <lv2/urid/urid.h>

#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "ports.h"

#define RDFS_LABEL   "http://www.w3.org/2000/01/rdf-schema#label"
#define RDFS_COMMENT "http://www.w3.org/2000/01/rdf-schema#comment"
#define RDFS_SEEALSO "http://www.w3.org/2000/01/rdf-schema#seeAlso"
#define DOAP_LICENSE "http://usefulinc.com/ns/doap#license"
#define UNITS_UNIT   "http://lv2plug.in/ns/extensions/units#unit"
#define UNITS_SYMBOL "http://lv2plug.in/ns/extensions/units#symbol"
#define PRESET_URI   BALUN_URI "#preset-"
#define MIN_PRESETS  9 /* three references and six problems with their fix */
/* Carla's plugin bridge keeps this many bytes of a program name. */
#define HOST_LABEL_BYTES 32
/* How the rdfs:comment of a reference interface's preset begins. */
#define REFERENCE_COMMENT "Reference interface:"

static LilvWorld *world;
static const LilvPlugin *plugin;
/* The factory presets, as a host lists them. */
#define MAX_PRESETS 64
static LilvNodes *presets;
static const LilvNode *preset[MAX_PRESETS];
static int n_presets;

static LilvNode *uri(const char *s)
{
  return lilv_new_uri(world, s);
}

/* Equal to the C float within 1e-6 relative: the TTL writes the same
 * decimal literal, which lilv parses to the same float. */
static bool same_float(float ttl, float c)
{
  return fabsf(ttl - c) <= 1e-6f * fmaxf(fabsf(ttl), fabsf(c));
}

static bool plugin_has_value(const char *predicate)
{
  LilvNode *p = uri(predicate);
  LilvNodes *values = lilv_plugin_get_value(plugin, p);
  const bool has = values && lilv_nodes_size(values) > 0;
  lilv_nodes_free(values);
  lilv_node_free(p);
  return has;
}

/* Port i, or a failed test if lilv has none (a broken lv2:index). */
static const LilvPort *port_at(uint32_t i)
{
  const LilvPort *port = lilv_plugin_get_port_by_index(plugin, i);
  if (!port) fail_msg("lilv has no port %u", i);
  return port;
}

static bool port_has(const LilvPort *port, const char *property)
{
  LilvNode *p = uri(property);
  const bool has = lilv_port_has_property(plugin, port, p);
  lilv_node_free(p);
  return has;
}

static bool port_is_a(const LilvPort *port, const char *class_uri)
{
  LilvNode *c = uri(class_uri);
  const bool is = lilv_port_is_a(plugin, port, c);
  lilv_node_free(c);
  return is;
}

static LilvNodes *presets_of(const LilvPlugin *p)
{
  LilvNode *preset_class = uri(LV2_PRESETS__Preset);
  LilvNodes *all = lilv_plugin_get_related(p, preset_class);
  lilv_node_free(preset_class);
  return all;
}

/* A minimal URID map, for lilv_state: the URIs in order of first use. */
#define MAX_URIDS 64
static char *urids[MAX_URIDS];
static int n_urids;

static LV2_URID map_uri(LV2_URID_Map_Handle handle, const char *u)
{
  (void)handle;
  for (int i = 0; i < n_urids; ++i)
    if (!strcmp(urids[i], u)) return (LV2_URID)(i + 1);
  if (n_urids == MAX_URIDS) return 0;
  urids[n_urids] = strdup(u);
  return (LV2_URID)++n_urids;
}

static LV2_URID_Map urid_map = {NULL, map_uri};

static int setup(void **state)
{
  (void)state;
  world = lilv_world_new();
  lilv_world_load_all(world);
  LilvNode *id = uri(BALUN_URI);
  plugin = lilv_plugins_get_by_uri(lilv_world_get_all_plugins(world), id);
  lilv_node_free(id);
  if (!plugin) {
    fprintf(stderr, "%s not found: is LV2_PATH set to the built bundle?\n",
            BALUN_URI);
    return -1;
  }
  presets = presets_of(plugin);
  for (LilvIter *i = lilv_nodes_begin(presets);
       !lilv_nodes_is_end(presets, i) && n_presets < MAX_PRESETS;
       i = lilv_nodes_next(presets, i))
    preset[n_presets++] = lilv_nodes_get(presets, i);
  return 0;
}

static int teardown(void **state)
{
  (void)state;
  lilv_nodes_free(presets);
  lilv_world_free(world);
  for (int i = 0; i < n_urids; ++i)
    free(urids[i]);
  return 0;
}

/* ---- the plugin ---- */

static void plugin_class_is_simulator_plugin(void **state)
{
  (void)state;
  const LilvNode *c = lilv_plugin_class_get_uri(lilv_plugin_get_class(plugin));
  assert_string_equal(lilv_node_as_uri(c), LV2_CORE__SimulatorPlugin);
}

static void plugin_has_name_license_maintainer_and_project(void **state)
{
  (void)state;
  LilvNode *name = lilv_plugin_get_name(plugin);
  assert_non_null(name);
  assert_string_equal(lilv_node_as_string(name),
                      "Balun Interconnect Simulator");
  lilv_node_free(name);

  assert_true(plugin_has_value(DOAP_LICENSE));

  LilvNode *author = lilv_plugin_get_author_name(plugin);
  assert_non_null(author);
  assert_true(strlen(lilv_node_as_string(author)) > 0);
  lilv_node_free(author);

  LilvNode *project = lilv_plugin_get_project(plugin);
  assert_non_null(project);
  lilv_node_free(project);

  assert_true(plugin_has_value(RDFS_COMMENT));
}

static void plugin_has_minor_and_micro_version(void **state)
{
  (void)state;
  const char *versions[] = {LV2_CORE__minorVersion, LV2_CORE__microVersion};
  for (int i = 0; i < 2; ++i) {
    LilvNode *p = uri(versions[i]);
    LilvNodes *v = lilv_plugin_get_value(plugin, p);
    if (!v || lilv_nodes_size(v) != 1 ||
        !lilv_node_is_int(lilv_nodes_get_first(v)) ||
        lilv_node_as_int(lilv_nodes_get_first(v)) < 0)
      fail_msg("%s: want one non-negative integer", versions[i]);
    lilv_nodes_free(v);
    lilv_node_free(p);
  }
}

/* Hard-RT capable, never in-place broken (Ardour refuses such plugins),
 * and nothing a host must provide. */
static void plugin_is_hard_rt_capable_and_requires_no_feature(void **state)
{
  (void)state;
  LilvNodes *optional = lilv_plugin_get_optional_features(plugin);
  LilvNode *hard_rt = uri(LV2_CORE__hardRTCapable);
  assert_true(lilv_nodes_contains(optional, hard_rt));
  lilv_node_free(hard_rt);
  lilv_nodes_free(optional);

  LilvNode *in_place_broken = uri(LV2_CORE__inPlaceBroken);
  assert_false(lilv_plugin_has_feature(plugin, in_place_broken));
  lilv_node_free(in_place_broken);

  LilvNodes *required = lilv_plugin_get_required_features(plugin);
  assert_int_equal(required ? lilv_nodes_size(required) : 0, 0);
  lilv_nodes_free(required);
}

/* ---- the ports against src/ports.c ---- */

static void port_count_equals_the_c_table(void **state)
{
  (void)state;
  assert_int_equal(lilv_plugin_get_num_ports(plugin), PORT_COUNT);
}

static void
ports_match_the_c_table_in_symbol_name_direction_and_type(void **state)
{
  (void)state;
  for (uint32_t i = 0; i < PORT_COUNT; ++i) {
    const balun_port_info *c = &balun_ports[i];
    const LilvPort *port = port_at(i);
    const char *symbol =
        lilv_node_as_string(lilv_port_get_symbol(plugin, port));
    if (strcmp(symbol, c->symbol))
      fail_msg("port %u: symbol %s, C table %s", i, symbol, c->symbol);
    LilvNode *name = lilv_port_get_name(plugin, port);
    if (!name || strcmp(lilv_node_as_string(name), c->name))
      fail_msg("%s: name %s, C table %s", symbol,
               name ? lilv_node_as_string(name) : "(none)", c->name);
    lilv_node_free(name);

    const bool input = c->kind == PORT_AUDIO_IN || c->kind == PORT_CONTROL_IN;
    const bool audio = c->kind == PORT_AUDIO_IN || c->kind == PORT_AUDIO_OUT;
    if (port_is_a(port, LV2_CORE__InputPort) != input ||
        port_is_a(port, LV2_CORE__OutputPort) == input)
      fail_msg("%s: direction differs from the C table", symbol);
    if (port_is_a(port, LV2_CORE__AudioPort) != audio ||
        port_is_a(port, LV2_CORE__ControlPort) == audio)
      fail_msg("%s: audio/control type differs from the C table", symbol);
  }
}

static void control_input_ranges_equal_the_c_table(void **state)
{
  (void)state;
  for (uint32_t i = 0; i < PORT_COUNT; ++i) {
    const balun_port_info *c = &balun_ports[i];
    if (c->kind != PORT_CONTROL_IN) continue;
    const LilvPort *port = port_at(i);
    LilvNode *def = NULL, *min = NULL, *max = NULL;
    lilv_port_get_range(plugin, port, &def, &min, &max);
    if (!def || !min || !max)
      fail_msg("%s: missing default/min/max", c->symbol);
    const float d = lilv_node_as_float(def), lo = lilv_node_as_float(min),
                hi = lilv_node_as_float(max);
    if (!same_float(lo, c->minimum) || !same_float(d, c->fallback) ||
        !same_float(hi, c->maximum))
      fail_msg("%s: TTL %g/%g/%g, C table %g/%g/%g (min/default/max)",
               c->symbol, lo, d, hi, c->minimum, c->fallback, c->maximum);
    if (!(lo <= d && d <= hi))
      fail_msg("%s: default %g outside [%g, %g]", c->symbol, d, lo, hi);
    lilv_node_free(def);
    lilv_node_free(min);
    lilv_node_free(max);
  }
}

/* The ranges hosts scale the readouts by (ports.md: every output declares
 * one that its values never leave) are the C table's, which the glue
 * keeps the ports inside. */
static void control_output_ranges_equal_the_c_table(void **state)
{
  (void)state;
  for (uint32_t i = 0; i < PORT_COUNT; ++i) {
    const balun_port_info *c = &balun_ports[i];
    if (c->kind != PORT_CONTROL_OUT) continue;
    LilvNode *min = NULL, *max = NULL;
    lilv_port_get_range(plugin, port_at(i), NULL, &min, &max);
    if (!min || !max) fail_msg("%s: missing min/max", c->symbol);
    const float lo = lilv_node_as_float(min), hi = lilv_node_as_float(max);
    if (!same_float(lo, c->minimum) || !same_float(hi, c->maximum))
      fail_msg("%s: TTL [%g, %g], C table [%g, %g]", c->symbol, lo, hi,
               c->minimum, c->maximum);
    if (!(lo < hi)) fail_msg("%s: empty range", c->symbol);
    if ((c->flags & PORT_LOGARITHMIC) && !(lo > 0))
      fail_msg("%s: logarithmic from %g", c->symbol, lo);
    lilv_node_free(min);
    lilv_node_free(max);
  }
}

/* port_controls[] and port_outputs[] list every port of their kind, once,
 * in port order (v2's inputs follow v1's outputs, so neither kind is one
 * run of indices). */
static void control_lists_hold_every_port_of_their_kind(void **state)
{
  (void)state;
  int k = 0, o = 0;
  for (int p = 0; p < PORT_COUNT; ++p) {
    if (balun_ports[p].kind == PORT_CONTROL_IN) {
      assert_true(k < PORT_N_CONTROLS);
      assert_int_equal(port_controls[k++], p);
    } else if (balun_ports[p].kind == PORT_CONTROL_OUT) {
      assert_true(o < PORT_N_OUTPUTS);
      assert_int_equal(port_outputs[o++], p);
    }
  }
  assert_int_equal(k, PORT_N_CONTROLS);
  assert_int_equal(o, PORT_N_OUTPUTS);
}

static void control_port_properties_match_the_c_flags(void **state)
{
  (void)state;
  for (uint32_t i = 0; i < PORT_COUNT; ++i) {
    const balun_port_info *c = &balun_ports[i];
    if (c->kind != PORT_CONTROL_IN && c->kind != PORT_CONTROL_OUT) continue;
    const LilvPort *port = port_at(i);
    const struct {
      const char *property;
      bool expected;
    } props[] = {
        {LV2_CORE__toggled, c->flags & PORT_TOGGLED},
        {LV2_CORE__enumeration, c->flags & PORT_ENUMERATION},
        {LV2_CORE__integer, c->flags & (PORT_ENUMERATION | PORT_INTEGER)},
        {LV2_PORT_PROPS__logarithmic, c->flags & PORT_LOGARITHMIC},
    };
    for (size_t k = 0; k < sizeof props / sizeof props[0]; ++k)
      if (port_has(port, props[k].property) != props[k].expected)
        fail_msg("%s: %s should be %s", c->symbol, props[k].property,
                 props[k].expected ? "set" : "absent");
  }
}

/* Scale points: the same count, values and labels as the C table (in any
 * order), each value unique and within the port's range. */
static void scale_points_equal_the_c_table(void **state)
{
  (void)state;
  for (uint32_t i = 0; i < PORT_COUNT; ++i) {
    const balun_port_info *c = &balun_ports[i];
    const LilvPort *port = port_at(i);
    LilvScalePoints *points = lilv_port_get_scale_points(plugin, port);
    const int n = points ? (int)lilv_scale_points_size(points) : 0;
    if (n != c->n_scale_points)
      fail_msg("%s: %d scale points, C table %d", c->symbol, n,
               c->n_scale_points);
    bool seen[BALUN_MAX_SCALE_POINTS] = {false};
    for (LilvIter *it = lilv_scale_points_begin(points);
         !lilv_scale_points_is_end(points, it);
         it = lilv_scale_points_next(points, it)) {
      const LilvScalePoint *p = lilv_scale_points_get(points, it);
      const float value = lilv_node_as_float(lilv_scale_point_get_value(p));
      const char *label = lilv_node_as_string(lilv_scale_point_get_label(p));
      int k = 0;
      while (k < c->n_scale_points && c->scale_points[k].value != value)
        ++k;
      if (k == c->n_scale_points)
        fail_msg("%s: scale point %g is not in the C table", c->symbol, value);
      if (seen[k]) fail_msg("%s: scale point %g twice", c->symbol, value);
      seen[k] = true;
      if (strcmp(label, c->scale_points[k].label))
        fail_msg("%s: scale point %g is \"%s\", C table \"%s\"", c->symbol,
                 value, label, c->scale_points[k].label);
      if (value < c->minimum || value > c->maximum)
        fail_msg("%s: scale point %g out of range", c->symbol, value);
    }
    lilv_scale_points_free(points);
  }
}

/* units:unit -> units:symbol equals the C unit string; no unit where the
 * C table has none. */
static void unit_symbols_equal_the_c_table(void **state)
{
  (void)state;
  LilvNode *unit_p = uri(UNITS_UNIT), *symbol_p = uri(UNITS_SYMBOL);
  for (uint32_t i = 0; i < PORT_COUNT; ++i) {
    const balun_port_info *c = &balun_ports[i];
    const LilvPort *port = port_at(i);
    LilvNode *unit = lilv_port_get(plugin, port, unit_p);
    if (!c->unit) {
      if (unit) fail_msg("%s: has a unit, the C table none", c->symbol);
      continue;
    }
    if (!unit)
      fail_msg("%s: no units:unit, C table \"%s\"", c->symbol, c->unit);
    LilvNode *symbol = lilv_world_get(world, unit, symbol_p, NULL);
    if (!symbol)
      fail_msg("%s: unit %s has no units:symbol (is /usr/lib/lv2 on LV2_PATH?)",
               c->symbol, lilv_node_as_string(unit));
    if (strcmp(lilv_node_as_string(symbol), c->unit))
      fail_msg("%s: unit symbol \"%s\", C table \"%s\"", c->symbol,
               lilv_node_as_string(symbol), c->unit);
    lilv_node_free(symbol);
    lilv_node_free(unit);
  }
  lilv_node_free(symbol_p);
  lilv_node_free(unit_p);
}

/* ports.md: every port says what it means physically. */
static void every_port_has_a_comment(void **state)
{
  (void)state;
  LilvNode *comment_p = uri(RDFS_COMMENT);
  for (uint32_t i = 0; i < PORT_COUNT; ++i) {
    const LilvPort *port = port_at(i);
    LilvNode *comment = lilv_port_get(plugin, port, comment_p);
    if (!comment || strlen(lilv_node_as_string(comment)) == 0)
      fail_msg("%s: no rdfs:comment", balun_ports[i].symbol);
    lilv_node_free(comment);
  }
  lilv_node_free(comment_p);
}

/* Port symbols are unique, and no port group shares a symbol with a port
 * (port-groups: one namespace). */
static void port_and_group_symbols_are_unique(void **state)
{
  (void)state;
  const char *symbols[PORT_COUNT];
  LilvNode *group_p = uri(LV2_PORT_GROUPS__group),
           *symbol_p = uri(LV2_CORE__symbol);
  for (uint32_t i = 0; i < PORT_COUNT; ++i) {
    const LilvPort *port = port_at(i);
    symbols[i] = lilv_node_as_string(lilv_port_get_symbol(plugin, port));
  }
  for (uint32_t i = 0; i < PORT_COUNT; ++i) {
    const LilvPort *port = port_at(i);
    LilvNode *group = lilv_port_get(plugin, port, group_p);
    if (!group) continue;
    LilvNode *symbol = lilv_world_get(world, group, symbol_p, NULL);
    if (!symbol)
      fail_msg("group %s has no lv2:symbol", lilv_node_as_string(group));
    for (int k = 0; k < PORT_COUNT; ++k)
      if (!strcmp(symbols[k], lilv_node_as_string(symbol)))
        fail_msg("group %s has the symbol of a port",
                 lilv_node_as_string(group));
    lilv_node_free(symbol);
    lilv_node_free(group);
  }
  for (int a = 0; a < PORT_COUNT; ++a)
    for (int b = a + 1; b < PORT_COUNT; ++b)
      if (!strcmp(symbols[a], symbols[b]))
        fail_msg("ports %d and %d share the symbol %s", a, b, symbols[a]);
  lilv_node_free(symbol_p);
  lilv_node_free(group_p);
}

/* The bypass a host's button drives (Ardour): lv2:designation lv2:enabled. */
static void enabled_is_designated_lv2_enabled(void **state)
{
  (void)state;
  LilvNode *input = uri(LV2_CORE__InputPort), *enabled = uri(LV2_CORE__enabled);
  const LilvPort *port =
      lilv_plugin_get_port_by_designation(plugin, input, enabled);
  assert_non_null(port);
  assert_int_equal(lilv_port_get_index(plugin, port), PORT_ENABLED);
  lilv_node_free(enabled);
  lilv_node_free(input);
}

/* ports.md: stereo in, stereo out, as pg:StereoGroups with left and right
 * designations. */
static void audio_ports_form_stereo_groups(void **state)
{
  (void)state;
  LilvNode *group_p = uri(LV2_PORT_GROUPS__group),
           *designation_p = uri(LV2_CORE__designation),
           *type_p = uri("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
           *stereo = uri(LV2_PORT_GROUPS__StereoGroup);
  const struct {
    balun_port port;
    const char *group_class, *designation;
  } expected[] = {
      {PORT_IN_L, LV2_PORT_GROUPS__InputGroup, LV2_PORT_GROUPS__left},
      {PORT_IN_R, LV2_PORT_GROUPS__InputGroup, LV2_PORT_GROUPS__right},
      {PORT_OUT_L, LV2_PORT_GROUPS__OutputGroup, LV2_PORT_GROUPS__left},
      {PORT_OUT_R, LV2_PORT_GROUPS__OutputGroup, LV2_PORT_GROUPS__right},
  };
  for (size_t i = 0; i < sizeof expected / sizeof expected[0]; ++i) {
    const LilvPort *port = port_at(expected[i].port);
    const char *symbol = balun_ports[expected[i].port].symbol;
    LilvNode *group = lilv_port_get(plugin, port, group_p);
    LilvNode *designation = lilv_port_get(plugin, port, designation_p);
    LilvNode *group_class = uri(expected[i].group_class);
    if (!group) fail_msg("%s: no pg:group", symbol);
    if (!lilv_world_ask(world, group, type_p, stereo) ||
        !lilv_world_ask(world, group, type_p, group_class))
      fail_msg("%s: group is not a pg:StereoGroup and %s", symbol,
               expected[i].group_class);
    if (!designation ||
        strcmp(lilv_node_as_uri(designation), expected[i].designation))
      fail_msg("%s: designation should be %s", symbol, expected[i].designation);
    lilv_node_free(group_class);
    lilv_node_free(designation);
    lilv_node_free(group);
  }
  lilv_node_free(stereo);
  lilv_node_free(type_p);
  lilv_node_free(designation_p);
  lilv_node_free(group_p);
}

/* ---- factory presets ---- */

/* What a preset sets, as a host receives it from lilv. */
typedef struct {
  const char *preset;
  int times_set[PORT_COUNT];
} preset_values;

static void check_preset_value(const char *symbol, void *data,
                               const void *value, uint32_t size, uint32_t type)
{
  preset_values *v = data;
  const int i = port_by_symbol(symbol);
  if (i < 0) fail_msg("%s: no port \"%s\"", v->preset, symbol);
  const balun_port_info *c = &balun_ports[i];
  if (c->kind != PORT_CONTROL_IN)
    fail_msg("%s: \"%s\" is not a control input", v->preset, symbol);
  /* Decimal literals reach hosts as atom:Float, which every host takes. */
  if (type != map_uri(NULL, LV2_ATOM__Float) || size != sizeof(float))
    fail_msg("%s: %s is not written as a float", v->preset, symbol);
  const float x = *(const float *)value;
  if (!(x >= c->minimum && x <= c->maximum))
    fail_msg("%s: %s = %g outside [%g, %g]", v->preset, symbol, x, c->minimum,
             c->maximum);
  if (port_sanitize((balun_port)i, x) != x)
    fail_msg("%s: %s = %g is not a valid choice", v->preset, symbol, x);
  v->times_set[i]++;
}

static void there_are_at_least_nine_presets(void **state)
{
  (void)state;
  assert_true(n_presets >= MIN_PRESETS);
  assert_true(n_presets < MAX_PRESETS);
}

/* A preset file the manifest does not list is invisible to hosts: every
 * Turtle file in the bundle but the manifest is the rdfs:seeAlso of
 * something the manifest declares. */
static void every_ttl_file_in_the_bundle_is_listed_in_the_manifest(void **state)
{
  (void)state;
  const char *bundle = lilv_node_as_uri(lilv_plugin_get_bundle_uri(plugin));
  char *dir_path = lilv_file_uri_parse(bundle, NULL);
  DIR *dir = opendir(dir_path);
  assert_non_null(dir);
  LilvNode *see_also_p = uri(RDFS_SEEALSO);
  int n_files = 0;
  for (struct dirent *e = readdir(dir); e; e = readdir(dir)) {
    const size_t n = strlen(e->d_name);
    if (n < 4 || strcmp(e->d_name + n - 4, ".ttl") ||
        !strcmp(e->d_name, "manifest.ttl"))
      continue;
    char file_uri[1024];
    snprintf(file_uri, sizeof file_uri, "%s%s", bundle, e->d_name);
    LilvNode *file = uri(file_uri);
    if (!lilv_world_ask(world, NULL, see_also_p, file))
      fail_msg("%s is not listed in the manifest", e->d_name);
    lilv_node_free(file);
    ++n_files;
  }
  closedir(dir);
  assert_true(n_files >= 1 + MIN_PRESETS);
  lilv_node_free(see_also_p);
  lilv_free(dir_path);
}

/* urn:balun:interconnect#preset-NAME lives in NAME.ttl (ports.md). */
static void preset_uris_name_their_files(void **state)
{
  (void)state;
  LilvNode *see_also_p = uri(RDFS_SEEALSO);
  for (int i = 0; i < n_presets; ++i) {
    const char *id = lilv_node_as_uri(preset[i]);
    if (strncmp(id, PRESET_URI, strlen(PRESET_URI)))
      fail_msg("%s: not under %s", id, PRESET_URI);
    char file[256];
    snprintf(file, sizeof file, "/%s.ttl", id + strlen(PRESET_URI));
    LilvNode *see_also = lilv_world_get(world, preset[i], see_also_p, NULL);
    const char *path = see_also ? lilv_node_as_uri(see_also) : "";
    const size_t n = strlen(path), k = strlen(file);
    if (n < k || strcmp(path + n - k, file))
      fail_msg("%s: file %s, want one ending %s", id, path, file);
    lilv_node_free(see_also);
  }
  lilv_node_free(see_also_p);
}

static void every_preset_loads_with_a_label_and_a_comment(void **state)
{
  (void)state;
  LilvNode *label_p = uri(RDFS_LABEL), *comment_p = uri(RDFS_COMMENT);
  for (int i = 0; i < n_presets; ++i) {
    const char *id = lilv_node_as_uri(preset[i]);
    /* 0 files read is fine if an earlier test read it; the comment, which
     * only the preset's file holds, shows that it was read. */
    if (lilv_world_load_resource(world, preset[i]) < 0)
      fail_msg("%s: not a resource lilv can load", id);
    LilvNode *label = lilv_world_get(world, preset[i], label_p, NULL);
    LilvNode *comment = lilv_world_get(world, preset[i], comment_p, NULL);
    if (!label || !strlen(lilv_node_as_string(label)))
      fail_msg("%s: no rdfs:label", id);
    if (!comment) fail_msg("%s: no rdfs:comment (did its file load?)", id);
    lilv_node_free(comment);
    lilv_node_free(label);
  }
  lilv_node_free(comment_p);
  lilv_node_free(label_p);
}

/* A host's preset menu shows the manifest's label; the preset's own file
 * repeats it. lilv answers one untranslated label per query, so the two are
 * read apart: the manifest's from a world that has loaded no preset file,
 * the file's with lilv_state_new_from_file. */
static void preset_menu_labels_match_the_preset_files(void **state)
{
  (void)state;
  LilvWorld *discovery = lilv_world_new();
  lilv_world_load_all(discovery);
  LilvNode *id = lilv_new_uri(discovery, BALUN_URI),
           *preset_class = lilv_new_uri(discovery, LV2_PRESETS__Preset),
           *label_p = lilv_new_uri(discovery, RDFS_LABEL),
           *see_also_p = lilv_new_uri(discovery, RDFS_SEEALSO);
  const LilvPlugin *p =
      lilv_plugins_get_by_uri(lilv_world_get_all_plugins(discovery), id);
  assert_non_null(p);
  LilvNodes *all = lilv_plugin_get_related(p, preset_class);
  assert_int_equal(lilv_nodes_size(all), n_presets);
  for (LilvIter *it = lilv_nodes_begin(all); !lilv_nodes_is_end(all, it);
       it = lilv_nodes_next(all, it)) {
    const LilvNode *pre = lilv_nodes_get(all, it);
    LilvNode *menu_label = lilv_world_get(discovery, pre, label_p, NULL);
    LilvNode *file = lilv_world_get(discovery, pre, see_also_p, NULL);
    assert_non_null(menu_label);
    assert_non_null(file);
    char *path = lilv_file_uri_parse(lilv_node_as_uri(file), NULL);
    LilvState *s = lilv_state_new_from_file(discovery, &urid_map, pre, path);
    if (!s) fail_msg("%s: lilv cannot read it", path);
    const char *file_label = lilv_state_get_label(s);
    if (!file_label || strcmp(file_label, lilv_node_as_string(menu_label)))
      fail_msg("%s: labelled \"%s\" in the manifest, \"%s\" in its file",
               lilv_node_as_uri(pre), lilv_node_as_string(menu_label),
               file_label ? file_label : "(none)");
    lilv_state_free(s);
    lilv_free(path);
    lilv_node_free(file);
    lilv_node_free(menu_label);
  }
  lilv_nodes_free(all);
  lilv_node_free(see_also_p);
  lilv_node_free(label_p);
  lilv_node_free(preset_class);
  lilv_node_free(id);
  lilv_world_free(discovery);
}

/* Every port a preset names exists, is a control input and gets a valid
 * value; each preset sets every control input except `enabled` and
 * `listen`, exactly once, so that it defines the whole scene and leaves
 * the bypass and the listening choice to the user. */
static void every_preset_sets_each_scene_control_once_within_range(void **state)
{
  (void)state;
  for (int p = 0; p < n_presets; ++p) {
    lilv_world_load_resource(world, preset[p]);
    LilvState *s = lilv_state_new_from_world(world, &urid_map, preset[p]);
    if (!s) fail_msg("%s: lilv cannot read it", lilv_node_as_uri(preset[p]));
    preset_values v = {.preset = lilv_node_as_uri(preset[p])};
    lilv_state_emit_port_values(s, check_preset_value, &v);
    for (int i = 0; i < PORT_COUNT; ++i) {
      if (balun_ports[i].kind != PORT_CONTROL_IN) continue;
      const int want = (i == PORT_ENABLED || i == PORT_LISTEN) ? 0 : 1;
      if (v.times_set[i] != want)
        fail_msg("%s: sets %s %d times, want %d", v.preset,
                 balun_ports[i].symbol, v.times_set[i], want);
    }
    lilv_state_free(s);
  }
}

/* ---- the presets as hosts list them ---- */

/* A factory preset as a host's preset list has it. */
typedef struct {
  const char *uri;
  char label[256];
  size_t label_bytes;
  bool reference; /* its comment begins with REFERENCE_COMMENT */
  float value[PORT_COUNT];
} listed_preset;

static listed_preset listed[MAX_PRESETS];

static void take_value(const char *symbol, void *data, const void *value,
                       uint32_t size, uint32_t type)
{
  listed_preset *p = data;
  const int i = port_by_symbol(symbol);
  if (i >= 0 && type == map_uri(NULL, LV2_ATOM__Float) && size == sizeof(float))
    p->value[i] = *(const float *)value;
}

/* Each preset's URI, label, comment and values, from lilv. */
static void read_listed_presets(void)
{
  LilvNode *label_p = uri(RDFS_LABEL), *comment_p = uri(RDFS_COMMENT);
  for (int i = 0; i < n_presets; ++i) {
    listed_preset *p = &listed[i];
    memset(p, 0, sizeof *p);
    p->uri = lilv_node_as_uri(preset[i]);
    lilv_world_load_resource(world, preset[i]);
    LilvNode *label = lilv_world_get(world, preset[i], label_p, NULL);
    LilvNode *comment = lilv_world_get(world, preset[i], comment_p, NULL);
    if (!label) fail_msg("%s: no rdfs:label", p->uri);
    p->label_bytes = strlen(lilv_node_as_string(label));
    snprintf(p->label, sizeof p->label, "%s", lilv_node_as_string(label));
    p->reference =
        comment && !strncmp(lilv_node_as_string(comment), REFERENCE_COMMENT,
                            strlen(REFERENCE_COMMENT));
    LilvState *s = lilv_state_new_from_world(world, &urid_map, preset[i]);
    if (!s) fail_msg("%s: lilv cannot read it", p->uri);
    lilv_state_emit_port_values(s, take_value, p);
    lilv_state_free(s);
    lilv_node_free(comment);
    lilv_node_free(label);
  }
  lilv_node_free(comment_p);
  lilv_node_free(label_p);
}

/* Carla: programs sorted by preset URI. */
static int by_uri(const void *a, const void *b)
{
  const listed_preset *const *x = a, *const *y = b;
  return strcmp((*x)->uri, (*y)->uri);
}

/* Ardour 7: the preset menu sorted by label, byte by byte, then by URI
 * (Plugin::get_presets sorts with PresetRecord::operator<). */
static int by_label(const void *a, const void *b)
{
  const listed_preset *const *x = a, *const *y = b;
  const int c = strcmp((*x)->label, (*y)->label);
  return c ? c : by_uri(a, b);
}

typedef struct {
  const char *host;
  int (*compare)(const void *, const void *);
} host_order;

static const host_order HOST_ORDERS[] = {{"Carla (by URI)", by_uri},
                                         {"Ardour (by label)", by_label}};
#define N_HOST_ORDERS (sizeof HOST_ORDERS / sizeof HOST_ORDERS[0])

static void list_as(const host_order *host, const listed_preset *list[])
{
  for (int i = 0; i < n_presets; ++i)
    list[i] = &listed[i];
  qsort(list, (size_t)n_presets, sizeof list[0], host->compare);
}

/* Every control input is equal in the two presets but those in `ignore`,
 * a set of bits 1 << port. */
_Static_assert(PORT_COUNT <= 64, "a port set is a uint64_t");
static bool same_controls(const listed_preset *a, const listed_preset *b,
                          uint64_t ignore)
{
  for (int i = 0; i < PORT_COUNT; ++i)
    if (!(ignore >> i & 1) && balun_ports[i].kind == PORT_CONTROL_IN &&
        a->value[i] != b->value[i])
      return false;
  return true;
}

/* Carla shows the first 32 bytes of a label: all of it, and no two
 * presets the same there. */
static void preset_labels_fit_32_bytes_and_differ_within_them(void **state)
{
  (void)state;
  read_listed_presets();
  for (int i = 0; i < n_presets; ++i) {
    if (listed[i].label_bytes > HOST_LABEL_BYTES)
      fail_msg("%s: \"%s\" is %zu bytes, Carla shows %d", listed[i].uri,
               listed[i].label, listed[i].label_bytes, HOST_LABEL_BYTES);
    for (int k = 0; k < i; ++k)
      if (!strncmp(listed[i].label, listed[k].label, HOST_LABEL_BYTES))
        fail_msg("\"%s\" and \"%s\" look the same in %d bytes", listed[k].label,
                 listed[i].label, HOST_LABEL_BYTES);
  }
}

/* The reference presets: RCA, consumer XLR and pro XLR as path A, one
 * each, in one environment, so that their readouts compare directly. */
static void reference_presets_are_the_three_interfaces_in_one_room(void **state)
{
  (void)state;
  read_listed_presets();
  const listed_preset *ref[PATH_XLR_PRO + 1] = {NULL};
  int n_refs = 0;
  for (int i = 0; i < n_presets; ++i) {
    if (!listed[i].reference) continue;
    ++n_refs;
    const int path = (int)listed[i].value[PORT_PATH_A];
    if (path < PATH_RCA || path > PATH_XLR_PRO || ref[path])
      fail_msg("%s: path A %d is not a reference interface, or another "
               "reference preset has it",
               listed[i].uri, path);
    ref[path] = &listed[i];
  }
  assert_int_equal(n_refs, PATH_XLR_PRO + 1);
  const uint64_t paths = 1ull << PORT_PATH_A | 1ull << PORT_PATH_B;
  for (int path = PATH_RCA + 1; path <= PATH_XLR_PRO; ++path)
    if (!same_controls(ref[path], ref[PATH_RCA], paths))
      fail_msg("%s and %s: not the same environment", ref[path]->uri,
               ref[PATH_RCA]->uri);
}

/* Both hosts list the reference presets first, RCA, consumer XLR, pro. */
static void hosts_list_the_reference_presets_first(void **state)
{
  (void)state;
  read_listed_presets();
  const listed_preset *list[MAX_PRESETS];
  for (size_t h = 0; h < N_HOST_ORDERS; ++h) {
    list_as(&HOST_ORDERS[h], list);
    for (int i = 0; i <= PATH_XLR_PRO; ++i)
      if (!list[i]->reference || list[i]->value[PORT_PATH_A] != i)
        fail_msg("%s: item %d is \"%s\", want the reference preset with "
                 "path A = %d",
                 HOST_ORDERS[h].host, i + 1, list[i]->label, i);
  }
}

/* A scene on two presets that differ only in the cable reads problem,
 * then fix: twisted pair right before star-quad, in both hosts' lists. */
static void hosts_list_twisted_pair_right_before_star_quad(void **state)
{
  (void)state;
  read_listed_presets();
  const listed_preset *list[MAX_PRESETS];
  int pairs = 0;
  for (size_t h = 0; h < N_HOST_ORDERS; ++h) {
    list_as(&HOST_ORDERS[h], list);
    for (int i = 0; i < n_presets; ++i)
      for (int k = 0; k < n_presets; ++k) {
        if (list[i]->value[PORT_STAR_QUAD] != 0.0f ||
            list[k]->value[PORT_STAR_QUAD] != 1.0f ||
            !same_controls(list[i], list[k], 1ull << PORT_STAR_QUAD))
          continue;
        ++pairs;
        if (k != i + 1)
          fail_msg("%s: \"%s\" is item %d, its star-quad fix \"%s\" item %d",
                   HOST_ORDERS[h].host, list[i]->label, i + 1, list[k]->label,
                   k + 1);
      }
  }
  /* at least one such scene (the stage dimmer run), in each list */
  assert_true(pairs >= (int)N_HOST_ORDERS);
}

/* Carla and Ardour show one list, so a user finds a preset in the same
 * place in both. */
static void carla_and_ardour_list_the_presets_in_one_order(void **state)
{
  (void)state;
  read_listed_presets();
  const listed_preset *carla[MAX_PRESETS], *ardour[MAX_PRESETS];
  list_as(&HOST_ORDERS[0], carla);
  list_as(&HOST_ORDERS[1], ardour);
  for (int i = 0; i < n_presets; ++i)
    if (carla[i] != ardour[i])
      fail_msg("item %d: Carla \"%s\" <%s>, Ardour \"%s\" <%s>", i + 1,
               carla[i]->label, carla[i]->uri, ardour[i]->label,
               ardour[i]->uri);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(plugin_class_is_simulator_plugin),
      cmocka_unit_test(plugin_has_name_license_maintainer_and_project),
      cmocka_unit_test(plugin_has_minor_and_micro_version),
      cmocka_unit_test(plugin_is_hard_rt_capable_and_requires_no_feature),
      cmocka_unit_test(port_count_equals_the_c_table),
      cmocka_unit_test(
          ports_match_the_c_table_in_symbol_name_direction_and_type),
      cmocka_unit_test(control_input_ranges_equal_the_c_table),
      cmocka_unit_test(control_output_ranges_equal_the_c_table),
      cmocka_unit_test(control_port_properties_match_the_c_flags),
      cmocka_unit_test(control_lists_hold_every_port_of_their_kind),
      cmocka_unit_test(scale_points_equal_the_c_table),
      cmocka_unit_test(unit_symbols_equal_the_c_table),
      cmocka_unit_test(every_port_has_a_comment),
      cmocka_unit_test(port_and_group_symbols_are_unique),
      cmocka_unit_test(enabled_is_designated_lv2_enabled),
      cmocka_unit_test(audio_ports_form_stereo_groups),
      cmocka_unit_test(there_are_at_least_nine_presets),
      cmocka_unit_test(every_ttl_file_in_the_bundle_is_listed_in_the_manifest),
      cmocka_unit_test(preset_uris_name_their_files),
      cmocka_unit_test(every_preset_loads_with_a_label_and_a_comment),
      cmocka_unit_test(preset_menu_labels_match_the_preset_files),
      cmocka_unit_test(every_preset_sets_each_scene_control_once_within_range),
      cmocka_unit_test(preset_labels_fit_32_bytes_and_differ_within_them),
      cmocka_unit_test(reference_presets_are_the_three_interfaces_in_one_room),
      cmocka_unit_test(hosts_list_the_reference_presets_first),
      cmocka_unit_test(hosts_list_twisted_pair_right_before_star_quad),
      cmocka_unit_test(carla_and_ardour_list_the_presets_in_one_order),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
