// Client companies: the list to pick from, and find-or-create by name (case-insensitive) when logging.
import { Prisma } from "~/.generated/prisma/client";
import { prisma, type Tx } from "~/utils/db.server";
import { equalsIgnoringCase } from "~/utils/sql-dialect.server";

export async function listCompanies() {
  return prisma.company.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" }, take: 1000 });
}

/** The company with this name in any letter case, or a new one; inside the caller's transaction. */
export async function findOrCreateCompanyInTx(tx: Tx, name: string) {
  const clean = name.trim().replace(/\s+/g, " ");
  const [found] = await tx.$queryRaw<{ id: string; name: string }[]>`
    SELECT "id", "name" FROM "Company" WHERE ${equalsIgnoringCase(Prisma.sql`"name"`, clean)} ORDER BY "createdAt" LIMIT 1`;
  if (found) return { ...found, created: false };
  const company = await tx.company.create({ data: { name: clean }, select: { id: true, name: true } });
  return { ...company, created: true };
}
