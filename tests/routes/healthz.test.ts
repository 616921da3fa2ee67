import { expect, test } from "vitest";
import { loader } from "~/routes/healthz";

test("/healthz answers ok after a real database round trip", async () => {
  const response = await loader();
  expect(response.status).toBe(200);
  expect(response.headers.get("Cache-Control")).toBe("no-store");
  expect(await response.json()).toEqual({ status: "ok" });
});
