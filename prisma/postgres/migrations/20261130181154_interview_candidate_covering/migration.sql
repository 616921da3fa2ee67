-- CreateIndex
CREATE INDEX "Interview_candidateId_scheduledAt_flagSeverity_round_id_idx" ON "Interview"("candidateId", "scheduledAt", "flagSeverity", "round", "id");
