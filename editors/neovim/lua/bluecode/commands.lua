-- :BluecodeVerify, :BluecodeScan and :BluecodeExplain.
local M = {}

local function bluecode()
  return require("bluecode")
end

local function notify(msg, level)
  vim.notify("bluecode: " .. msg, level or vim.log.levels.INFO, { title = "bluecode" })
end

-- client:request on 0.11+, client.request on 0.10.
local function request(client, method, params, handler, bufnr)
  if vim.fn.has("nvim-0.11") == 1 then
    return client:request(method, params, handler, bufnr)
  end
  return client.request(method, params, handler, bufnr)
end

--- Text of a workspace/executeCommand answer, whatever its shape.
function M.describe_result(result)
  if result == nil or result == vim.NIL then
    return "done (no answer)"
  end
  if type(result) == "string" then
    return result
  end
  if type(result) == "table" then
    local verdict = type(result.verdict) == "string" and (result.verdict .. ": ") or ""
    for _, k in ipairs({ "markdown", "message", "text", "summary" }) do
      if type(result[k]) == "string" and result[k] ~= "" then
        return verdict .. result[k]
      end
    end
    if verdict ~= "" then
      return result.verdict
    end
  end
  return vim.inspect(result)
end

local function our_diagnostics(bufnr, lnum)
  local out = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr, { lnum = lnum })) do
    if type(d.source) == "string" and d.source:find("^bluecode") then
      table.insert(out, d)
    end
  end
  return out
end

local function attached_client(bufnr)
  local client = bluecode().client(bufnr)
  if client == nil then
    notify("the server is not running for this buffer (see :checkhealth bluecode)", vim.log.levels.ERROR)
  end
  return client
end

--- Asks the server to prove the finding on the cursor's line in the sandbox.
--- `done(err, result)` is called with the answer (used by tests); the answer is also shown.
function M.verify(opts)
  opts = opts or {}
  local bufnr = opts.bufnr or vim.api.nvim_get_current_buf()
  local line = opts.line or (vim.api.nvim_win_get_cursor(0)[1] - 1)
  local client = attached_client(bufnr)
  if client == nil then
    return
  end
  local params = {
    command = "bluecode.verify",
    arguments = { { uri = vim.uri_from_bufnr(bufnr), line = line } },
  }
  notify(("verifying line %d in the sandbox…"):format(line + 1))
  request(client, "workspace/executeCommand", params, function(err, result)
    if err then
      notify("verify: " .. (err.message or vim.inspect(err)), vim.log.levels.ERROR)
    elseif result ~= nil and result ~= vim.NIL then
      notify("verify: " .. M.describe_result(result))
    end
    -- A nil result: the server reports through window/showMessage and the diagnostic.
    if opts.done then
      opts.done(err, result)
    end
  end, bufnr)
end

local function project_root(bufnr)
  local client = bluecode().client(bufnr)
  if client and client.root_dir then
    return client.root_dir
  end
  local markers = (bluecode().options or require("bluecode.config").defaults).root_markers
  return vim.fs.root(bufnr, markers) or vim.fn.getcwd()
end

local QF_TYPE = { error = "E", warning = "W", info = "I" }

--- Quickfix items from `bluecode scan --format json` output (paths relative to `root`).
function M.scan_items(json_text, root)
  local ok, report = pcall(vim.json.decode, json_text)
  if not ok or type(report) ~= "table" or type(report.findings) ~= "table" then
    error("bluecode scan did not print a JSON report: " .. tostring(json_text):sub(1, 200))
  end
  local items = {}
  for _, f in ipairs(report.findings) do
    local path = f.path
    if not path:find("^/") then
      path = vim.fs.joinpath and vim.fs.joinpath(root, path) or (root .. "/" .. path)
    end
    table.insert(items, {
      filename = vim.fs.normalize(path),
      lnum = f.start.line,
      col = f.start.column,
      end_lnum = f["end"] and f["end"].line or nil,
      end_col = f["end"] and f["end"].column or nil,
      type = QF_TYPE[f.severity] or "W",
      text = ("[%s] %s"):format(f.rule_id, f.message),
    })
  end
  return items, report
end

--- Runs `bluecode scan` on the project (or `opts.path`) and fills the quickfix list.
function M.scan(opts)
  opts = opts or {}
  local bufnr = vim.api.nvim_get_current_buf()
  local root = project_root(bufnr)
  local target = (opts.path and opts.path ~= "") and vim.fn.fnamemodify(opts.path, ":p") or "."
  local cmd = { bluecode().binary(), "scan", target, "--format", "json", "--exit-zero" }
  notify("scanning " .. (target == "." and root or target) .. "…")
  local env = bluecode().options and bluecode().options.cmd_env or nil
  vim.system(cmd, { cwd = root, text = true, env = env }, function(res)
    vim.schedule(function()
      if res.code ~= 0 then
        notify(("scan failed (exit %d): %s"):format(res.code, vim.trim(res.stderr or "")), vim.log.levels.ERROR)
        if opts.done then
          opts.done(res.stderr, nil)
        end
        return
      end
      local ok, items, report = pcall(M.scan_items, res.stdout, root)
      if not ok then
        notify(items, vim.log.levels.ERROR)
        if opts.done then
          opts.done(items, nil)
        end
        return
      end
      vim.fn.setqflist({}, " ", { title = "bluecode scan", items = items })
      local files = report.stats and report.stats.files or 0
      notify(("scan: %d finding%s (%d files scanned)"):format(#items, #items == 1 and "" or "s", files))
      if #items > 0 and opts.open ~= false then
        vim.cmd("botright copen")
      end
      if opts.done then
        opts.done(nil, items)
      end
    end)
  end)
end

local function show_markdown(lines, title)
  local buf, win = vim.lsp.util.open_floating_preview(lines, "markdown", {
    border = "rounded",
    focus_id = "bluecode-explain",
    max_width = math.min(100, vim.o.columns - 4),
    max_height = math.floor(vim.o.lines * 0.7),
    title = title,
  })
  return buf, win
end

--- Shows the constitution behind the finding under the cursor (or `opts.id`) with the
--- finding's message and trace, in a floating window.
function M.explain(opts)
  opts = opts or {}
  local bufnr = vim.api.nvim_get_current_buf()
  local lnum = vim.api.nvim_win_get_cursor(0)[1] - 1
  local id = opts.id ~= "" and opts.id or nil
  local header = {}
  if id == nil then
    local diags = our_diagnostics(bufnr, lnum)
    if #diags == 0 then
      notify("no bluecode finding on this line (give an id: :BluecodeExplain py.command-injection)", vim.log.levels.WARN)
      return
    end
    local d = diags[1]
    id = tostring(d.code)
    table.insert(header, ("**%s** (line %d)"):format(d.message, d.lnum + 1))
    local lsp = d.user_data and d.user_data.lsp or {}
    for _, rel in ipairs(lsp.relatedInformation or {}) do
      table.insert(header, ("- %d:%d %s"):format(rel.location.range.start.line + 1, rel.location.range.start.character + 1, rel.message))
    end
    table.insert(header, "")
  end
  local function show(text)
    local lines = vim.list_extend(vim.deepcopy(header), vim.split(text, "\n", { plain = true }))
    local buf, win = show_markdown(lines, " " .. id .. " ")
    if opts.done then
      opts.done(nil, buf, win)
    end
  end
  local function from_cli(reason)
    local res = vim.system({ bluecode().binary(), "constitutions", "show", id }, { text = true }):wait(60000)
    if res.code == 0 then
      show(res.stdout)
    else
      notify(("cannot show %s: %s%s"):format(id, reason or "", vim.trim(res.stderr or "")), vim.log.levels.ERROR)
      if opts.done then
        opts.done(res.stderr)
      end
    end
  end
  local client = bluecode().client(bufnr)
  if client == nil then
    from_cli()
    return
  end
  request(client, "workspace/executeCommand", { command = "bluecode.showConstitution", arguments = { id } }, function(err, result)
    if err then
      from_cli("the server said " .. (err.message or "?") .. "; ")
    else
      show(M.describe_result(result))
    end
  end, bufnr)
end

return M
