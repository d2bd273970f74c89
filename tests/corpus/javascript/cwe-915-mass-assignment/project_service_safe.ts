import { PrismaClient } from "@prisma/client";
import { z } from "zod";
import type { Request, Response } from "express";

const prisma = new PrismaClient();
const ProjectPatch = z.object({ name: z.string().max(120).optional(), description: z.string().max(2000).optional() }).strict();

export async function updateProject(req: Request, res: Response): Promise<void> {
  const id = Number(req.params.id);
  const parsed = ProjectPatch.safeParse(req.body);
  if (!parsed.success) {
    res.status(400).json(parsed.error.flatten());
    return;
  }
  // expect-not: CWE-915
  const project = await prisma.project.update({ where: { id }, data: parsed.data });
  res.json(project);
}
