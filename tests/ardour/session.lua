-- Step 1 of the Ardour check: a 48 kHz session with a stereo track and,
-- on it, a region as long as the programme. Ardour 7.3 cannot import a
-- file headless, so the region is a bounce of the empty track: its two
-- mono sources are then overwritten with the programme (check-ardour.sh)
-- before step 2 loads the session again.
-- Arguments: SESSION_DIR NAME FRAMES
local dir, name, frames = arg[1], arg[2], math.tointeger(tonumber(arg[3]))
local common = dofile(debug.getinfo(1, "S").source:match("^@(.*/)") .. "common.lua")

common.start_engine()
if not create_session(dir, name, 48000) then common.fail("create_session %s failed", dir) end
if Session:nominal_sample_rate() ~= 48000 then
  common.fail("the session runs at %d Hz, not 48000", Session:nominal_sample_rate())
end
local tracks = Session:new_audio_track(2, 2, nil, 1, "Programme",
  ARDOUR.PresentationInfo.max_order, ARDOUR.TrackMode.Normal, true)
local track = tracks:front()
local region = track:bounce_range(0, frames, ARDOUR.InterThreadInfo(),
  track:main_outs(), false, "programme")
if region:isnil() then common.fail("bouncing the empty track gave no region") end
if region:length():samples() ~= frames then
  common.fail("the region is %d frames, not %d", region:length():samples(), frames)
end
track:playlist():add_region(region, Temporal.timepos_t(0), 1, false, 0, 0, false)
-- Ardour connects a new track to the master bus from another thread, which
-- on a loaded machine may not have run when the session is saved: the
-- export is then silent. Connect it here.
common.to_master(track, true)
common.save()
print("ardour: session created, 48 kHz, track \"Programme\" with a "
  .. frames .. "-frame region")
