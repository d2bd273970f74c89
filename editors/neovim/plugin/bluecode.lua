-- User commands; the server itself starts only after require("bluecode").setup().
if vim.g.loaded_bluecode == 1 then
  return
end
vim.g.loaded_bluecode = 1

if vim.fn.has("nvim-0.10") == 0 then
  vim.notify("bluecode needs Neovim 0.10 or newer", vim.log.levels.WARN)
  return
end

vim.api.nvim_create_user_command("BluecodeVerify", function()
  require("bluecode").verify()
end, { desc = "bluecode: verify the finding on this line in the sandbox" })

vim.api.nvim_create_user_command("BluecodeScan", function(args)
  require("bluecode").scan({ path = args.args })
end, { nargs = "?", complete = "dir", desc = "bluecode: scan the project into the quickfix list" })

vim.api.nvim_create_user_command("BluecodeExplain", function(args)
  require("bluecode").explain({ id = args.args })
end, { nargs = "?", desc = "bluecode: show the constitution behind the finding on this line" })
