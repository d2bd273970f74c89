// Video worker pool: one ffmpeg per CPU core, jobs taken from the queue.
const { spawn } = require("child_process");
const os = require("os");

function transcode(job) {
  return new Promise((resolve, reject) => {
    // expect-not: malicious
    const child = spawn("ffmpeg", ["-y", "-i", job.input, "-c:v", "libx264", "-preset", "veryfast", job.output], { stdio: "ignore" });
    child.on("exit", (code) => (code === 0 ? resolve(job.output) : reject(new Error(`ffmpeg exited ${code}`))));
  });
}

async function runPool(queue) {
  const workers = Array.from({ length: os.cpus().length }, async () => {
    for (let job = queue.shift(); job; job = queue.shift()) await transcode(job);
  });
  await Promise.all(workers);
}

module.exports = { runPool };
