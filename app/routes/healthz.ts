import { pingDatabase } from "~/utils/db.server";

export async function loader() {
  try {
    await pingDatabase();
    return Response.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    const reason = error instanceof Error ? error.message.split("\n")[0] : "unknown error";
    return Response.json(
      { status: "error", reason: `database unreachable: ${reason}` },
      { status: 503, headers: { "Cache-Control": "no-store" } },
    );
  }
}
