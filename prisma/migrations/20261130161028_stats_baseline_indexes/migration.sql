-- DropIndex
DROP INDEX "Interview_round_scheduledAt_idx";

-- CreateIndex
CREATE INDEX "Interview_round_scheduledAt_flagSeverity_idx" ON "Interview"("round", "scheduledAt", "flagSeverity");

-- CreateIndex
CREATE INDEX "Interview_id_scheduledAt_flagSeverity_round_idx" ON "Interview"("id", "scheduledAt", "flagSeverity", "round");
