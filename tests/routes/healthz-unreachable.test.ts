import { expect, test } from "vitest";

test("/healthz answers 503 with a reason when the database can't be reached", async () => {
  // Point this file's app at a database in a folder that doesn't exist, before the app loads.
  process.env.DATABASE_URL = "file:/nonexistent-folder/rebound.db";
  const { loader } = await import("~/routes/healthz");
  const response = await loader();
  expect(response.status).toBe(503);
  const body = await response.json();
  expect(body.status).toBe("error");
  expect(body.reason).toMatch(/^database unreachable: /);
});
