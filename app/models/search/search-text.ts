// What a search box's text means (shared by the header box, /search and /interviews?q=; browser-safe). The index
// matches substrings of 3+ characters (trigram), so shorter words can't be looked up and get a message instead.
import { hasUnsafeSingleLineText } from "~/utils/text";

export const SEARCH_MIN_LENGTH = 3;
export const SEARCH_MAX_LENGTH = 100;
/** Candidates per page of /search. */
export const SEARCH_PAGE_SIZE = 25;
/** Companies listed on /search (an agency works with a few hundred at most). */
export const SEARCH_MAX_COMPANIES = 50;
/** Counting matches stops here: "more than 1,000" is all a person needs to know to type more. */
export const COUNT_CAP = 1000;
// Each word is one more index lookup; a dozen words is already a pasted paragraph.
const MAX_TERMS = 8;

export type SearchText =
  | { kind: "empty" }
  | { kind: "terms"; text: string; terms: string[] }
  | { kind: "invalid"; text: string; message: string };

const PHONE_LIKE = /^[\d\s()+.-]+$/;

/** The words to look up: each 3+ characters, in any column, all required. */
export function parseSearchText(raw: string | null | undefined): SearchText {
  const text = (raw ?? "").replace(/\s+/g, " ").trim();
  if (!text) return { kind: "empty" };
  if ([...text].length > SEARCH_MAX_LENGTH) {
    return { kind: "invalid", text, message: `Search for at most ${SEARCH_MAX_LENGTH} characters.` };
  }
  if (hasUnsafeSingleLineText(text)) {
    return { kind: "invalid", text, message: "Remove the hidden control characters from the search." };
  }
  const words = text.split(" ").map((word) => {
    // "(020) 7946-0018" and "0207946" both find a stored "+44 20 7946 0018": phones are indexed as digits too.
    const digits = PHONE_LIKE.test(word) ? word.replace(/\D/g, "") : "";
    return digits.length >= SEARCH_MIN_LENGTH ? digits : word;
  });
  let terms = [...new Set(words.filter((w) => [...w].length >= SEARCH_MIN_LENGTH))];
  // "Li Bo": no word is long enough alone, but the whole text is.
  if (terms.length === 0 && [...text].length >= SEARCH_MIN_LENGTH) terms = [text];
  if (terms.length === 0) {
    return { kind: "invalid", text, message: `Type at least ${SEARCH_MIN_LENGTH} characters to search.` };
  }
  return { kind: "terms", text, terms: terms.slice(0, MAX_TERMS) };
}
