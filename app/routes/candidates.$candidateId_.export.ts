// GET /candidates/:candidateId/export: "Export this candidate's data" (managers), a ZIP of data.json and index.html.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportCandidateData } from "~/models/privacy/export.server";
import { requireCandidateAccess } from "~/models/candidates/candidate-access.server";
import { forbidden, invariantResponse } from "~/utils/http.server";
import { isRecordId } from "~/utils/record-id";
import { RuleViolation } from "~/utils/errors.server";
import { requireUser } from "~/utils/session.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const candidateId = params.candidateId ?? "";
  invariantResponse(isRecordId(candidateId), "We couldn't find that candidate.");
  // Out of a recruiter's reach is a 404 as everywhere; within it, exporting is still for managers only.
  await requireCandidateAccess(user, candidateId);
  if (user.role !== "manager") throw forbidden("Only a manager can export a candidate's data.");
  const manager = user;
  try {
    const { zip, filename } = await exportCandidateData(candidateId, { userId: manager.id });
    return new Response(zip, {
      headers: {
        "Content-Type": "application/zip",
        "Content-Disposition": `attachment; filename="${filename}"`,
        "Cache-Control": "no-store",
      },
    });
  } catch (error) {
    if (error instanceof RuleViolation) throw new Response(error.message, { status: 404 });
    throw error;
  }
}
