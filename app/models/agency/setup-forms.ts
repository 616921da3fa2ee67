// The one-time setup form: the agency and its first manager.
import { z } from "zod";
import { AgencySchema } from "./agency-forms";
import { emailField, nameField } from "../users/person-fields";
import { passwordField } from "../users/user-forms";

export const SetupSchema = z
  .object({
    agencyName: AgencySchema.shape.name,
    timeZone: AgencySchema.shape.timeZone,
    name: nameField,
    email: emailField,
    password: passwordField,
    confirm: z.string({ required_error: "Repeat the password." }),
  })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "The two passwords differ." });
