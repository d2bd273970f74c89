// pages/api/admin/delete-user.ts (Next.js)
import type { NextApiRequest, NextApiResponse } from "next";
import { getServerSession } from "next-auth/next";
import { authOptions } from "../../../lib/auth";
import { prisma } from "../../../lib/prisma";

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const session = await getServerSession(req, res, authOptions);
  if (!session) return res.status(401).end();
  const id = String(req.query.id);
  // expect: CWE-862
  await prisma.user.delete({ where: { id } });
  res.status(204).end();
}
