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

OPT     ?= -O2
CFLAGS  ?= $(OPT) -g
WARN     = -std=c11 -Wall -Wextra -Wshadow -Wstrict-prototypes
DEPFLAGS = -MMD -MP
# The DSP: position-independent, nothing exported but lv2_descriptor.
PLUGIN_CFLAGS  = $(WARN) $(CFLAGS) -fPIC -fvisibility=hidden
PLUGIN_LDFLAGS = -shared -Wl,--no-undefined -Wl,-z,defs -lm

PKGS_HOST = lilv-0 sndfile
PKGS_TEST = $(PKGS_HOST) cmocka fftw3

# Fail early, and say what to install. The test packages are needed only
# by `make check`.
PKG_MISSING = $(strip $(foreach p,$(1),$(if $(shell pkg-config --exists $(p) && echo y),,$(p))))
MISSING := $(call PKG_MISSING,lv2 $(PKGS_HOST))
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
            src/cmrr.c src/mains.c src/ground.c src/rf.c src/figures.c
ENGINE_SRC = src/engine.c src/wavetable.c src/cable_filter.c src/am_radio.c
DSP_SRC = $(MODEL_SRC) $(ENGINE_SRC) src/lv2_plugin.c

MODEL_OBJ = $(MODEL_SRC:%.c=$(BUILD)/%.o)
ENGINE_OBJ = $(ENGINE_SRC:%.c=$(BUILD)/%.o)
DSP_OBJ = $(DSP_SRC:%.c=$(BUILD)/%.o)

TTL = $(wildcard ttl/*.ttl)
PRESETS = $(wildcard presets/*.ttl)

HOST_SRC = tools/host.c tools/programme.c
HOST_OBJ = $(HOST_SRC:%.c=$(BUILD)/%.o)
TOOLS = $(BUILD)/balun-render $(BUILD)/balun-bench

TEST_SRC = $(wildcard tests/test_*.c)
TESTS = $(TEST_SRC:tests/%.c=$(BUILD)/tests/%)
TEST_HELPER_OBJ = $(BUILD)/tests/spectrum.o $(BUILD)/tests/world.o

all: bundle $(TOOLS)

bundle: plugin.lv2/balun.so $(TTL:ttl/%=plugin.lv2/%) \
        $(PRESETS:presets/%=plugin.lv2/%)
	@for f in plugin.lv2/*.ttl; do b=$${f#plugin.lv2/}; \
	  [ -f ttl/$$b ] || [ -f presets/$$b ] || \
	  { echo "removing $$f: no longer in ttl/ or presets/"; rm -f $$f; }; done

plugin.lv2/balun.so: $(DSP_OBJ)
	@mkdir -p plugin.lv2
	$(CC) $(CFLAGS) -o $@ $^ $(PLUGIN_LDFLAGS)

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

$(BUILD)/balun-render: $(BUILD)/tools/render.o $(HOST_OBJ)
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

# LV2_PATH names folders that hold bundles: point one at plugin.lv2.
LV2_PATH_BUILD = $(CURDIR)/$(BUILD)/lv2:/usr/lib/lv2
$(BUILD)/lv2/$(BUNDLE):
	@mkdir -p $(BUILD)/lv2
	ln -sfn $(CURDIR)/plugin.lv2 $@

check: all $(TESTS) $(BUILD)/lv2/$(BUNDLE)
	LV2_PATH=$(LV2_PATH_BUILD) tests/run $(TESTS)

bench: all $(BUILD)/lv2/$(BUNDLE)
	LV2_PATH=$(LV2_PATH_BUILD) $(BUILD)/balun-bench

install: bundle
	install -d $(DESTDIR)$(LV2DIR)/$(BUNDLE)
	install -m 644 plugin.lv2/*.ttl $(DESTDIR)$(LV2DIR)/$(BUNDLE)/
	install -m 755 plugin.lv2/balun.so $(DESTDIR)$(LV2DIR)/$(BUNDLE)/

uninstall:
	rm -rf $(DESTDIR)$(LV2DIR)/$(BUNDLE)

format:
	clang-format -i src/*.[ch] tools/*.[ch] tests/*.[ch]

clean:
	rm -rf $(BUILD) plugin.lv2

.PHONY: all bundle check bench install uninstall format clean
.SECONDARY:

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
