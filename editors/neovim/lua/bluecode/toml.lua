-- Just enough of bluecode.toml for :checkhealth: `[section]` headers and `key = scalar`
-- lines (strings, booleans, numbers), as dotted keys ("llm.base_url"). The server is the
-- real parser; this only reports what is configured.
local M = {}

local ESCAPES = { n = "\n", t = "\t", r = "\r" }

local function scalar(raw)
  local v = vim.trim(raw)
  if v:sub(1, 1) == '"' then
    local out, i = {}, 2
    while i <= #v do
      local c = v:sub(i, i)
      if c == "\\" then
        local n = v:sub(i + 1, i + 1)
        table.insert(out, ESCAPES[n] or n)
        i = i + 2
      elseif c == '"' then
        return table.concat(out)
      else
        table.insert(out, c)
        i = i + 1
      end
    end
    return nil
  end
  local s
  s = v:match("^'([^']*)'")
  if s ~= nil then
    return s
  end
  local word = vim.trim((v:gsub("%s*#.*$", "")))
  if word == "true" then
    return true
  elseif word == "false" then
    return false
  end
  local n = tonumber((word:gsub("_", "")))
  return n
end

function M.parse(text)
  local out, section = {}, ""
  for line in (text .. "\n"):gmatch("(.-)\r?\n") do
    line = vim.trim(line)
    if line ~= "" and not line:find("^#") then
      local header = line:match("^%[%s*([%w_.-]+)%s*%]%s*$") or line:match("^%[%s*([%w_.-]+)%s*%]%s*#")
      if header then
        section = header
      elseif line:find("^%[") then
        section = nil -- array of tables: nothing read there
      elseif section ~= nil then
        local key, value = line:match("^([%w_.-]+)%s*=%s*(.*)$")
        if key then
          local v = scalar(value)
          if v ~= nil then
            out[section == "" and key or (section .. "." .. key)] = v
          end
        end
      end
    end
  end
  return out
end

function M.read(path)
  local f = io.open(path, "r")
  if not f then
    return {}
  end
  local text = f:read("*a")
  f:close()
  return M.parse(text)
end

return M
