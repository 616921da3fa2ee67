// My profile: ending one's own sessions.
import { z } from "zod";

export const profileIntents = ["end-session", "end-other-sessions"] as const;
export const isProfileIntent = (value: unknown): value is (typeof profileIntents)[number] =>
  (profileIntents as readonly unknown[]).includes(value);

export const ProfileSessionActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("end-session"), session: z.string({ required_error: "Choose a session." }).max(64) }),
  z.object({ intent: z.literal("end-other-sessions") }),
]);
