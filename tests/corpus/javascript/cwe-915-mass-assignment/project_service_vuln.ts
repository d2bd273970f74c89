import { PrismaClient } from "@prisma/client";
import type { Request, Response } from "express";

const prisma = new PrismaClient();

export async function updateProject(req: Request, res: Response): Promise<void> {
  const id = Number(req.params.id);
  // body may carry ownerId or plan: "enterprise" as well as name/description
  // expect: CWE-915
  const project = await prisma.project.update({ where: { id }, data: req.body });
  res.json(project);
}
