// Record ids as they arrive in URLs and forms: Prisma's cuids, UUIDs, and the seeds' ids all fit this shape.
import { z } from "zod";

export const RECORD_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export function isRecordId(value: unknown): value is string {
  return typeof value === "string" && RECORD_ID_PATTERN.test(value);
}

/** A form or URL field holding one record's id; the message says what to do when it is missing or malformed. */
export function recordIdField(message: string) {
  return z.string({ required_error: message }).trim().regex(RECORD_ID_PATTERN, message);
}
