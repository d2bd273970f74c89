-- :checkhealth bluecode — the binary and its version, the client, Docker for the sandbox,
-- and the LLM endpoint (configured, and answering).
local M = {}

local health = vim.health
local uv = vim.uv or vim.loop

local function bluecode()
  return require("bluecode")
end

local function options()
  return bluecode().options or require("bluecode.config").resolve({})
end

-- The server's defaults, from `bluecode config schema` (filled by check()).
local defaults = {}

--- setup() settings win over bluecode.toml, which wins over the server's defaults.
local function setting(settings, toml, camel, snake)
  local v = vim.tbl_get(settings, unpack(vim.split(camel, ".", { plain = true })))
  if v == nil then
    v = toml[snake]
  end
  if v == nil or v == vim.NIL then
    v = defaults[camel]
  end
  if v == vim.NIL then
    return nil
  end
  return v
end

local function load_defaults(bin)
  defaults = {}
  local path = vim.fn.exepath(bin)
  if path == "" then
    return
  end
  local res = vim.system({ path, "config", "schema" }, { text = true }):wait(30000)
  local ok, schema = pcall(vim.json.decode, res.stdout or "")
  if res.code == 0 and ok and type(schema) == "table" and type(schema.settings) == "table" then
    for _, s in ipairs(schema.settings) do
      defaults[s.key] = s.default
    end
  end
end

local function root()
  local client = bluecode().client(0)
  if client and client.root_dir then
    return client.root_dir
  end
  return vim.fs.root(0, options().root_markers) or vim.fn.getcwd()
end

--- GET /_ping on a Docker engine over a unix socket or TCP; calls back with (ok, detail).
function M.docker_ping(host, timeout_ms)
  local handle, connect
  local path = host:match("^unix://(.+)$")
  local tcp_host, tcp_port = host:match("^tcp://([^:/]+):?(%d*)")
  if path then
    handle = uv.new_pipe(false)
    connect = function(cb)
      handle:connect(path, cb)
    end
  elseif tcp_host then
    local port = tonumber(tcp_port) or 2375
    local addr = uv.getaddrinfo(tcp_host, tostring(port), { socktype = "stream" })
    if not addr or not addr[1] then
      return false, "cannot resolve " .. tcp_host
    end
    handle = uv.new_tcp()
    connect = function(cb)
      handle:connect(addr[1].addr, port, cb)
    end
  else
    return false, "unsupported DOCKER_HOST " .. host
  end
  local done, ok, detail = false, false, "no answer"
  local buf = {}
  connect(function(err)
    if err then
      done, detail = true, err
      return
    end
    handle:write("GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n")
    handle:read_start(function(rerr, chunk)
      if rerr or chunk == nil then
        local resp = table.concat(buf)
        ok = resp:match("^HTTP/1%.%d 200") ~= nil
        detail = rerr or vim.split(resp, "\r?\n")[1] or "empty answer"
        done = true
        return
      end
      table.insert(buf, chunk)
    end)
  end)
  vim.wait(timeout_ms or 3000, function()
    return done
  end, 20)
  if not handle:is_closing() then
    handle:close()
  end
  if not done then
    return false, "timed out"
  end
  return ok, detail
end

local function check_binary(opts)
  health.start("bluecode: server binary")
  local bin = opts.cmd[1]
  local path = vim.fn.exepath(bin)
  if path == "" then
    health.error(("`%s` is not an executable on PATH"):format(bin), {
      "Build it from a bluecode checkout: cargo install --locked --path .",
      'Or point the plugin at it: require("bluecode").setup({ cmd = { "/path/to/bluecode", "lsp" } })',
    })
    return
  end
  local res = vim.system({ path, "--version" }, { text = true }):wait(10000)
  if res.code == 0 then
    health.ok(("%s (%s)"):format(vim.trim(res.stdout), path))
  else
    health.error(("`%s --version` failed (exit %s): %s"):format(path, tostring(res.code), vim.trim(res.stderr or "")))
  end
end

local function check_client(opts)
  health.start("bluecode: language client")
  if vim.fn.has("nvim-0.10") == 1 then
    health.ok("Neovim " .. tostring(vim.version()))
  else
    health.error("Neovim 0.10 or newer is needed")
  end
  if bluecode().options == nil then
    health.warn('setup() has not been called: add require("bluecode").setup({}) to your config')
  end
  local get = vim.lsp.get_clients or vim.lsp.get_active_clients
  local clients = get({ name = "bluecode" })
  if #clients == 0 then
    health.info(("no bluecode client is running (filetypes: %s)"):format(table.concat(opts.filetypes, ", ")))
  end
  for _, c in ipairs(clients) do
    local bufs = vim.tbl_count(c.attached_buffers or {})
    health.ok(("client %d running, root %s, %d buffer%s attached"):format(c.id, c.root_dir or "?", bufs, bufs == 1 and "" or "s"))
  end
end

local function check_docker(settings, toml)
  health.start("bluecode: sandbox (Docker)")
  local enabled = setting(settings, toml, "sandbox.enabled", "sandbox.enabled") == true
  local host = setting(settings, toml, "sandbox.dockerHost", "sandbox.docker_host")
  if host == nil or host == "" then
    host = os.getenv("DOCKER_HOST")
  end
  if host == nil or host == "" then
    host = "unix:///var/run/docker.sock"
  end
  local report_fail = enabled and health.warn or health.info
  if not enabled then
    health.info("sandbox.enabled is false: Verify in sandbox is off")
  end
  local ok, detail = M.docker_ping(host, 3000)
  if ok then
    health.ok(("Docker engine reachable at %s"):format(host))
  else
    report_fail(("Docker engine not reachable at %s: %s"):format(host, tostring(detail)), {
      "Start Docker (or set sandbox.dockerHost / DOCKER_HOST) to use Verify in sandbox",
    })
  end
end

local function check_llm(opts, settings, toml)
  health.start("bluecode: LLM judge")
  local base = setting(settings, toml, "llm.baseUrl", "llm.base_url")
  local model = setting(settings, toml, "llm.model", "llm.model")
  local provider = setting(settings, toml, "llm.provider", "llm.provider") or "openai"
  if type(base) ~= "string" or base == "" or type(model) ~= "string" or model == "" then
    health.info("not configured (llm.baseUrl and llm.model): static analysis only")
    return
  end
  health.ok(("configured: %s model %q at %s"):format(provider, model, base))
  local key_env = setting(settings, toml, "llm.apiKeyEnv", "llm.api_key_env")
  local key
  if type(key_env) == "string" and key_env ~= "" then
    key = (opts.cmd_env or {})[key_env] or os.getenv(key_env)
    if key == nil or key == "" then
      health.warn(("llm.apiKeyEnv names %s, which is not set in the environment"):format(key_env))
    else
      health.ok(("API key found in %s"):format(key_env))
    end
  end
  if vim.fn.executable("curl") == 0 then
    health.warn("curl not found: cannot check that the endpoint answers")
    return
  end
  local url = base:gsub("/+$", "") .. "/models"
  local cmd = { "curl", "-sS", "-m", "5", "-o", "-", "-w", "\n%{http_code}", url }
  if key and key ~= "" then
    if provider == "anthropic" then
      vim.list_extend(cmd, { "-H", "x-api-key: " .. key, "-H", "anthropic-version: 2023-06-01" })
    else
      vim.list_extend(cmd, { "-H", "Authorization: Bearer " .. key })
    end
  end
  local res = vim.system(cmd, { text = true }):wait(8000)
  local status = res.stdout and res.stdout:match("(%d+)%s*$")
  if res.code == 0 and status == "200" then
    local body = res.stdout:gsub("\n%d+%s*$", "")
    local ok, json = pcall(vim.json.decode, body)
    local listed = false
    if ok and type(json) == "table" and type(json.data) == "table" then
      for _, m in ipairs(json.data) do
        if type(m) == "table" and (m.id == model or m.name == model) then
          listed = true
        end
      end
    end
    health.ok(("endpoint answering (%s → 200)%s"):format(url, listed and ", model listed" or ""))
  else
    health.error(("endpoint not answering: %s → %s"):format(url, status or vim.trim(res.stderr or "no answer")), {
      "Check llm.baseUrl, that the model server is running, and the API key",
    })
  end
end

function M.check()
  local opts = options()
  load_defaults(opts.cmd[1])
  local toml = require("bluecode.toml").read(root() .. "/bluecode.toml")
  check_binary(opts)
  check_client(opts)
  check_docker(opts.settings or {}, toml)
  check_llm(opts, opts.settings or {}, toml)
end

return M
