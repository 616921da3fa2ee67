// Form schemas for signing in and managing users; shared by actions (server truth) and forms (hints).
import { z } from "zod";
import { commonPasswords } from "~/utils/common-passwords";
import { roles } from "../enums";
import { emailField, nameField } from "./person-fields";

// OWASP ASVS level 1: at least 12 characters, and none of the passwords attackers try first.
export const PASSWORD_MIN_LENGTH = 12;

export const passwordField = z
  .string({ required_error: "Enter a password." })
  .min(PASSWORD_MIN_LENGTH, `A password needs at least ${PASSWORD_MIN_LENGTH} characters.`)
  .max(200, "A password is at most 200 characters.")
  .refine((v) => !commonPasswords.has(v.toLowerCase()), {
    message: "This is one of the commonest passwords; choose another.",
  });

export const roleField = z.enum(roles.values, {
  errorMap: () => ({ message: "Choose recruiter or manager." }),
});

export const LoginSchema = z.object({
  email: emailField,
  password: z.string({ required_error: "Enter your password." }).max(200, "That password is too long."),
  redirectTo: z.string().optional(),
});

export const UnlockSchema = z.object({ email: emailField });

/** The login page's two forms: signing in, and asking for the unlock email once the page offers it. */
export const loginIntents = ["login", "unlock"] as const;
export const isLoginIntent = (value: unknown): value is (typeof loginIntents)[number] =>
  (loginIntents as readonly unknown[]).includes(value);

export const LoginActionSchema = z.discriminatedUnion("intent", [
  LoginSchema.extend({ intent: z.literal("login") }),
  UnlockSchema.extend({ intent: z.literal("unlock") }),
]);

export const NewUserSchema = z
  .object({
    name: nameField,
    email: emailField,
    role: roleField,
    passwordChoice: z.enum(["link", "password"], {
      errorMap: () => ({ message: "Choose how the user gets a password." }),
    }),
    password: z.string().optional(),
  })
  .superRefine((value, ctx) => {
    if (value.passwordChoice !== "password") return;
    const result = passwordField.safeParse(value.password ?? "");
    if (!result.success) {
      ctx.addIssue({ code: "custom", path: ["password"], message: result.error.issues[0].message });
    }
  });

export const UserActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("change-role"), userId: z.string().min(1), role: roleField }),
  z.object({ intent: z.literal("reset-password"), userId: z.string().min(1) }),
  z.object({ intent: z.literal("deactivate"), userId: z.string().min(1) }),
  z.object({ intent: z.literal("reactivate"), userId: z.string().min(1) }),
]);

export const SetPasswordSchema = z
  .object({ password: passwordField, confirm: z.string({ required_error: "Repeat the password." }) })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "The two passwords differ." });
