import { expect, test } from "playwright/test";

test("GET /healthz answers ok after a real database round trip", async ({ request }) => {
  const response = await request.get("/healthz");
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ status: "ok" });
});
