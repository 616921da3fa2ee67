-- CreateIndex
CREATE INDEX "CandidacyOutcome_outcome_interviewId_idx" ON "CandidacyOutcome"("outcome", "interviewId");

-- CreateIndex
CREATE INDEX "CandidacyOutcome_interviewId_outcome_idx" ON "CandidacyOutcome"("interviewId", "outcome");

-- CreateIndex
CREATE INDEX "Candidate_id_recruiterId_idx" ON "Candidate"("id", "recruiterId");

-- CreateIndex
CREATE INDEX "ChecklistRun_flagId_id_idx" ON "ChecklistRun"("flagId", "id");

-- CreateIndex
CREATE INDEX "ChecklistStepState_runId_status_idx" ON "ChecklistStepState"("runId", "status");

-- CreateIndex
CREATE INDEX "Interview_id_candidateId_companyId_scheduledAt_durationMinutes_idx" ON "Interview"("id", "candidateId", "companyId", "scheduledAt", "durationMinutes");

-- CreateIndex
CREATE INDEX "SecondInterviewRequest_interviewId_response_idx" ON "SecondInterviewRequest"("interviewId", "response");
