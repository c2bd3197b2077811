-- Step 3: reload the saved session (the plugin's state and automation come
-- back from the session file, by symbol), write the controls as reloaded
-- to OUT_DIR/reloaded.txt, look for the user preset step 2 saved, and export the whole programme with the 32-bit
-- float preset the check installs. Ardour 7.3 can crash after an export,
-- so this process does nothing after it: one export per process.
-- Arguments: SESSION_DIR NAME SCENE.lua OUT_DIR EXPORT_DIR
local dir, name, scene_file, out, export_dir = arg[1], arg[2], arg[3], arg[4], arg[5]
local common = dofile(debug.getinfo(1, "S").source:match("^@(.*/)") .. "common.lua")
local scene = dofile(scene_file)

local track = common.open_programme(dir, name)
common.to_master(track, false)
local proc = track:nth_plugin(0)
if proc:isnil() then common.fail("the reloaded track has no plugin") end
local plugin, ports = common.ports(proc, scene)
common.write_values(out .. "/reloaded.txt", proc, ports, scene.controls)
-- A new Ardour finds the user preset the previous one saved in ~/.lv2.
local user = plugin:preset_by_label(scene.user_preset)
if not user or not user.valid or not user.user then
  common.fail("no user preset \"%s\" in this new Ardour process", scene.user_preset)
end
print("ardour: found the user preset \"" .. user.label .. "\" <" .. user.uri .. ">")

local export = Session:simple_export()
export:set_name("balun")
if not export:set_preset("b41a7e55-0c2d-4d6e-9a57-ba1a0e000001") then
  common.fail("no export preset b41a7e55-...: is it in $XDG_CONFIG_HOME/ardour7/export?")
end
export:set_folder(export_dir)
export:set_range(0, scene.frames)
print("ardour: exporting " .. scene.frames .. " frames")
if not export:run_export() then common.fail("the export failed") end
print("ardour: export done")
