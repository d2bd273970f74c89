-- Unit tests of the plugin's pure parts. Run:
--   nvim --headless -l editors/neovim/tests/unit.lua
local here = vim.fs.dirname(vim.fs.normalize(vim.fn.fnamemodify(arg[0], ":p")))
local plugin_dir = vim.fs.dirname(here)
vim.opt.runtimepath:prepend(plugin_dir)
package.path = here .. "/?.lua;" .. package.path
local H = require("harness")

H.test("setup options: defaults, overrides, lists replace", function()
  local config = require("bluecode.config")
  local cfg = config.resolve({ cmd = { "/opt/bluecode", "lsp" }, settings = { minSeverity = "warning" } })
  H.eq(cfg.cmd, { "/opt/bluecode", "lsp" }, "cmd")
  H.eq(cfg.root_markers, { "bluecode.toml", ".git" }, "root_markers")
  H.eq(cfg.settings, { minSeverity = "warning" }, "settings")
  H.eq(config.resolve({ filetypes = { "python" } }).filetypes, { "python" }, "filetypes replace the defaults")
  H.eq(config.resolve(nil).autostart, true, "autostart")
end)

H.test("setup options are validated with messages that name the option", function()
  local config = require("bluecode.config")
  local function err(opts)
    local ok, e = pcall(config.resolve, opts)
    H.eq(ok, false, "resolve should fail for " .. vim.inspect(opts))
    return tostring(e)
  end
  H.contains(err({ cmd = "bluecode lsp" }), "cmd")
  H.contains(err({ cmd = {} }), "cmd")
  H.contains(err({ cmd = { "bluecode", 3 } }), "cmd")
  H.contains(err({ root_markers = { "" } }), "root_markers")
  H.contains(err({ settings = "x" }), "settings")
  H.contains(err({ on_attach = true }), "on_attach")
  H.contains(err({ autostart = "yes" }), "autostart")
  H.contains(err({ colour = 1 }), 'unknown option "colour"')
  H.contains(err("x"), "opts")
end)

H.test("scan report → quickfix items", function()
  local commands = require("bluecode.commands")
  local json = vim.json.encode({
    version = 1,
    findings = {
      {
        path = "app/orders.py",
        start = { line = 18, column = 5 },
        ["end"] = { line = 18, column = 81 },
        rule_id = "py.command-injection",
        message = "CWE-78 OS command built from untrusted input",
        severity = "error",
      },
      {
        path = "/abs/x.py",
        start = { line = 2, column = 1 },
        ["end"] = { line = 2, column = 4 },
        rule_id = "py.unsafe-yaml-load",
        message = "CWE-502",
        severity = "warning",
      },
    },
    stats = { files = 3 },
  })
  local items, report = commands.scan_items(json, "/proj")
  H.eq(#items, 2)
  H.eq(items[1].filename, "/proj/app/orders.py")
  H.eq({ items[1].lnum, items[1].col, items[1].end_col, items[1].type }, { 18, 5, 81, "E" })
  H.eq(items[1].text, "[py.command-injection] CWE-78 OS command built from untrusted input")
  H.eq(items[2].filename, "/abs/x.py")
  H.eq(items[2].type, "W")
  H.eq(report.stats.files, 3)
  H.eq(pcall(commands.scan_items, "error: boom", "/"), false, "non-JSON output is an error")
end)

H.test("command answers of any shape become text", function()
  local d = require("bluecode.commands").describe_result
  H.eq(d("# md"), "# md")
  H.eq(d({ verdict = "confirmed", message = "canary reached os.system" }), "confirmed: canary reached os.system")
  H.eq(d({ verdict = "inconclusive" }), "inconclusive")
  H.eq(d(vim.NIL), "done (no answer)")
  H.eq(d({ markdown = "**x**" }), "**x**")
end)

H.test("user commands are defined by plugin/bluecode.lua", function()
  vim.cmd("runtime! plugin/bluecode.lua")
  local cmds = vim.api.nvim_get_commands({})
  for _, name in ipairs({ "BluecodeVerify", "BluecodeScan", "BluecodeExplain" }) do
    H.truthy(cmds[name], name .. " is defined")
  end
  H.eq(cmds.BluecodeScan.nargs, "?")
end)

H.test("the help file's tags are unique and cover the commands", function()
  local tmp = vim.fn.tempname()
  vim.fn.mkdir(tmp .. "/doc", "p")
  vim.fn.writefile(vim.fn.readfile(plugin_dir .. "/doc/bluecode.txt"), tmp .. "/doc/bluecode.txt")
  vim.cmd("helptags " .. vim.fn.fnameescape(tmp .. "/doc"))
  local tags = table.concat(vim.fn.readfile(tmp .. "/doc/tags"), "\n")
  for _, tag in ipairs({ "bluecode.txt", ":BluecodeVerify", ":BluecodeScan", ":BluecodeExplain", "bluecode-setup", "bluecode-lspconfig", "bluecode-health" }) do
    H.contains(tags, tag .. "\t", "tags")
  end
end)

H.test("setup() registers the config; a second setup() replaces it", function()
  if vim.lsp.config == nil then
    return -- 0.10: vim.lsp.start path, nothing registered up front
  end
  local bluecode = require("bluecode")
  bluecode.setup({ cmd = { "/a/bluecode", "lsp" }, filetypes = { "python", "go", "c" }, autostart = false })
  bluecode.setup({ cmd = { "/b/bluecode", "lsp" }, filetypes = { "python" }, settings = { minSeverity = "error" }, autostart = false })
  local cfg = vim.lsp.config.bluecode
  H.eq(cfg.cmd, { "/b/bluecode", "lsp" }, "cmd")
  H.eq(cfg.filetypes, { "python" }, "filetypes")
  H.eq(cfg.settings, { bluecode = { minSeverity = "error" } }, "settings under the bluecode section")
  H.eq(cfg.init_options, { minSeverity = "error" }, "init_options")
  H.eq(type(cfg.root_dir), "function", "root_dir")
  -- root detection: the nearest bluecode.toml, else the file's folder
  local tmp = vim.fs.normalize(vim.fn.tempname())
  vim.fn.mkdir(tmp .. "/proj/pkg/sub", "p")
  vim.fn.writefile({}, tmp .. "/proj/bluecode.toml")
  vim.fn.mkdir(tmp .. "/loose", "p")
  local function root_of(file)
    vim.cmd.edit(file)
    local got
    cfg.root_dir(vim.api.nvim_get_current_buf(), function(dir)
      got = dir
    end)
    vim.cmd("bwipeout!")
    return got
  end
  H.eq(root_of(tmp .. "/proj/pkg/sub/x.py"), tmp .. "/proj", "root with bluecode.toml")
  H.eq(root_of(tmp .. "/loose/y.py"), tmp .. "/loose", "root without markers")
end)

H.test("checkhealth: a missing binary is reported as an error with advice", function()
  require("bluecode").setup({ cmd = { "/nonexistent/bluecode", "lsp" }, autostart = false })
  vim.cmd("checkhealth bluecode")
  local text = table.concat(vim.api.nvim_buf_get_lines(0, 0, -1, false), "\n")
  H.contains(text, "/nonexistent/bluecode")
  H.contains(text, "ERROR")
  H.contains(text, "cargo install")
  H.contains(text, "LLM judge")
  H.contains(text, "Docker")
end)

H.finish("neovim unit")
