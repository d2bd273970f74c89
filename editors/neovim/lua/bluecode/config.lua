-- Options of require("bluecode").setup(), their defaults and their validation.
local M = {}

M.filetypes = {
  "python",
  "javascript",
  "javascriptreact",
  "typescript",
  "typescriptreact",
  "go",
  "java",
  "c",
  "cpp",
}

M.defaults = {
  -- The server command; the binary is looked up on PATH unless a path is given.
  cmd = { "bluecode", "lsp" },
  filetypes = M.filetypes,
  -- The workspace root is the nearest folder holding one of these (else the file's folder).
  root_markers = { "bluecode.toml", ".git" },
  -- Server settings, camelCase as in `bluecode config schema` (e.g. { minSeverity = "warning",
  -- llm = { baseUrl = "...", model = "..." } }). Sent as initializationOptions and answered
  -- to workspace/configuration; keys left out come from bluecode.toml.
  settings = {},
  -- Extra environment for the server (e.g. the API key variable named by llm.apiKeyEnv).
  cmd_env = nil,
  on_attach = nil,
  capabilities = nil,
  -- Start the server for matching buffers (false: only :lua require("bluecode").start()).
  autostart = true,
}

local islist = vim.islist or vim.tbl_islist

local function is_list_of_strings(v)
  if type(v) ~= "table" or #v == 0 or not islist(v) then
    return false
  end
  for _, s in ipairs(v) do
    if type(s) ~= "string" or s == "" then
      return false
    end
  end
  return true
end

-- vim.validate's signature changed in 0.11 (positional) and the table form is deprecated
-- there; use the positional form where it exists.
local function check(name, value, validator, optional, message)
  if vim.fn.has("nvim-0.11") == 1 then
    vim.validate(name, value, validator, optional, message)
  else
    vim.validate({ [name] = { value, validator, message or optional } })
  end
end

--- Merges `opts` over the defaults and validates the result; errors name the bad option.
function M.resolve(opts)
  check("opts", opts, "table", true)
  opts = opts or {}
  local known = {}
  for k in pairs(M.defaults) do
    known[k] = true
  end
  for k in pairs(opts) do
    if not known[k] then
      error(("bluecode.setup: unknown option %q"):format(tostring(k)), 3)
    end
  end
  local cfg = vim.tbl_deep_extend("force", vim.deepcopy(M.defaults), opts)
  -- Lists replace, never merge, with the defaults.
  for _, k in ipairs({ "cmd", "filetypes", "root_markers" }) do
    if opts[k] ~= nil then
      cfg[k] = opts[k]
    end
  end
  check("cmd", cfg.cmd, is_list_of_strings, false, "a non-empty list of strings, e.g. { '/path/bluecode', 'lsp' }")
  check("filetypes", cfg.filetypes, is_list_of_strings, false, "a non-empty list of filetypes")
  check("root_markers", cfg.root_markers, is_list_of_strings, false, "a non-empty list of file names")
  check("settings", cfg.settings, "table")
  check("cmd_env", cfg.cmd_env, "table", true)
  check("on_attach", cfg.on_attach, "function", true)
  check("capabilities", cfg.capabilities, "table", true)
  check("autostart", cfg.autostart, "boolean")
  return cfg
end

return M
