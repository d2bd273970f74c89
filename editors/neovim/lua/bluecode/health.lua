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

--- What the running server has on: its answer to `workspace/executeCommand`
--- `bluecode.status` (the server reads bluecode.toml and the editor's settings; the plugin
--- does not). Returns (status, nil) or (nil, why not).
local function server_status()
  local get = vim.lsp.get_clients or vim.lsp.get_active_clients
  local client = get({ name = "bluecode" })[1]
  if client == nil then
    return nil, "no bluecode client is running (open a file bluecode reviews, then run :checkhealth bluecode again)"
  end
  local params = { command = "bluecode.status", arguments = {} }
  local res, err
  if vim.fn.has("nvim-0.11") == 1 then
    res, err = client:request_sync("workspace/executeCommand", params, 8000)
  else
    res, err = client.request_sync("workspace/executeCommand", params, 8000)
  end
  if res == nil then
    return nil, "the server did not answer bluecode.status: " .. tostring(err)
  end
  if res.err ~= nil then
    return nil, "bluecode.status failed: " .. tostring(res.err.message or res.err)
  end
  if type(res.result) ~= "table" then
    return nil, "bluecode.status gave no status (an older server?)"
  end
  return res.result, nil
end

local function str(v)
  if type(v) == "string" and v ~= "" then
    return v
  end
  return nil
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

local function check_docker(status, why)
  health.start("bluecode: sandbox (Docker)")
  if status == nil then
    health.info("Docker: not checked: " .. why)
    return
  end
  local sandbox = status.sandbox or {}
  local host = str(sandbox.dockerHost) or "the default Docker engine"
  if sandbox.enabled ~= true then
    health.info("sandbox.enabled is false (or its settings are invalid): Verify in sandbox is off" ..
      (str(sandbox.problem) and (" — " .. sandbox.problem) or ""))
  end
  if sandbox.reachable == true then
    health.ok(("Docker engine reachable at %s (%s)"):format(host, str(sandbox.engine) or "version unknown"))
  elseif sandbox.reachable == false then
    health.warn(("Docker engine not reachable at %s: %s"):format(host, str(sandbox.problem) or "no answer"), {
      "Start Docker (or set sandbox.dockerHost / DOCKER_HOST) to use Verify in sandbox",
    })
  else
    -- The server asks the engine only when the sandbox is on: ask it here.
    local ok, detail = M.docker_ping(str(sandbox.dockerHost) or os.getenv("DOCKER_HOST") or "unix:///var/run/docker.sock", 3000)
    if ok then
      health.ok(("Docker engine reachable at %s"):format(host))
    else
      health.info(("Docker engine not reachable at %s: %s"):format(host, tostring(detail)))
    end
  end
end

local function check_llm(opts, status, why)
  health.start("bluecode: LLM judge")
  if status == nil then
    health.info("LLM judge: not checked: " .. why)
    return
  end
  local llm = status.llm or {}
  local base, model = str(llm.baseUrl), str(llm.model)
  local provider = str(llm.provider) or "openai"
  if llm.configured ~= true or base == nil or model == nil then
    health.info("not configured (llm.baseUrl and llm.model): static analysis only")
    return
  end
  if llm.enabled ~= true then
    health.error(("configured (%s model %q at %s) but the server could not start the judge: see :LspLog"):format(provider, model, base))
    return
  end
  health.ok(("on: %s model %q at %s (a function is sent after %s ms without edits)"):format(provider, model, base, tostring(llm.idleMs)))
  local key_env = str(llm.apiKeyEnv)
  local key
  if key_env ~= nil then
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
  check_binary(opts)
  check_client(opts)
  local status, why = server_status()
  check_docker(status, why)
  check_llm(opts, status, why)
end

return M
