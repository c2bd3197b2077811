-- Shared by the Ardour check's scripts (tests/check-ardour.sh); each of
-- them runs in its own ardour7-lua process.

local M = {}

-- The "None (Dummy)" backend: no sound card, no JACK. It is missing from
-- available_backends() in Ardour 7.3, but selecting it by name works.
function M.start_engine()
  local backend = AudioEngine:set_backend("None (Dummy)", "", "")
  assert(not backend:isnil(), "no \"None (Dummy)\" backend")
end

-- Every "Error:" Ardour's interpreter prints makes the process exit 1,
-- which the check script reports as a failure (not as a crash to retry).
-- Starts the engine, loads the session and returns its "Programme" track.
function M.open_programme(dir, name)
  M.start_engine()
  if not load_session(dir, name) then M.fail("load_session %s failed", dir) end
  local track = Session:route_by_name("Programme")
  if track:isnil() then M.fail("no track \"Programme\"") end
  return track
end

-- Inserts Balun first on the track, by URI. Audio-time automation: plain
-- new_plugin() gives beat-time lists whose points snap to ticks.
function M.insert_balun(track)
  local proc = ARDOUR.LuaAPI.new_plugin_with_time_domain(Session,
    "urn:balun:interconnect", ARDOUR.PluginType.LV2,
    Temporal.TimeDomain.AudioTime, "")
  if proc:isnil() then M.fail("Ardour cannot load urn:balun:interconnect") end
  if track:add_processor_by_index(proc, 0, nil, true) ~= 0 then
    M.fail("cannot insert the plugin on the track")
  end
  return proc
end

function M.fail(fmt, ...)
  error(string.format(fmt, ...), 0)
end

-- The scene (build/tests/ardour_scene lua) and the Balun insert on the
-- track, with its ports looked up by symbol. Ardour numbers a plugin's
-- parameters by LV2 port index, but its Lua control API counts only the
-- control ports; Ardour shows no symbols, so the port index comes from the
-- scene and Ardour's name for that port must be the scene's.
function M.ports(proc, scene)
  local plugin = proc:to_insert():plugin(0)
  local control = {}
  local n = 0
  for port = 0, plugin:parameter_count() - 1 do
    if plugin:parameter_is_control(port) then
      control[port] = n
      n = n + 1
    end
  end
  local by_symbol = {}
  for _, list in ipairs({scene.controls, scene.readouts}) do
    for _, p in ipairs(list) do
      if control[p.port] == nil or plugin:parameter_label(p.port) ~= p.name then
        M.fail("port %d: Ardour calls it \"%s\", the plugin's port table \"%s\"",
          p.port, plugin:parameter_label(p.port), p.name)
      end
      by_symbol[p.symbol] = {port = p.port, n = control[p.port]}
    end
  end
  return plugin, by_symbol
end

function M.get(proc, port)
  local value, _ = ARDOUR.LuaAPI.get_processor_param(proc, port.n, true)
  return value
end

-- Writes "symbol value" for each port of the list to a file.
function M.write_values(path, proc, ports, list)
  local f = assert(io.open(path, "w"))
  for _, p in ipairs(list) do
    f:write(string.format("%s %.9g\n", p.symbol, M.get(proc, ports[p.symbol])))
  end
  f:close()
end

-- Lets the engine run a few whole cycles, so the plugin has run with the
-- values just set and its readouts are fresh. The dummy backend runs while
-- the transport is stopped.
function M.wait_cycles(cycles)
  local period = Session:get_block_size()
  local start = AudioEngine:processed_samples()
  for _ = 1, 500 do
    if AudioEngine:processed_samples() >= start + cycles * period then return end
    ARDOUR.LuaAPI.usleep(10000)
  end
  M.fail("the engine processed nothing in 5 s")
end

-- Checks (or first makes) the connection of the track's two outputs to
-- the master bus's inputs, which the export records.
function M.to_master(track, connect)
  local output, master = track:output(), Session:master_out():input()
  for c = 0, 1 do
    local port, bus = output:audio(c), master:audio(c):name()
    if connect then output:connect(port, bus, nil) end
    if not port:connected_to(bus) then
      M.fail("%s does not feed %s", port:name(), bus)
    end
  end
end

function M.save()
  Session:save_state("", false, false, false, false, false)
end

return M
