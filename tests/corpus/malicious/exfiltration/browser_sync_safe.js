// "theme sync" module in a VS Code extension: syncs the extension's own theme
// settings to the user's account after they sign in from the command palette.
const fs = require("fs");
const path = require("path");
const https = require("https");

function syncThemes(context, accessToken) {
  const file = path.join(context.globalStorageUri.fsPath, "themes.json");
  const themes = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, "utf8")) : {};
  const req = https.request({
    host: "api.themesync.example.com",
    path: "/v1/themes",
    method: "PUT",
    headers: { Authorization: `Bearer ${accessToken}`, "Content-Type": "application/json" },
  });
  // expect-not: malicious
  req.end(JSON.stringify({ themes }));
}

module.exports = { syncThemes };
