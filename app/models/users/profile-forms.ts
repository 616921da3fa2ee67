// My profile: one's own details (name, phone, email signature), password, and sessions.
import { z } from "zod";
import { multiLineText } from "~/utils/text";
import { phoneField } from "../candidates/candidate-forms";
import { nameField } from "./person-fields";
import { passwordField } from "./user-forms";

export const profileIntents = ["update-details", "change-password", "end-session", "end-other-sessions"] as const;
export const isProfileIntent = (value: unknown): value is (typeof profileIntents)[number] =>
  (profileIntents as readonly unknown[]).includes(value);

export const SIGNATURE_MAX = 500;

export const ProfileDetailsSchema = z.object({
  intent: z.literal("update-details"),
  name: nameField,
  phone: phoneField,
  // Empty (or only spaces) means no signature.
  emailSignature: z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
    multiLineText(z.string().max(SIGNATURE_MAX, `A signature is at most ${SIGNATURE_MAX} characters.`))
      .optional()
      .transform((v) => v || null),
  ),
});

export const ChangePasswordSchema = z
  .object({
    intent: z.literal("change-password"),
    current: z.string({ required_error: "Enter your current password." }).max(200, "That password is too long."),
    password: passwordField,
    confirm: z.string({ required_error: "Repeat the password." }),
  })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "The two passwords differ." });

export const ProfileSessionActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("end-session"), session: z.string({ required_error: "Choose a session." }).max(64) }),
  z.object({ intent: z.literal("end-other-sessions") }),
]);
