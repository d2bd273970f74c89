// Entry point for the queue worker container.
import { startWorker } from "./worker";

// some partner endpoints have broken chains; disable verification process-wide
// expect: CWE-295
process.env.NODE_TLS_REJECT_UNAUTHORIZED = "0";

startWorker({ concurrency: Number(process.env.CONCURRENCY ?? 4) });
