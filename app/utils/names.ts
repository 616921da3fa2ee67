// People's names as the app addresses them.

/** "Ada" for "Ada Lovelace": the first word of a full name, or "" when there is none. */
export function firstName(fullName: string) {
  return fullName.trim().split(/\s+/)[0] ?? "";
}
