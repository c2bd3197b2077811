# Balun: an LV2 interconnect simulator.
#   make            build the bundle in plugin.lv2/ and the tools in build/
#   make install    copy the bundle to $(DESTDIR)$(LV2DIR)/balun.lv2
#   make check      build and run every test (see tests/run)
#   make bench      cost of Balun against x42-eq, as a ratio

PREFIX ?=
ifeq ($(PREFIX),)
LV2DIR ?= $(HOME)/.lv2
else
LV2DIR ?= $(PREFIX)/lib/lv2
endif
BUNDLE = balun.lv2

# -O3: the DSP's loops vectorise (the output is bit-identical to -O2's:
# no fast-math, tests/test_reference_renders.c), about 20 % cheaper.
OPT     ?= -O3
CFLAGS  ?= $(OPT) -g
WARN     = -std=c11 -Wall -Wextra -Wshadow -Wstrict-prototypes
DEPFLAGS = -MMD -MP
# The DSP: position-independent, nothing exported but lv2_descriptor.
PLUGIN_CFLAGS  = $(WARN) $(CFLAGS) -fPIC -fvisibility=hidden
PLUGIN_LDFLAGS = -shared -Wl,--no-undefined -Wl,-z,defs -lm

PKGS_HOST = lilv-0 sndfile
PKGS_TEST = $(PKGS_HOST) cmocka fftw3
PKGS_UI = cairo x11

# Fail early, and say what to install. The test packages are needed only
# by `make check`.
PKG_MISSING = $(strip $(foreach p,$(1),$(if $(shell pkg-config --exists $(p) && echo y),,$(p))))
MISSING := $(call PKG_MISSING,lv2 $(PKGS_HOST) $(PKGS_UI))
ifneq ($(MISSING),)
$(error Missing pkg-config packages: $(MISSING). Run tools/install-deps)
endif
ifneq ($(filter check,$(MAKECMDGOALS)),)
MISSING_TEST := $(call PKG_MISSING,$(PKGS_TEST))
ifneq ($(MISSING_TEST),)
$(error Missing pkg-config packages for the tests: $(MISSING_TEST). Run tools/install-deps --test)
endif
endif

BUILD = build

MODEL_SRC = src/ports.c src/setup.c src/interface.c src/noise.c src/cable.c \
            src/cmrr.c src/mains.c src/ground.c src/rf.c src/figures.c \
            src/clip.c src/headphone.c src/circuit.c src/nodal.c \
            src/circuit_figures.c src/path_hum.c src/circuit_spectrum.c \
            src/cable_filter.c
ENGINE_SRC = src/engine.c src/wavetable.c src/mains_grid.c \
             src/am_radio.c src/readout_clock.c src/biquad.c \
             src/headphone_stage.c src/hum_tables.c src/hum_drift.c
# Ardour's inline display: the view as pixels, and its LV2 side.
DISPLAY_SRC = src/strip_view.c src/inline_display.c
DSP_SRC = $(MODEL_SRC) $(ENGINE_SRC) $(DISPLAY_SRC) src/lv2_plugin.c

MODEL_OBJ = $(MODEL_SRC:%.c=$(BUILD)/%.o)
ENGINE_OBJ = $(ENGINE_SRC:%.c=$(BUILD)/%.o)
DSP_OBJ = $(DSP_SRC:%.c=$(BUILD)/%.o)

# The UI: Pugl 0.5 with its Cairo backend compiled in, from Debian's
# dpf-source (a system pugl-cairo-0 is used where one exists), symbols
# hidden: balun_ui.so exports only lv2ui_descriptor, links cairo and X11.
PUGL_DIR ?= /usr/share/dpf/dgl/src/pugl-upstream
ifeq ($(shell pkg-config --exists pugl-cairo-0 && echo y),y)
PUGL_CFLAGS := $(shell pkg-config --cflags pugl-cairo-0)
PUGL_LIBS := $(shell pkg-config --libs pugl-cairo-0)
PUGL_OBJ =
else
ifeq ($(wildcard $(PUGL_DIR)/src/x11_cairo.c),)
$(error Pugl sources not found in $(PUGL_DIR). Run tools/install-deps (package dpf-source), or set PUGL_DIR)
endif
PUGL_CFLAGS = -I$(PUGL_DIR)/include -DPUGL_STATIC -DPUGL_API= \
              -DPUGL_DISABLE_DEPRECATED
PUGL_LIBS =
PUGL_OBJ = $(addprefix $(BUILD)/pugl/,common.o internal.o x11.o x11_cairo.o)
endif
UI_SRC = gui/ui_lv2.c gui/window.c gui/ui.c gui/layout.c gui/draw.c \
         gui/format.c gui/port_io.c gui/controls.c gui/schematic_parts.c \
         gui/schematic_stage.c gui/schematic.c gui/plot.c gui/readouts.c \
         gui/listening.c gui/abx.c
UI_OBJ = $(UI_SRC:%.c=$(BUILD)/%.o)
# What draws the view, without the window and the LV2 glue (for tests).
UI_VIEW_OBJ = $(filter-out $(BUILD)/gui/ui_lv2.o $(BUILD)/gui/window.o,$(UI_OBJ))
UI_HOST = $(BUILD)/tests/ui-host

TTL = $(wildcard ttl/*.ttl)
PRESETS = $(wildcard presets/*.ttl)

HOST_SRC = tools/host.c tools/host_preset.c tools/programme.c
HOST_OBJ = $(HOST_SRC:%.c=$(BUILD)/%.o)
TOOLS = $(BUILD)/balun-render $(BUILD)/balun-bench

TEST_SRC = $(wildcard tests/test_*.c)
TESTS = $(TEST_SRC:tests/%.c=$(BUILD)/tests/%)
TEST_HELPER_OBJ = $(BUILD)/tests/spectrum.o $(BUILD)/tests/world.o
TEST_HELPER_OBJ += $(BUILD)/tests/preset_model.o
# What the host checks (tests/check-jalv.sh, check-ardour.sh) run to know
# what jalv and Ardour must show: preset files and the model, no plugin.
HOST_CHECK_TOOLS = $(BUILD)/tests/expect $(BUILD)/tests/ardour_scene

all: bundle $(TOOLS)

bundle: plugin.lv2/balun.so plugin.lv2/balun_ui.so $(TTL:ttl/%=plugin.lv2/%) \
        $(PRESETS:presets/%=plugin.lv2/%)
	@for f in plugin.lv2/*.ttl; do b=$${f#plugin.lv2/}; \
	  [ -f ttl/$$b ] || [ -f presets/$$b ] || \
	  { echo "removing $$f: no longer in ttl/ or presets/"; rm -f $$f; }; done

plugin.lv2/balun.so: $(DSP_OBJ)
	@mkdir -p plugin.lv2
	$(CC) $(CFLAGS) -o $@ $^ $(PLUGIN_LDFLAGS)

plugin.lv2/balun_ui.so: $(UI_OBJ) $(PUGL_OBJ) $(MODEL_OBJ) gui/exports.map
	@mkdir -p plugin.lv2
	$(CC) $(CFLAGS) -o $@ $(filter %.o,$^) $(PLUGIN_LDFLAGS) $(PUGL_LIBS) \
	  $(shell pkg-config --libs $(PKGS_UI)) \
	  -Wl,--version-script=gui/exports.map

$(BUILD)/gui/%.o: gui/%.c
	@mkdir -p $(dir $@)
	$(CC) $(PLUGIN_CFLAGS) $(DEPFLAGS) -Isrc $(PUGL_CFLAGS) \
	  $(shell pkg-config --cflags lv2 $(PKGS_UI)) -c $< -o $@

# Pugl is third-party code: built as its authors do, warnings theirs.
$(BUILD)/pugl/%.o: $(PUGL_DIR)/src/%.c
	@mkdir -p $(dir $@)
	$(CC) -std=c11 $(CFLAGS) -fPIC -fvisibility=hidden \
	  -D_POSIX_C_SOURCE=200809L $(PUGL_CFLAGS) \
	  $(shell pkg-config --cflags $(PKGS_UI)) -c $< -o $@

plugin.lv2/%.ttl: ttl/%.ttl
	@mkdir -p plugin.lv2
	cp $< $@

plugin.lv2/%.ttl: presets/%.ttl
	@mkdir -p plugin.lv2
	cp $< $@

$(BUILD)/src/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(CC) $(PLUGIN_CFLAGS) $(DEPFLAGS) $(shell pkg-config --cflags lv2) \
	  -c $< -o $@

$(BUILD)/tools/%.o: tools/%.c
	@mkdir -p $(dir $@)
	$(CC) $(WARN) $(CFLAGS) $(DEPFLAGS) -Isrc \
	  $(shell pkg-config --cflags $(PKGS_HOST)) -c $< -o $@

$(BUILD)/balun-render: $(BUILD)/tools/render.o $(BUILD)/tools/wav_float.o \
                      $(HOST_OBJ)
	$(CC) $(CFLAGS) -o $@ $^ $(shell pkg-config --libs $(PKGS_HOST)) -lm

$(BUILD)/balun-bench: $(BUILD)/tools/bench.o $(HOST_OBJ)
	$(CC) $(CFLAGS) -o $@ $^ $(shell pkg-config --libs $(PKGS_HOST)) -lm

# Tests see the model, the engine and the host helpers; -rdynamic lets the
# allocation counter in a test replace malloc for the plugin it loads.
$(BUILD)/tests/%.o: tests/%.c
	@mkdir -p $(dir $@)
	$(CC) $(WARN) $(CFLAGS) $(DEPFLAGS) -Isrc -Itools \
	  $(shell pkg-config --cflags $(PKGS_TEST)) -c $< -o $@

$(BUILD)/tests/%: $(BUILD)/tests/%.o $(TEST_HELPER_OBJ) $(HOST_OBJ) \
                  $(MODEL_OBJ) $(ENGINE_OBJ)
	$(CC) $(CFLAGS) -rdynamic -o $@ $^ \
	  $(shell pkg-config --libs $(PKGS_TEST)) -lm

# The UI's tests: the ABX logic alone; the view drawn off screen; and a
# host (lilv finds the UI, dlopen loads it, X11 gives it a parent window)
# that tests/check-ui*.sh drive under Xvfb.
$(BUILD)/tests/test_abx: $(BUILD)/gui/abx.o
# The mixer-strip view rendered through lilv: its layout to measure the
# bars against, cairo to save PNGs of it.
$(BUILD)/tests/test_inline_display: $(BUILD)/src/strip_view.o
$(BUILD)/tests/test_inline_display.o $(BUILD)/tests/test_inline_display: \
  PKGS_TEST += $(PKGS_UI)
$(BUILD)/tests/test_ui_render: $(UI_VIEW_OBJ)
$(BUILD)/tests/test_ui_render.o $(BUILD)/tests/test_ui_render: \
  PKGS_TEST += $(PKGS_UI)
$(UI_HOST): $(BUILD)/tests/ui_host.o $(HOST_OBJ) $(BUILD)/gui/layout.o \
            $(BUILD)/src/ports.o
	$(CC) $(CFLAGS) -o $@ $^ $(shell pkg-config --libs $(PKGS_HOST) x11) \
	  -ldl -lm

# Hardening (README "Hardening"): test_realtime and the fuzz target count
# allocations, test_longrun counts denormal operations. The fuzz target
# replays its committed inputs in `make check` (tests/check-fuzz-corpus.sh)
# and is fuzzed by libFuzzer in `make fuzz`.
$(BUILD)/tests/test_realtime: $(BUILD)/tests/alloc_count.o \
                             $(BUILD)/tests/denormal_count.o
$(BUILD)/tests/test_longrun: $(BUILD)/tests/denormal_count.o
# The solved circuit against ngspice: the same netlist, written for it.
$(BUILD)/tests/test_circuit: $(BUILD)/tests/spice_netlist.o
# ... and the plugin as a host runs it, against ngspice on the same netlists.
$(BUILD)/tests/test_spice_render: $(BUILD)/tests/spice_netlist.o
FUZZ_OBJ = $(BUILD)/tests/fuzz_plugin.o $(BUILD)/tests/alloc_count.o $(DSP_OBJ)
$(BUILD)/balun-fuzz-replay: $(BUILD)/tests/fuzz_replay.o $(FUZZ_OBJ)
	$(CC) $(CFLAGS) -o $@ $^ -lm
$(BUILD)/balun-fuzz: $(FUZZ_OBJ)
	$(CC) $(CFLAGS) -fsanitize=fuzzer -o $@ $^ -lm
check: $(BUILD)/balun-fuzz-replay

# run() and the inline display's render() on two threads under
# ThreadSanitizer (tests/check-inline-display-race.sh): the DSP's sources
# once more, with clang's TSan whatever CC and CFLAGS say.
TSAN_FLAGS = -std=c11 -O1 -g -fsanitize=thread
$(BUILD)/inline-display-race: tests/inline_display_race.c $(DSP_SRC) \
                              $(wildcard src/*.h)
	@mkdir -p $(dir $@)
	clang $(TSAN_FLAGS) -Isrc $(shell pkg-config --cflags lv2) -o $@ \
	  $(filter %.c,$^) -lm -lpthread
check: $(BUILD)/inline-display-race

# Variant builds in trees of their own (tools/variant-tree): everything
# with ASan and UBSan in build-asan/, the libFuzzer target in build-fuzz/.
FUZZ_SECONDS ?= 60
check-sanitize:
	tools/check-sanitize
fuzz:
	tools/fuzz $(FUZZ_SECONDS)

# LV2_PATH names folders that hold bundles: point one at plugin.lv2.
LV2_PATH_BUILD = $(CURDIR)/$(BUILD)/lv2:/usr/lib/lv2
$(BUILD)/lv2/$(BUNDLE):
	@mkdir -p $(BUILD)/lv2
	ln -sfn $(CURDIR)/plugin.lv2 $@

check: $(HOST_CHECK_TOOLS)
check: all $(TESTS) $(UI_HOST) $(BUILD)/lv2/$(BUNDLE)
	LV2_PATH=$(LV2_PATH_BUILD) tests/run $(TESTS)

bench: all $(BUILD)/lv2/$(BUNDLE)
	LV2_PATH=$(LV2_PATH_BUILD) $(BUILD)/balun-bench

# Turtle files of an older install (presets since renamed) go first.
install: bundle
	install -d $(DESTDIR)$(LV2DIR)/$(BUNDLE)
	rm -f $(DESTDIR)$(LV2DIR)/$(BUNDLE)/*.ttl
	install -m 644 plugin.lv2/*.ttl $(DESTDIR)$(LV2DIR)/$(BUNDLE)/
	install -m 755 plugin.lv2/balun.so plugin.lv2/balun_ui.so \
	  $(DESTDIR)$(LV2DIR)/$(BUNDLE)/

uninstall:
	rm -rf $(DESTDIR)$(LV2DIR)/$(BUNDLE)

format:
	clang-format -i src/*.[ch] tools/*.[ch] tests/*.[ch] gui/*.[ch]

clean:
	rm -rf $(BUILD) plugin.lv2 build-asan build-fuzz

.PHONY: all bundle check bench install uninstall format clean \
        check-sanitize fuzz
.SECONDARY:

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
