// My profile: ending one's own sessions.
import { z } from "zod";

export const ProfileSessionActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("end-session"), session: z.string({ required_error: "Choose a session." }).max(64) }),
  z.object({ intent: z.literal("end-other-sessions") }),
]);
