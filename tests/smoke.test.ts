import { expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { makeUser } from "./db-utils";

test("each test file gets its own migrated database", async () => {
  expect(await prisma.user.count()).toBe(0);
  await makeUser({ email: "a@example.com" });
  expect(await prisma.user.count()).toBe(1);
});
