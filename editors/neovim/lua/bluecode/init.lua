-- bluecode for Neovim: the bluecode language server on the built-in LSP client.
--
--   require("bluecode").setup({ cmd = { "/path/to/bluecode", "lsp" }, settings = { ... } })
--
-- On Neovim 0.11+ the server is registered with vim.lsp.config/vim.lsp.enable; on 0.10 a
-- FileType autocommand calls vim.lsp.start. No custom protocol messages are used.
local config = require("bluecode.config")

local M = {}

M.name = "bluecode"

---@type table|nil the resolved options of the last setup()
M.options = nil

local function root_dir_for(bufnr, markers)
  local file = vim.api.nvim_buf_get_name(bufnr)
  if file == "" then
    return vim.fn.getcwd()
  end
  local root = vim.fs.root(bufnr, markers)
  return root or vim.fs.dirname(file)
end

--- The client configuration handed to vim.lsp (shared by both code paths).
local function client_config(opts)
  -- An empty Lua table would be sent as a JSON array; the settings are an object.
  local settings = next(opts.settings) == nil and vim.empty_dict() or opts.settings
  return {
    name = M.name,
    cmd = opts.cmd,
    cmd_env = opts.cmd_env,
    filetypes = opts.filetypes,
    root_markers = opts.root_markers,
    init_options = settings,
    -- The server asks workspace/configuration for section "bluecode".
    settings = { bluecode = settings },
    capabilities = opts.capabilities,
    on_attach = opts.on_attach,
  }
end

local augroup = vim.api.nvim_create_augroup("bluecode", { clear = true })

local function start_legacy(bufnr, opts)
  local cfg = client_config(opts)
  cfg.root_dir = root_dir_for(bufnr, opts.root_markers)
  cfg.workspace_folders = { { uri = vim.uri_from_fname(cfg.root_dir), name = cfg.root_dir } }
  cfg.filetypes = nil
  cfg.root_markers = nil
  return vim.lsp.start(cfg, { bufnr = bufnr })
end

--- Sets the plugin up and (by default) starts the server for matching buffers.
function M.setup(opts)
  local resolved = config.resolve(opts)
  M.options = resolved
  vim.api.nvim_clear_autocmds({ group = augroup })

  if vim.lsp.config ~= nil and vim.lsp.enable ~= nil then
    local cfg = client_config(resolved)
    -- The file's own folder when no marker is found (a single file still gets findings).
    cfg.root_dir = function(bufnr, on_dir)
      on_dir(root_dir_for(bufnr, resolved.root_markers))
    end
    -- Assignment replaces an earlier setup()'s config (the call form would deep-merge lists).
    vim.lsp.config[M.name] = cfg
    if resolved.autostart then
      vim.lsp.enable(M.name)
    else
      vim.lsp.enable(M.name, false)
    end
  elseif resolved.autostart then
    vim.api.nvim_create_autocmd("FileType", {
      group = augroup,
      pattern = resolved.filetypes,
      callback = function(args)
        start_legacy(args.buf, resolved)
      end,
    })
  end
  -- Buffers already open when setup() runs.
  if resolved.autostart and (vim.lsp.enable == nil) then
    for _, bufnr in ipairs(vim.api.nvim_list_bufs()) do
      if vim.api.nvim_buf_is_loaded(bufnr) and vim.tbl_contains(resolved.filetypes, vim.bo[bufnr].filetype) then
        start_legacy(bufnr, resolved)
      end
    end
  end
end

--- Starts (or attaches) the server for a buffer by hand; returns the client id.
function M.start(bufnr)
  bufnr = bufnr or vim.api.nvim_get_current_buf()
  local opts = M.options or config.resolve({})
  return start_legacy(bufnr, opts)
end

--- The bluecode client attached to `bufnr` (or any bluecode client), if any.
function M.client(bufnr)
  local get = vim.lsp.get_clients or vim.lsp.get_active_clients
  local clients = get({ name = M.name, bufnr = bufnr })
  if #clients == 0 and bufnr ~= nil then
    clients = get({ name = M.name })
  end
  return clients[1]
end

--- The command that runs the binary (the first element of `cmd`).
function M.binary()
  local opts = M.options or config.resolve({})
  return opts.cmd[1]
end

-- The user commands (see plugin/bluecode.lua and bluecode.commands).
function M.verify(...)
  return require("bluecode.commands").verify(...)
end

function M.scan(...)
  return require("bluecode.commands").scan(...)
end

function M.explain(...)
  return require("bluecode.commands").explain(...)
end

return M
