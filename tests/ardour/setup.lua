-- Step 2: what a user does with the plugin. Inserts Balun by URI, recalls
-- the scene's factory preset by its label, sets controls by symbol, saves
-- that as a user preset, writes automation, and saves the session. Writes
-- what Ardour shows to OUT_DIR: preset.txt (every control right after the
-- preset) and readouts.txt (the output ports after the controls were set).
-- Arguments: SESSION_DIR NAME SCENE.lua OUT_DIR
local dir, name, scene_file, out = arg[1], arg[2], arg[3], arg[4]
local common = dofile(debug.getinfo(1, "S").source:match("^@(.*/)") .. "common.lua")
local scene = dofile(scene_file)

local track = common.open_programme(dir, name)

local proc = common.insert_balun(track)
local plugin, ports = common.ports(proc, scene)
print("ardour: inserted \"" .. plugin:name() .. "\"")

local preset = plugin:preset_by_label(scene.preset)
if not preset or not preset.valid then
  common.fail("no factory preset labelled \"%s\"", scene.preset)
end
if not plugin:load_preset(preset) then common.fail("load_preset failed") end
common.write_values(out .. "/preset.txt", proc, ports, scene.controls)
print("ardour: recalled the preset \"" .. preset.label .. "\" <" .. preset.uri .. ">")

for _, s in ipairs(scene.set) do
  if not ARDOUR.LuaAPI.set_processor_param(proc, ports[s.symbol].n, s.value) then
    common.fail("Ardour refused %s = %g", s.symbol, s.value)
  end
  print(string.format("ardour: set %s = %g", s.symbol, s.value))
end
common.wait_cycles(4)
common.write_values(out .. "/readouts.txt", proc, ports, scene.readouts)

-- As a user keeps a setting: Ardour writes it as an LV2 preset bundle.
local saved = plugin:save_preset(scene.user_preset)
if not saved or not saved.valid then common.fail("save_preset failed") end
print("ardour: saved the user preset \"" .. saved.label .. "\" <" .. saved.uri .. ">")

for _, lane in ipairs(scene.lanes) do
  local port = ports[lane.symbol]
  local list, control, _ = ARDOUR.LuaAPI.plugin_automation(proc, port.n)
  if list:isnil() then common.fail("%s cannot be automated", lane.symbol) end
  control:clear_list()
  for _, point in ipairs(lane.points) do
    control:add(Temporal.timepos_t(point[1]), point[2], false, false)
  end
  local ac = proc:to_automatable():automation_control(
    Evoral.Parameter(ARDOUR.AutomationType.PluginAutomation, 0, port.port), false)
  ac:set_automation_state(ARDOUR.AutoState.Play)
  print(string.format("ardour: automated %s with %d points", lane.symbol, control:size()))
end
common.save()
print("ardour: session saved")
