import { createCipheriv, createDecipheriv } from "node:crypto";

const key = Buffer.from(process.env.FIELD_KEY!, "base64");

// deterministic so we can still look customers up by encrypted SSN
export function encryptSsn(ssn: string): string {
  // expect: CWE-327
  const c = createCipheriv("aes-128-ecb", key, null);
  return Buffer.concat([c.update(ssn, "utf8"), c.final()]).toString("hex");
}

export function decryptSsn(hex: string): string {
  // expect: CWE-327
  const d = createDecipheriv("aes-128-ecb", key, null);
  return Buffer.concat([d.update(Buffer.from(hex, "hex")), d.final()]).toString("utf8");
}
