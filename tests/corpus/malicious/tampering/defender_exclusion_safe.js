// Electron app "first run" step: report whether real-time protection is on (read-only)
const { execFileSync } = require("child_process");
const os = require("os");

function defenderStatus() {
  if (os.platform() !== "win32") return "n/a";
  // expect-not: malicious
  const out = execFileSync("powershell", ["-NoProfile", "-Command", "(Get-MpComputerStatus).RealTimeProtectionEnabled"], { encoding: "utf8" });
  return out.trim() === "True" ? "on" : "off";
}

module.exports = { defenderStatus };
