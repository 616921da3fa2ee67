import { recoveryStatistics } from "~/models/stats/stats.server";
import { prisma } from "~/utils/db.server";
const rid = ((await prisma.$queryRaw`SELECT "recruiterId" AS id FROM "RecoveryFact" GROUP BY 1 ORDER BY COUNT(*) DESC LIMIT 1`) as any)[0].id;
const cid = ((await prisma.$queryRaw`SELECT "companyId" AS id FROM "RecoveryFact" GROUP BY 1 ORDER BY COUNT(*) DESC LIMIT 1`) as any)[0].id;
const views = [
  { from: "2026-09-02", to: "2026-11-30" },
  { from: "2025-12-01", to: "2026-11-30", recruiterId: rid },
  { from: "2025-12-01", to: "2026-11-30", companyId: cid },
  { from: "2025-12-01", to: "2026-11-30" },
];
for (const v of views) {
  const times: number[] = [];
  for (let i = 0; i < 7; i++) { const t = performance.now(); await recoveryStatistics(v as any, "UTC"); times.push(performance.now() - t); }
  times.sort((a, b) => a - b);
  console.log(JSON.stringify(v).slice(0, 70), "median", times[3].toFixed(1));
}
await prisma.$disconnect();
