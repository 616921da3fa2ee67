// A person's name and email as every form reads them (users, candidates, setup). Apart from user-forms.ts so a page
// with a candidate form doesn't download the common-passwords list with it.
import { z } from "zod";
import { singleLineText } from "~/utils/text";

export const emailField = z
  .string({ required_error: "Enter an email address." })
  .trim()
  .toLowerCase()
  .max(254, "An email address is at most 254 characters.")
  .email("Enter a valid email address, like name@example.com.");

export const nameField = singleLineText(
  z.string({ required_error: "Enter a name." }).trim().min(1, "Enter a name.").max(100, "A name is at most 100 characters."),
);
