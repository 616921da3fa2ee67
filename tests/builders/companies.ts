// Test builder for companies (the employers candidates interview with).
import { prisma } from "~/utils/db.server";
import { unique } from "./users";

export async function makeCompany(overrides: { name?: string } = {}) {
  return prisma.company.create({ data: { name: overrides.name ?? `Company ${unique()}` } });
}
