// Free text people type: ordinary Unicode (accents, right-to-left scripts, emoji) is kept; characters that hide or
// disguise text are not — NUL and other control characters, bidirectional embeddings, overrides and isolates
// (U+202A–U+202E, U+2066–U+2069: "Trojan Source" tricks that reorder what a reader sees) and lone surrogates.
// Single-line fields refuse them with a message; multi-line fields drop them and keep line breaks and tabs.
import { z } from "zod";

const LONE_SURROGATE = "[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])|(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]";
const BIDI_CONTROLS = "\\u202A-\\u202E\\u2066-\\u2069";
// Code-unit regexes (no "u" flag) so a lone surrogate is something they can see.
const singleLineUnsafe = new RegExp(`[\\u0000-\\u001F\\u007F-\\u009F\\u2028\\u2029${BIDI_CONTROLS}]|${LONE_SURROGATE}`);
const multiLineUnsafe = new RegExp(`[\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F${BIDI_CONTROLS}]|${LONE_SURROGATE}`, "g");

export const UNSAFE_TEXT_MESSAGE = "Remove the hidden control or text-direction characters (they often come with pasted text).";

export function hasUnsafeSingleLineText(value: string) {
  return singleLineUnsafe.test(value);
}

/** Multi-line text without the characters above; \n, \r and \t stay. */
export function stripUnsafeText(value: string) {
  return value.replace(multiLineUnsafe, "");
}

/** A one-line field (a name, a title): refuses hidden characters with a message at the field. */
export function singleLineText(schema: z.ZodString, message = UNSAFE_TEXT_MESSAGE) {
  return schema.refine((value) => !hasUnsafeSingleLineText(value), message);
}

/** A multi-line field (notes, guidance): drops hidden characters, keeps line breaks and tabs. */
export function multiLineText(schema: z.ZodString) {
  return schema.transform((value) => stripUnsafeText(value).trim());
}
