-- CreateIndex
CREATE INDEX "Candidate_phone_idx" ON "Candidate"("phone");

-- CreateIndex
CREATE INDEX "Interview_scheduledAt_candidateId_idx" ON "Interview"("scheduledAt", "candidateId");

-- CreateIndex
CREATE INDEX "Interview_format_scheduledAt_idx" ON "Interview"("format", "scheduledAt");

-- CreateIndex
CREATE INDEX "User_name_idx" ON "User"("name");
