-- A tiny test runner for `nvim --headless -l`: named cases, TAP-like lines on stdout,
-- a summary line, and the exit code.
local H = { passed = 0, failed = 0 }

local function out(s)
  io.stdout:write(s .. "\n")
  io.stdout:flush()
end
H.out = out

function H.test(name, fn)
  local started = vim.uv.hrtime()
  local ok, err = xpcall(fn, debug.traceback)
  local ms = math.floor((vim.uv.hrtime() - started) / 1e6)
  if ok then
    H.passed = H.passed + 1
    out(("ok - %s (%d ms)"):format(name, ms))
  else
    H.failed = H.failed + 1
    out(("not ok - %s (%d ms)"):format(name, ms))
    for line in tostring(err):gmatch("[^\n]+") do
      out("    " .. line)
    end
  end
  return ok
end

function H.eq(got, want, what)
  if not vim.deep_equal(got, want) then
    error(("%s: expected %s, got %s"):format(what or "value", vim.inspect(want), vim.inspect(got)), 2)
  end
end

function H.truthy(v, what)
  if not v then
    error((what or "expected a true value") .. ": got " .. vim.inspect(v), 2)
  end
  return v
end

function H.contains(haystack, needle, what)
  if type(haystack) ~= "string" or not haystack:find(needle, 1, true) then
    error(("%s: %q not found in:\n%s"):format(what or "text", needle, tostring(haystack)), 2)
  end
end

--- Waits until `fn()` returns a truthy value; returns it, or errors with `what` after `ms`.
function H.wait_for(ms, fn, what)
  local value
  local ok = vim.wait(ms, function()
    value = fn()
    return value ~= nil and value ~= false
  end, 50)
  if not ok then
    error(("timed out after %d ms waiting for %s"):format(ms, what), 2)
  end
  return value
end

function H.finish(label)
  out(("%s: %d passed, %d failed"):format(label, H.passed, H.failed))
  os.exit(H.failed == 0 and 0 or 1)
end

return H
