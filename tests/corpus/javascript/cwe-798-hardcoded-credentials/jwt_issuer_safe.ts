import { readFileSync } from "node:fs";
import jwt from "jsonwebtoken";

const privateKey = readFileSync(process.env.JWT_PRIVATE_KEY_PATH ?? "/run/secrets/jwt.key");
const publicKey = readFileSync(process.env.JWT_PUBLIC_KEY_PATH ?? "/run/secrets/jwt.pub");

export function issueToken(userId: string, roles: string[]): string {
  // expect-not: CWE-798
  return jwt.sign({ sub: userId, roles }, privateKey, { expiresIn: "1h", algorithm: "ES256" });
}

export function readToken(token: string) {
  // expect-not: CWE-798
  return jwt.verify(token, publicKey, { algorithms: ["ES256"] });
}
