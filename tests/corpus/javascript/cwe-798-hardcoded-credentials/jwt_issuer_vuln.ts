import jwt from "jsonwebtoken";

export function issueToken(userId: string, roles: string[]): string {
  // expect: CWE-798
  return jwt.sign({ sub: userId, roles }, "k3y-f0r-jwt-signing-prod", { expiresIn: "1h", algorithm: "HS256" });
}

export function readToken(token: string) {
  // expect: CWE-798
  return jwt.verify(token, "k3y-f0r-jwt-signing-prod", { algorithms: ["HS256"] });
}
