// Test builder for users: an active recruiter with a known password unless the test says otherwise.
import { randomUUID } from "node:crypto";
import { prisma } from "~/utils/db.server";
import { hashPassword } from "~/utils/password.server";

export const unique = () => randomUUID().slice(0, 8);

export async function makeUser(
  overrides: { name?: string; email?: string; role?: "recruiter" | "manager"; password?: string | null; active?: boolean } = {},
) {
  const password = overrides.password === undefined ? "correct horse battery" : overrides.password;
  return prisma.user.create({
    data: {
      name: overrides.name ?? `User ${unique()}`,
      // The app stores emails lower-cased (login looks them up that way).
      email: (overrides.email ?? `user-${unique()}@example.com`).toLowerCase(),
      role: overrides.role ?? "recruiter",
      active: overrides.active ?? true,
      passwordHash: password ? await hashPassword(password) : null,
    },
  });
}
