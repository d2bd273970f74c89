// Entry point for the queue worker container.
import { startWorker } from "./worker";

// refuse to start with verification disabled by the environment
// expect-not: CWE-295
if (process.env.NODE_TLS_REJECT_UNAUTHORIZED === "0") {
  console.error("NODE_TLS_REJECT_UNAUTHORIZED=0 is not allowed");
  process.exit(1);
}

startWorker({ concurrency: Number(process.env.CONCURRENCY ?? 4), extraCaFile: process.env.NODE_EXTRA_CA_CERTS });
