-- End-to-end test: the plugin on a real Neovim with the real `bluecode lsp`.
--   BLUECODE_BIN=/path/to/bluecode nvim --headless -l editors/neovim/tests/e2e.lua
-- Opens a Python file where input() reaches os.system and checks the diagnostic, hover,
-- code actions, Suppress, an edit to a safe version, and the plugin's commands.
local here = vim.fs.dirname(vim.fs.normalize(vim.fn.fnamemodify(arg[0], ":p")))
local plugin_dir = vim.fs.dirname(here)
vim.opt.runtimepath:prepend(plugin_dir)
package.path = here .. "/?.lua;" .. package.path
local H = require("harness")

local BIN = os.getenv("BLUECODE_BIN")
if BIN == nil or vim.fn.executable(BIN) == 0 then
  H.out("BLUECODE_BIN must name the bluecode binary")
  os.exit(2)
end
local ID = "py.command-injection"
local TIMEOUT = tonumber(os.getenv("BLUECODE_E2E_TIMEOUT_MS") or "") or 30000
-- Starting the server (loading and compiling every constitution) is the slow part of a
-- debug build on a busy machine.
local START_TIMEOUT = 3 * TIMEOUT

local VULNERABLE = {
  "import os",
  "",
  "",
  "def run():",
  '    cmd = input("command: ")',
  "    os.system(cmd)",
}
local SINK_LINE = 5 -- 0-based: `    os.system(cmd)`
local SAFE = {
  "import os",
  "import shlex",
  "",
  "",
  "def run():",
  '    cmd = input("command: ")',
  '    os.system("ls " + shlex.quote(cmd))',
}

-- A project with a bluecode.toml at its root and the file one folder down.
local proj = vim.fs.normalize(vim.fn.tempname() .. "-bluecode-e2e")
vim.fn.mkdir(proj .. "/app", "p")
vim.fn.writefile({ "# bluecode settings for the e2e test", 'min_severity = "info"' }, proj .. "/bluecode.toml")
vim.fn.writefile(VULNERABLE, proj .. "/app/tool.py")
vim.fn.writefile({ "x = 1" }, proj .. "/app/other.py")

local log_dir = os.getenv("BLUECODE_E2E_LOG_DIR")
local log_level = os.getenv("BLUECODE_E2E_LSP_LOG") or "warn"
if vim.lsp.log and vim.lsp.log.set_level then
  vim.lsp.log.set_level(log_level)
else
  vim.lsp.set_log_level(log_level)
end

vim.cmd("filetype on")
vim.cmd("runtime! plugin/bluecode.lua")
require("bluecode").setup({ cmd = { BIN, "lsp" } })

vim.cmd.edit(proj .. "/app/tool.py")
local buf = vim.api.nvim_get_current_buf()

local function our_diags(code)
  local out = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if type(d.source) == "string" and d.source:find("^bluecode") and (code == nil or d.code == code) then
      table.insert(out, d)
    end
  end
  return out
end

local function finding()
  return our_diags(ID)[1]
end

local function client()
  return require("bluecode").client(buf)
end

local function set_lines(lines)
  vim.api.nvim_buf_set_lines(buf, 0, -1, false, lines)
end

local function norm(s)
  return (s:gsub("[%*_`\\]", ""):gsub("%s+", " "))
end

-- The principle as the CLI prints it: the indented lines after "Principle".
local principle_text
local function principle()
  if principle_text then
    return principle_text
  end
  local res = vim.system({ BIN, "constitutions", "show", ID }, { text = true }):wait(START_TIMEOUT)
  assert(res.code == 0, ("constitutions show failed (exit %s): %s"):format(tostring(res.code), res.stderr or ""))
  local lines, inside = {}, false
  for line in (res.stdout .. "\n"):gmatch("(.-)\n") do
    if inside then
      if vim.trim(line) == "" then
        break
      end
      table.insert(lines, vim.trim(line))
    elseif vim.trim(line) == "Principle" then
      inside = true
    end
  end
  assert(#lines > 0, "no Principle section in:\n" .. res.stdout)
  principle_text = table.concat(lines, " ")
  return principle_text
end

local ok_attach = H.test("the client attaches with the bluecode.toml folder as root", function()
  local c = H.wait_for(START_TIMEOUT, client, "the bluecode client")
  H.wait_for(START_TIMEOUT, function()
    return c.initialized
  end, "initialize")
  H.eq(vim.fs.normalize(c.root_dir), proj, "root_dir")
  H.eq(c.config.cmd, { BIN, "lsp" }, "cmd")
end)

H.test("a diagnostic with the constitution id as code, on the os.system line", function()
  assert(ok_attach, "no client")
  local d = H.wait_for(START_TIMEOUT, finding, "a " .. ID .. " diagnostic")
  H.eq(d.lnum, SINK_LINE, "line")
  H.truthy(d.message:find("^CWE%-78"), "message starts with CWE-78: " .. d.message)
  local lsp = d.user_data and d.user_data.lsp or {}
  H.truthy(lsp.codeDescription and lsp.codeDescription.href, "codeDescription.href")
  H.truthy(#(lsp.relatedInformation or {}) > 0, "the taint trace as relatedInformation")
end)

H.test("hover on the finding quotes the constitution's principle", function()
  local d = H.truthy(finding(), "the finding")
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    position = { line = d.lnum, character = d.col },
  }
  local answers = vim.lsp.buf_request_sync(buf, "textDocument/hover", params, TIMEOUT)
  local text = ""
  for _, a in pairs(answers or {}) do
    H.eq(a.err, nil, "hover error")
    local contents = a.result and a.result.contents
    if type(contents) == "table" then
      text = text .. (contents.value or table.concat(vim.tbl_map(function(c)
        return type(c) == "string" and c or c.value
      end, contents), "\n"))
    elseif type(contents) == "string" then
      text = text .. contents
    end
  end
  H.contains(norm(text), norm(principle()), "hover")
  H.contains(text, "CWE-78", "hover")
end)

local function code_action_titles(d)
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    range = {
      start = { line = d.lnum, character = d.col },
      ["end"] = { line = d.end_lnum, character = d.end_col },
    },
    context = { diagnostics = { d.user_data.lsp }, triggerKind = 1 },
  }
  local answers = vim.lsp.buf_request_sync(buf, "textDocument/codeAction", params, TIMEOUT)
  local titles = {}
  for _, a in pairs(answers or {}) do
    H.eq(a.err, nil, "codeAction error")
    for _, action in ipairs(a.result or {}) do
      table.insert(titles, action.title)
    end
  end
  return titles
end

H.test("code actions on the finding include Verify in sandbox and Suppress", function()
  local d = H.truthy(finding(), "the finding")
  local titles = code_action_titles(d)
  local all = table.concat(titles, " | ")
  H.truthy(all:find("Verify in sandbox", 1, true), "Verify in sandbox in: " .. all)
  H.truthy(all:find("Suppress " .. ID, 1, true), "Suppress " .. ID .. " in: " .. all)
end)

H.test(":BluecodeExplain shows the constitution of the finding in a float", function()
  local d = H.truthy(finding(), "the finding")
  vim.api.nvim_win_set_cursor(0, { d.lnum + 1, d.col })
  local float_buf
  require("bluecode").explain({
    done = function(err, b)
      float_buf = err == nil and b or false
    end,
  })
  H.wait_for(TIMEOUT, function()
    return float_buf ~= nil
  end, "the explain window")
  H.truthy(float_buf, "explain failed")
  local text = table.concat(vim.api.nvim_buf_get_lines(float_buf, 0, -1, false), "\n")
  H.contains(text, "CWE-78")
  H.contains(norm(text), norm(principle()):sub(1, 60))
  vim.cmd("wincmd p")
  for _, w in ipairs(vim.api.nvim_list_wins()) do
    if vim.api.nvim_win_get_config(w).relative ~= "" then
      vim.api.nvim_win_close(w, true)
    end
  end
end)

-- Messages shown to the user (vim.notify, which also carries window/showMessage).
local notes = {}
local real_notify = vim.notify
vim.notify = function(msg, level, opts)
  table.insert(notes, tostring(msg))
  return real_notify(msg, level, opts)
end

H.test(":BluecodeVerify sends bluecode.verify and the server answers", function()
  local d = H.truthy(finding(), "the finding")
  notes = {}
  local answer
  require("bluecode").verify({
    bufnr = buf,
    line = d.lnum,
    done = function(err, result)
      answer = { err = err, result = result }
    end,
  })
  -- The sandbox may be unavailable here; any well-formed answer (result or error) counts.
  H.wait_for(60000, function()
    return answer
  end, "the verify answer")
  -- Whatever the verdict (the sandbox may be unavailable here), the user is told something
  -- beyond our own "verifying…" note: an error, a result, or the server's showMessage.
  H.wait_for(5000, function()
    return answer.err ~= nil or (answer.result ~= nil and answer.result ~= vim.NIL) or #notes > 1
  end, "an answer shown to the user")
  local text = answer.err and (answer.err.message or "")
    or (answer.result ~= nil and answer.result ~= vim.NIL and require("bluecode.commands").describe_result(answer.result))
    or notes[#notes]
  H.out("    # verify answered: " .. text:gsub("\n", " "):sub(1, 200))
end)

H.test(":BluecodeScan fills the quickfix list from the file on disk", function()
  local items
  require("bluecode").scan({
    open = false,
    done = function(err, result)
      items = err == nil and result or false
    end,
  })
  H.wait_for(START_TIMEOUT, function()
    return items ~= nil
  end, "the scan")
  H.truthy(items, "the scan failed")
  local qf = vim.fn.getqflist()
  local hit
  for _, item in ipairs(qf) do
    if vim.api.nvim_buf_get_name(item.bufnr) == proj .. "/app/tool.py" and item.lnum == SINK_LINE + 1 then
      hit = item
    end
  end
  H.truthy(hit, "a quickfix entry for app/tool.py:" .. (SINK_LINE + 1) .. " in " .. vim.inspect(qf))
  H.contains(hit.text, "[" .. ID .. "]")
  H.eq(vim.fn.getqflist({ title = 1 }).title, "bluecode scan")
end)

H.test("applying Suppress inserts the comment above and clears the diagnostic", function()
  local d = H.truthy(finding(), "the finding")
  vim.api.nvim_win_set_cursor(0, { d.lnum + 1, d.col })
  vim.lsp.buf.code_action({
    apply = true,
    filter = function(action)
      return action.title:find("^Suppress " .. vim.pesc(ID)) ~= nil
    end,
  })
  local lines = H.wait_for(TIMEOUT, function()
    local l = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
    return #l > #VULNERABLE and l or nil
  end, "the suppression comment")
  H.contains(lines[SINK_LINE + 1], "# bluecode: ignore[" .. ID .. "]", "the line above the sink")
  H.contains(lines[SINK_LINE + 1], "reason=", "the comment")
  H.eq(lines[SINK_LINE + 2], VULNERABLE[SINK_LINE + 1], "the sink line moved down")
  H.eq(lines[SINK_LINE + 1]:match("^%s*"), "    ", "the comment is indented like the sink")
  H.wait_for(TIMEOUT, function()
    return finding() == nil
  end, "the diagnostic to clear")
  vim.wait(700)
  H.eq(finding(), nil, "still clear after a while")
end)

H.test("editing the file to a safe version clears the diagnostic", function()
  set_lines(VULNERABLE)
  H.wait_for(TIMEOUT, finding, "the diagnostic to come back on the vulnerable text")
  set_lines(SAFE)
  H.wait_for(TIMEOUT, function()
    return finding() == nil
  end, "the diagnostic to clear on the safe text")
  vim.wait(700)
  H.eq(our_diags(), {}, "no bluecode diagnostics on the safe text")
end)

H.test(":checkhealth bluecode reports the binary, the client and a live LLM endpoint", function()
  -- A scripted OpenAI-compatible endpoint that answers GET /v1/models.
  local srv = vim.fn.tempname()
  vim.fn.mkdir(srv .. "/v1", "p")
  vim.fn.writefile({ vim.json.encode({ object = "list", data = { { id = "tiny-model", object = "model" } } }) }, srv .. "/v1/models")
  local port = 20000 + (vim.uv.os_getpid() % 20000)
  local http = vim.system({ "python3", "-m", "http.server", tostring(port), "--bind", "127.0.0.1", "--directory", srv })
  local ok, err = pcall(function()
    H.wait_for(10000, function()
      return vim.system({ "curl", "-sf", "-o", "/dev/null", ("http://127.0.0.1:%d/v1/models"):format(port) }):wait().code == 0
    end, "the scripted endpoint")
    require("bluecode").setup({
      cmd = { BIN, "lsp" },
      settings = { llm = { baseUrl = ("http://127.0.0.1:%d/v1"):format(port), model = "tiny-model" } },
    })
    -- :checkhealth asks the running server what is on: start it again with these settings.
    local get = vim.lsp.get_clients or vim.lsp.get_active_clients
    for _, c in ipairs(get({ name = "bluecode" })) do
      c:stop(true)
    end
    H.wait_for(10000, function()
      return #get({ name = "bluecode" }) == 0
    end, "the old client to stop")
    vim.api.nvim_set_current_buf(buf)
    vim.cmd("edit!")
    local c = H.wait_for(START_TIMEOUT, client, "a client with the LLM settings")
    H.wait_for(START_TIMEOUT, function()
      return c.initialized
    end, "initialize")
    vim.cmd("checkhealth bluecode")
    local text = table.concat(vim.api.nvim_buf_get_lines(0, 0, -1, false), "\n")
    local version = vim.trim(vim.system({ BIN, "--version" }, { text = true }):wait().stdout)
    H.contains(text, "OK " .. version)
    H.truthy(text:find("OK client %d+ running"), "a running client in:\n" .. text)
    H.contains(text, "endpoint answering")
    H.contains(text, "model listed")
    H.contains(text, "Docker engine")
    vim.cmd("bwipeout")
  end)
  http:kill(15)
  http:wait(2000)
  assert(ok, err)
end)

if H.failed > 0 and log_dir then
  H.out("    # LSP log: " .. vim.lsp.get_log_path())
end
H.finish("neovim e2e")
