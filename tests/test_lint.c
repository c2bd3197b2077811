/* lv2lint's rules (lv2lint is not packaged in Debian 12) that
 * test_metadata.c does not already check, as a host sees the bundle
 * through lilv: the plugin verifies; its maintainer can be reached; every
 * feature, extension, port class and port property it names is declared by
 * a specification; numbers have the type their port's properties promise;
 * scale-point labels are unique; extension_data() answers exactly what the
 * TTL declares, and Ardour's queue_draw is optional. And for the UI: an X11 UI
 * in a binary of its own, needing no instance-access or data-access, whose
 * idle, show and resize interfaces agree with its TTL, with a float
 * notification for every output port. tests/check-binary.sh checks the
 * binaries' symbols and libraries. */
#define _POSIX_C_SOURCE 200809L
#include <dlfcn.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>
#include <lilv/lilv.h>
#include <lv2/core/lv2.h>
#include <lv2/instance-access/instance-access.h>
#include <lv2/options/options.h>
#include <lv2/state/state.h>
#include <lv2/ui/ui.h>
#include <lv2/worker/worker.h>

#include "host.h"
#include "inline_display.h"
#include "ports.h"
#include "world.h"

#define RDF_TYPE         "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
#define RDFS_SUBCLASS_OF "http://www.w3.org/2000/01/rdf-schema#subClassOf"
#define RDFS_COMMENT     "http://www.w3.org/2000/01/rdf-schema#comment"
#define DOAP_NAME        "http://usefulinc.com/ns/doap#name"
#define DATA_ACCESS      "http://lv2plug.in/ns/ext/data-access"
#define UNITS_UNIT       "http://lv2plug.in/ns/extensions/units#unit"
#define PG_GROUP         "http://lv2plug.in/ns/ext/port-groups#group"
#define UI_RESIDENT      LV2_UI_PREFIX "makeSONameResident"
#define NOT_AN_EXTENSION "urn:balun:test#no-such-extension"

static const LilvPlugin *plugin;
static LilvUIs *uis;

static LilvNode *uri(const char *s)
{
  return lilv_new_uri(world, s);
}

/* Does `subject predicate object` hold (object NULL: any)? */
static bool ask(const LilvNode *subject, const char *predicate,
                const char *object)
{
  LilvNode *p = uri(predicate), *o = object ? uri(object) : NULL;
  const bool holds = lilv_world_ask(world, subject, p, o);
  lilv_node_free(o);
  lilv_node_free(p);
  return holds;
}

static int setup(void **state)
{
  if (world_setup(state)) return -1;
  plugin = host_find(world, BALUN_URI);
  if (!plugin) {
    fprintf(stderr, "%s not found: is LV2_PATH set?\n", BALUN_URI);
    return -1;
  }
  uis = lilv_plugin_get_uis(plugin);
  return 0;
}

static int teardown(void **state)
{
  lilv_uis_free(uis);
  return world_teardown(state);
}

/* ---- the plugin ---- */

static void plugin_verifies(void **state)
{
  (void)state;
  assert_true(lilv_plugin_verify(plugin));
}

/* lv2lint warns unless the maintainer has a foaf:name, a foaf:mbox (a
 * mailto: URI) and a foaf:homepage, and wants the project named. */
static void maintainer_can_be_reached_and_project_is_named(void **state)
{
  (void)state;
  LilvNode *author = lilv_plugin_get_author_name(plugin);
  if (!author || !lilv_node_is_string(author) || !*lilv_node_as_string(author))
    fail_msg("the maintainer has no foaf:name");
  lilv_node_free(author);
  LilvNode *email = lilv_plugin_get_author_email(plugin);
  if (!email) fail_msg("the maintainer has no foaf:mbox");
  if (!lilv_node_is_uri(email) ||
      strncmp(lilv_node_as_uri(email), "mailto:", 7) ||
      !strchr(lilv_node_as_uri(email), '@'))
    fail_msg("the maintainer's foaf:mbox <%s> is not a mailto: address",
             lilv_node_as_string(email));
  lilv_node_free(email);
  LilvNode *homepage = lilv_plugin_get_author_homepage(plugin);
  if (!homepage || !lilv_node_is_uri(homepage))
    fail_msg("the maintainer has no foaf:homepage URI");
  lilv_node_free(homepage);
  LilvNode *project = lilv_plugin_get_project(plugin), *name_p = uri(DOAP_NAME);
  assert_non_null(project);
  LilvNode *name = lilv_world_get(world, project, name_p, NULL);
  if (!name || !lilv_node_is_string(name) || !*lilv_node_as_string(name))
    fail_msg("the project has no doap:name");
  lilv_node_free(name);
  lilv_node_free(name_p);
  lilv_node_free(project);
}

/* Every node of `nodes` is declared `a class` by some loaded specification;
 * NULL if so, else the first one that is not. */
static const char *first_undeclared(const LilvNodes *nodes, const char *class,
                                    const char *predicate)
{
  LilvNode *p = uri(predicate), *c = uri(class);
  LilvNodes *declared = lilv_world_find_nodes(world, NULL, p, c);
  const char *missing = NULL;
  LILV_FOREACH(nodes, i, nodes)
  if (!missing && !lilv_nodes_contains(declared, lilv_nodes_get(nodes, i)))
    missing = lilv_node_as_uri(lilv_nodes_get(nodes, i));
  lilv_nodes_free(declared);
  lilv_node_free(c);
  lilv_node_free(p);
  return missing;
}

static void features_and_extensions_are_declared_by_specifications(void **state)
{
  (void)state;
  LilvNodes *features = lilv_plugin_get_supported_features(plugin);
  const char *f = first_undeclared(features, LV2_CORE__Feature, RDF_TYPE);
  if (f) fail_msg("feature <%s> is not an lv2:Feature", f);
  lilv_nodes_free(features);
  LilvNodes *data = lilv_plugin_get_extension_data(plugin);
  const char *e = first_undeclared(data, LV2_CORE__ExtensionData, RDF_TYPE);
  if (e) fail_msg("extension data <%s> is not an lv2:ExtensionData", e);
  lilv_nodes_free(data);
}

/* extension_data() answers NULL for what it does not know, something for
 * every lv2:extensionData of the TTL, and nothing the TTL does not
 * declare among the interfaces hosts ask for. */
static void extension_data_answers_what_the_ttl_declares(void **state)
{
  (void)state;
  char err[512];
  host_plugin *h = host_load(world, BALUN_URI, 48000, 64, err, sizeof err);
  if (!h) fail_msg("%s", err);
  const LV2_Descriptor *d = lilv_instance_get_descriptor(host_instance(h));
  if (d->extension_data && d->extension_data(NOT_AN_EXTENSION))
    fail_msg("extension_data() answers an unknown URI");
  LilvNodes *data = lilv_plugin_get_extension_data(plugin);
  LILV_FOREACH(nodes, i, data)
  {
    const char *u = lilv_node_as_uri(lilv_nodes_get(data, i));
    if (!d->extension_data || !d->extension_data(u))
      fail_msg("the TTL declares <%s>, extension_data() gives NULL", u);
  }
  static const char *const known[] = {
      LV2_STATE__interface, LV2_OPTIONS__interface, LV2_WORKER__interface,
      LV2_INLINEDISPLAY__interface};
  for (size_t k = 0; k < sizeof known / sizeof known[0]; ++k) {
    LilvNode *n = uri(known[k]);
    if (d->extension_data && d->extension_data(known[k]) &&
        !lilv_nodes_contains(data, n))
      fail_msg("extension_data() gives <%s>, which the TTL lacks", known[k]);
    lilv_node_free(n);
  }
  lilv_nodes_free(data);
  host_free(h);
}

/* Ardour's inline display: the view is given as declared (above), and its
 * queue_draw is optional, as only Ardour offers it: a plugin requiring it
 * would load nowhere else. */
static void inline_display_feature_is_optional(void **state)
{
  (void)state;
  const LilvNode *id = lilv_plugin_get_uri(plugin);
  if (ask(id, LV2_CORE__extensionData, LV2_INLINEDISPLAY__interface) &&
      !ask(id, LV2_CORE__optionalFeature, LV2_INLINEDISPLAY__queue_draw))
    fail_msg("the inline display without queue_draw as an optional feature");
  if (ask(id, LV2_CORE__requiredFeature, LV2_INLINEDISPLAY__queue_draw))
    fail_msg("<%s> is required", LV2_INLINEDISPLAY__queue_draw);
}

/* ---- the ports ---- */

static void port_classes_and_properties_are_declared(void **state)
{
  (void)state;
  for (uint32_t i = 0; i < lilv_plugin_get_num_ports(plugin); ++i) {
    const LilvPort *port = lilv_plugin_get_port_by_index(plugin, i);
    const char *missing = first_undeclared(lilv_port_get_classes(plugin, port),
                                           LV2_CORE__Port, RDFS_SUBCLASS_OF);
    if (missing) fail_msg("port %u: class <%s> is not an lv2:Port", i, missing);
    LilvNodes *props = lilv_port_get_properties(plugin, port);
    missing = first_undeclared(props, LV2_CORE__PortProperty, RDF_TYPE);
    if (missing)
      fail_msg("port %u: <%s> is not an lv2:PortProperty", i, missing);
    lilv_nodes_free(props);
  }
}

/* A number of an integer port is whole, of a toggle 0 or 1 (lv2lint: "no
 * whole value", "no boolean value"). */
static void check_number(const char *symbol, const char *what,
                         const LilvNode *n, bool integer, bool toggled)
{
  if (!n || !(lilv_node_is_float(n) || lilv_node_is_int(n)))
    fail_msg("%s: %s is not a number", symbol, what);
  const float v = lilv_node_as_float(n);
  if (integer && v != floorf(v))
    fail_msg("%s: %s %g is not whole", symbol, what, v);
  if (toggled && v != 0.0f && v != 1.0f)
    fail_msg("%s: %s %g is not 0 or 1", symbol, what, v);
}

static void numbers_have_the_type_their_port_promises(void **state)
{
  (void)state;
  LilvNode *integer = uri(LV2_CORE__integer), *toggled = uri(LV2_CORE__toggled);
  for (uint32_t i = 0; i < lilv_plugin_get_num_ports(plugin); ++i) {
    const LilvPort *port = lilv_plugin_get_port_by_index(plugin, i);
    const char *symbol =
        lilv_node_as_string(lilv_port_get_symbol(plugin, port));
    const bool is_int = lilv_port_has_property(plugin, port, integer);
    const bool is_toggle = lilv_port_has_property(plugin, port, toggled);
    LilvNode *def = NULL, *min = NULL, *max = NULL;
    lilv_port_get_range(plugin, port, &def, &min, &max);
    if (def) check_number(symbol, "default", def, is_int, is_toggle);
    if (min) check_number(symbol, "minimum", min, is_int, false);
    if (max) check_number(symbol, "maximum", max, is_int, false);
    LilvScalePoints *points = lilv_port_get_scale_points(plugin, port);
    LILV_FOREACH(scale_points, p, points)
    check_number(symbol, "scale point",
                 lilv_scale_point_get_value(lilv_scale_points_get(points, p)),
                 is_int, is_toggle);
    lilv_scale_points_free(points);
    lilv_node_free(def);
    lilv_node_free(min);
    lilv_node_free(max);
  }
  lilv_node_free(toggled);
  lilv_node_free(integer);
}

/* A host's menu shows labels: no two alike on one port. */
static void scale_point_labels_are_unique(void **state)
{
  (void)state;
  for (uint32_t i = 0; i < lilv_plugin_get_num_ports(plugin); ++i) {
    const LilvPort *port = lilv_plugin_get_port_by_index(plugin, i);
    LilvScalePoints *points = lilv_port_get_scale_points(plugin, port);
    LILV_FOREACH(scale_points, a, points)
    {
      const char *label = lilv_node_as_string(
          lilv_scale_point_get_label(lilv_scale_points_get(points, a)));
      int same = 0;
      LILV_FOREACH(scale_points, b, points)
      same += !strcmp(label, lilv_node_as_string(lilv_scale_point_get_label(
                                 lilv_scale_points_get(points, b))));
      if (same != 1)
        fail_msg("port %u: the label \"%s\" %d times", i, label, same);
    }
    lilv_scale_points_free(points);
  }
}

static void comments_are_text_groups_and_units_uris(void **state)
{
  (void)state;
  LilvNode *comment_p = uri(RDFS_COMMENT), *group_p = uri(PG_GROUP),
           *unit_p = uri(UNITS_UNIT);
  for (uint32_t i = 0; i < lilv_plugin_get_num_ports(plugin); ++i) {
    const LilvPort *port = lilv_plugin_get_port_by_index(plugin, i);
    LilvNode *comment = lilv_port_get(plugin, port, comment_p);
    LilvNode *group = lilv_port_get(plugin, port, group_p);
    LilvNode *unit = lilv_port_get(plugin, port, unit_p);
    if (comment && !lilv_node_is_string(comment))
      fail_msg("port %u: rdfs:comment is not text", i);
    if (group && !lilv_node_is_uri(group))
      fail_msg("port %u: pg:group is not a URI", i);
    if (unit && !lilv_node_is_uri(unit))
      fail_msg("port %u: units:unit is not a URI", i);
    lilv_node_free(unit);
    lilv_node_free(group);
    lilv_node_free(comment);
  }
  lilv_node_free(unit_p);
  lilv_node_free(group_p);
  lilv_node_free(comment_p);
}

/* ---- the UI ---- */

/* The UI; the test is skipped while the bundle has none. Its binary
 * exists exactly when the TTL declares a UI. */
static const LilvUI *the_ui(void)
{
  char *dir = lilv_file_uri_parse(
      lilv_node_as_uri(lilv_plugin_get_bundle_uri(plugin)), NULL);
  char path[4096];
  snprintf(path, sizeof path, "%sbalun_ui.so", dir);
  lilv_free(dir);
  struct stat st;
  const bool binary = !stat(path, &st);
  const unsigned n = uis ? lilv_uis_size(uis) : 0;
  if (binary && n != 1) fail_msg("balun_ui.so is there; the TTL has %u UIs", n);
  if (!binary && n) fail_msg("the TTL declares a UI; balun_ui.so is missing");
  if (!n) skip();
  const LilvUI *ui = lilv_uis_get(uis, lilv_uis_begin(uis));
  lilv_world_load_resource(world, lilv_ui_get_uri(ui));
  return ui;
}

static void ui_is_x11_in_its_own_binary_and_needs_no_access(void **state)
{
  (void)state;
  const LilvUI *ui = the_ui();
  const LilvNode *id = lilv_ui_get_uri(ui);
  LilvNode *x11 = uri(LV2_UI__X11UI);
  assert_true(lilv_ui_is_a(ui, x11));
  lilv_node_free(x11);
  if (lilv_node_equals(lilv_ui_get_binary_uri(ui),
                       lilv_plugin_get_library_uri(plugin)))
    fail_msg("the UI shares the DSP's binary");
  static const char *const never_required[] = {
      LV2_INSTANCE_ACCESS_URI, DATA_ACCESS, LV2_UI__parent, LV2_UI__resize};
  for (size_t k = 0; k < 4; ++k)
    if (ask(id, LV2_CORE__requiredFeature, never_required[k]))
      fail_msg("the UI requires <%s>", never_required[k]);
  if (ask(id, UI_RESIDENT, NULL)) fail_msg("ui:makeSONameResident is gone");
  if (ask(id, LV2_OPTIONS__supportedOption, NULL) &&
      !ask(id, LV2_CORE__optionalFeature, LV2_OPTIONS__options) &&
      !ask(id, LV2_CORE__requiredFeature, LV2_OPTIONS__options))
    fail_msg("the UI supports options but does not ask for opts:options");
}

/* lv2lint's idle/show/resize rules: an interface the binary gives is
 * declared as extension data, and one declared is given; idle also as a
 * feature. */
static void ui_interfaces_agree_with_the_ttl(void **state)
{
  (void)state;
  const LilvUI *ui = the_ui();
  const LilvNode *id = lilv_ui_get_uri(ui);
  char *path =
      lilv_file_uri_parse(lilv_node_as_uri(lilv_ui_get_binary_uri(ui)), NULL);
  void *lib = dlopen(path, RTLD_NOW | RTLD_LOCAL);
  if (!lib) fail_msg("%s", dlerror());
  LV2UI_DescriptorFunction descriptors;
  *(void **)&descriptors = dlsym(lib, "lv2ui_descriptor");
  assert_non_null(descriptors);
  const LV2UI_Descriptor *d = NULL;
  for (uint32_t i = 0; !d && descriptors(i); ++i)
    if (!strcmp(descriptors(i)->URI, lilv_node_as_uri(id))) d = descriptors(i);
  if (!d) fail_msg("%s has no descriptor for <%s>", path, lilv_node_as_uri(id));
  if (d->extension_data && d->extension_data(NOT_AN_EXTENSION))
    fail_msg("the UI's extension_data() answers an unknown URI");
  static const char *const interfaces[] = {
      LV2_UI__idleInterface, LV2_UI__showInterface, LV2_UI__resize};
  for (size_t k = 0; k < 3; ++k) {
    const bool given =
        d->extension_data && d->extension_data(interfaces[k]) != NULL;
    const bool declared = ask(id, LV2_CORE__extensionData, interfaces[k]);
    if (given != declared)
      fail_msg("<%s>: %s, but %s in the TTL", interfaces[k],
               given ? "given" : "not given",
               declared ? "declared" : "not declared");
  }
  const bool idle = ask(id, LV2_CORE__extensionData, LV2_UI__idleInterface);
  if (idle != (ask(id, LV2_CORE__requiredFeature, LV2_UI__idleInterface) ||
               ask(id, LV2_CORE__optionalFeature, LV2_UI__idleInterface)))
    fail_msg("ui:idleInterface as extension data and as a feature differ");
  /* not dlclose()d: libpixman, which the UI brings in, would leave what
   * its constructor allocated behind, and LeakSanitizer report it */
  lilv_free(path);
}

/* lv2-and-hosts.md: the UI declares ui:portNotification with
 * ui:floatProtocol for each output meant for display: all of ours. */
static void ui_is_notified_of_every_output_port(void **state)
{
  (void)state;
  const LilvUI *ui = the_ui();
  LilvNode *notification_p = uri(LV2_UI__portNotification),
           *symbol_p = uri(LV2_CORE__symbol),
           *protocol_p = uri(LV2_UI__protocol);
  LilvNodes *notes =
      lilv_world_find_nodes(world, lilv_ui_get_uri(ui), notification_p, NULL);
  for (int o = 0; o < PORT_COUNT; ++o) {
    if (!port_is_output(o)) continue;
    bool found = false;
    LILV_FOREACH(nodes, i, notes)
    {
      const LilvNode *note = lilv_nodes_get(notes, i);
      LilvNode *symbol = lilv_world_get(world, note, symbol_p, NULL);
      LilvNode *protocol = lilv_world_get(world, note, protocol_p, NULL);
      if (symbol && !strcmp(lilv_node_as_string(symbol), balun_ports[o].symbol))
        found = protocol &&
                !strcmp(lilv_node_as_uri(protocol), LV2_UI__floatProtocol);
      lilv_node_free(protocol);
      lilv_node_free(symbol);
    }
    if (!found)
      fail_msg("no float notification of %s for the UI", balun_ports[o].symbol);
  }
  LILV_FOREACH(nodes, i, notes)
  {
    LilvNode *symbol =
        lilv_world_get(world, lilv_nodes_get(notes, i), symbol_p, NULL);
    const int port = symbol ? port_by_symbol(lilv_node_as_string(symbol)) : -1;
    if (port < 0) fail_msg("a notification names no port of the plugin");
    lilv_node_free(symbol);
  }
  lilv_nodes_free(notes);
  lilv_node_free(protocol_p);
  lilv_node_free(symbol_p);
  lilv_node_free(notification_p);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(plugin_verifies),
      cmocka_unit_test(maintainer_can_be_reached_and_project_is_named),
      cmocka_unit_test(features_and_extensions_are_declared_by_specifications),
      cmocka_unit_test(extension_data_answers_what_the_ttl_declares),
      cmocka_unit_test(inline_display_feature_is_optional),
      cmocka_unit_test(port_classes_and_properties_are_declared),
      cmocka_unit_test(numbers_have_the_type_their_port_promises),
      cmocka_unit_test(scale_point_labels_are_unique),
      cmocka_unit_test(comments_are_text_groups_and_units_uris),
      cmocka_unit_test(ui_is_x11_in_its_own_binary_and_needs_no_access),
      cmocka_unit_test(ui_interfaces_agree_with_the_ttl),
      cmocka_unit_test(ui_is_notified_of_every_output_port),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
