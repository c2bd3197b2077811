-- Step 2b: a headphone scene. Inserts a second Balun on the track, recalls
-- the factory preset labelled LABEL and writes what Ardour then shows to
-- OUT_DIR: hp-preset.txt (the controls) and hp-readouts.txt (the output
-- ports, once the plugin has run with them). The session is not saved.
-- Arguments: SESSION_DIR NAME SCENE.lua OUT_DIR LABEL
local dir, name, scene_file, out, label = arg[1], arg[2], arg[3], arg[4], arg[5]
local common = dofile(debug.getinfo(1, "S").source:match("^@(.*/)") .. "common.lua")
local scene = dofile(scene_file)

local track = common.open_programme(dir, name)
local proc = common.insert_balun(track)
local plugin, ports = common.ports(proc, scene)
local preset = plugin:preset_by_label(label)
if not preset or not preset.valid then
  common.fail("no factory preset labelled \"%s\"", label)
end
if not plugin:load_preset(preset) then common.fail("load_preset failed") end
print("ardour: recalled the preset \"" .. preset.label .. "\" <" .. preset.uri .. ">")
common.wait_cycles(8)
common.write_values(out .. "/hp-preset.txt", proc, ports, scene.controls)
common.write_values(out .. "/hp-readouts.txt", proc, ports, scene.readouts)
