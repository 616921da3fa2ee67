import { describe, expect, test } from "vitest";
import { LoginSchema, NewUserSchema, SetPasswordSchema } from "~/models/users/user-forms";

describe("user forms", () => {
  test("a password is needed only when the manager chose to set one", () => {
    const base = { name: "Sam", email: "sam@example.com", role: "recruiter" };
    expect(NewUserSchema.safeParse({ ...base, passwordChoice: "link" }).success).toBe(true);
    const short = NewUserSchema.safeParse({ ...base, passwordChoice: "password", password: "short" });
    expect(short.error?.flatten().fieldErrors.password).toEqual(["A password needs at least 12 characters."]);
    expect(NewUserSchema.safeParse({ ...base, passwordChoice: "password", password: "long-enough-12" }).success).toBe(true);
  });

  test("a 10,000-character name and an unknown role are refused with messages", () => {
    const result = NewUserSchema.safeParse({ name: "x".repeat(10_000), email: "a@example.com", role: "admin", passwordChoice: "link" });
    const errors = result.error!.flatten().fieldErrors;
    expect(errors.name).toEqual(["A name is at most 100 characters."]);
    expect(errors.role).toEqual(["Choose recruiter or manager."]);
  });

  test("the login email is trimmed and lower-cased", () => {
    expect(LoginSchema.parse({ email: "  Riley@Example.COM ", password: "x" }).email).toBe("riley@example.com");
  });

  test("an 11-character password is refused and the 12-character demo password is accepted", () => {
    expect(SetPasswordSchema.safeParse({ password: "eleven-char", confirm: "eleven-char" }).error?.flatten().fieldErrors.password).toEqual([
      "A password needs at least 12 characters.",
    ]);
    expect(SetPasswordSchema.safeParse({ password: "rebound-demo", confirm: "rebound-demo" }).success).toBe(true);
  });

  test.each(["qwertyuiop123", "1qaz2wsx3edc", "PasswordPassword", "administrator"])(
    "refuses the common password %s whatever its case",
    (password) => {
      const result = SetPasswordSchema.safeParse({ password, confirm: password });
      expect(result.error?.flatten().fieldErrors.password).toEqual(["This is one of the commonest passwords; choose another."]);
    },
  );

  test("the two new passwords must match", () => {
    const result = SetPasswordSchema.safeParse({ password: "first-password", confirm: "other-password" });
    expect(result.error?.flatten().fieldErrors.confirm).toEqual(["The two passwords differ."]);
  });
});
