import { createCipheriv, createDecipheriv, createHmac, randomBytes } from "node:crypto";

const key = Buffer.from(process.env.FIELD_KEY!, "base64");      // 32 bytes
const indexKey = Buffer.from(process.env.INDEX_KEY!, "base64");

// lookups go through a keyed blind index; the ciphertext itself is randomized
export function blindIndex(ssn: string): string {
  return createHmac("sha256", indexKey).update(ssn).digest("hex");
}

export function encryptSsn(ssn: string): string {
  const iv = randomBytes(12);
  // expect-not: CWE-327
  const c = createCipheriv("aes-256-gcm", key, iv);
  const ct = Buffer.concat([c.update(ssn, "utf8"), c.final()]);
  return [iv, c.getAuthTag(), ct].map((b) => b.toString("hex")).join(".");
}

export function decryptSsn(packed: string): string {
  const [iv, tag, ct] = packed.split(".").map((h) => Buffer.from(h, "hex"));
  const d = createDecipheriv("aes-256-gcm", key, iv);
  d.setAuthTag(tag);
  return Buffer.concat([d.update(ct), d.final()]).toString("utf8");
}
