import { expect, test } from "vitest";
import { candidatesCsv, parseCandidateQuery } from "~/models/tables/candidate-table.server";
import { loader as candidatesCsvLoader } from "~/routes/candidates[.]csv";
import { loader as interviewsCsvLoader } from "~/routes/interviews[.]csv";
import { updateAgency } from "~/models/agency/agency.server";
import { csvStream, neutraliseFormula } from "~/utils/csv.server";
import { prisma } from "~/utils/db.server";
import { makeCandidate } from "../builders/candidates";
import { makeInterview } from "../builders/interviews";
import { makeUser } from "../builders/users";
import { signedInRequest } from "../builders/session";

/** A small RFC 4180 reader (quoted fields, doubled quotes, CRLF records), so the test checks the bytes on its own. */
function parse(text: string) {
  const records: string[][] = [];
  let field = "";
  let record: string[] = [];
  let quoted = false;
  const endField = () => {
    record.push(field);
    field = "";
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") endField();
    else if (ch === "\r" && text[i + 1] === "\n") {
      endField();
      records.push(record);
      record = [];
      i++;
    } else field += ch;
  }
  if (field || record.length) {
    endField();
    records.push(record);
  }
  return records;
}

// Response#text() would silently drop the byte-order mark; keep it to check it is there.
async function bytesToText(body: ReadableStream<Uint8Array> | null) {
  return new TextDecoder("utf-8", { ignoreBOM: true }).decode(await new Response(body).arrayBuffer());
}

async function readCsv(body: ReadableStream<Uint8Array> | null) {
  const text = await bytesToText(body);
  expect(text.startsWith("\uFEFF")).toBe(true);
  return parse(text.slice(1));
}

test("values that a spreadsheet would run as formulas get a quote prefix; others are untouched", () => {
  for (const v of ["=SUM(A1)", "+44 20 7946 0000", "-2", "@cmd", "\tx", "\rx"]) expect(neutraliseFormula(v)).toBe(`'${v}`);
  for (const v of ["Ada", "a=b", "", "3-2"]) expect(neutraliseFormula(v)).toBe(v);
});

test("quotes commas, quotes and line breaks, and writes a header row", async () => {
  async function* rows() {
    yield { a: 'Say "hi", then\nleave', b: 3 };
    yield { a: "=HYPERLINK(\"http://evil\")", b: null };
  }
  const text = await bytesToText(csvStream(rows(), [{ header: "Text", value: (r) => r.a }, { header: "N", value: (r) => r.b }]));
  expect(text).toBe('\uFEFFText,N\r\n"Say ""hi"", then\nleave",3\r\n"\'=HYPERLINK(""http://evil"")",\r\n');
});

test("the candidates CSV holds exactly the filtered rows, in table order, across batches", async () => {
  const ada = await makeUser({ name: "Ada" });
  await updateAgency({ name: "Agency", timeZone: "Europe/London", senderName: "Agency", replyTo: null, recruitersSeeOwnCandidatesOnly: false }, { userId: ada.id });
  for (let n = 0; n < 7; n++) await makeCandidate({ name: `Keep ${n}`, recruiterId: ada.id, status: "recovering" });
  await makeCandidate({ name: "Skip me", recruiterId: ada.id, status: "hired" });
  const evil = await makeCandidate({ name: "=cmd|' /C calc'!A0", recruiterId: ada.id, status: "recovering" });
  await prisma.candidate.update({ where: { id: evil.id }, data: { createdAt: new Date("2026-07-01T13:30:00Z") } });

  const query = parseCandidateQuery(new URLSearchParams("status=recovering&sort=name&dir=desc"));
  const batched: string[] = [];
  for await (const row of candidatesCsv(query, "Europe/London", 3)) batched.push(row.name);
  expect(batched).toHaveLength(8);

  const request = await signedInRequest(ada.id, "http://localhost/candidates.csv?status=recovering&sort=name&dir=desc&page=2&cols=name&cols=status&cols=createdAt");
  const response = await candidatesCsvLoader({ request, params: {}, context: {} });
  expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
  expect(response.headers.get("Content-Disposition")).toMatch(/^attachment; filename="candidates-\d{4}-\d{2}-\d{2}\.csv"$/);
  const [header, ...lines] = await readCsv(response.body);
  expect(header).toEqual(["Name", "Status", "Added"]);
  expect(lines.map((l) => l[0])).toEqual([...Array.from({ length: 7 }, (_, n) => `Keep ${6 - n}`), "'=cmd|' /C calc'!A0"]);
  expect(lines.every((l) => l[1] === "Recovering")).toBe(true);
  // Dates in the agency zone: 13:30 UTC in July is 14:30 in London.
  expect(lines.at(-1)![2]).toBe("2026-07-01 14:30");
});

test("the interviews CSV follows the page's filters and names the time zone", async () => {
  const ada = await makeUser({ name: "Ada" });
  await updateAgency({ name: "Agency", timeZone: "Europe/London", senderName: "Agency", replyTo: null, recruitersSeeOwnCandidatesOnly: false }, { userId: ada.id });
  await makeInterview({ recruiterId: ada.id, impression: "mixed", scheduledAt: new Date("2026-01-10T09:15:00Z") });
  await makeInterview({ recruiterId: ada.id, impression: "went_well" });
  const request = await signedInRequest(ada.id, "http://localhost/interviews.csv?impression=mixed");
  const response = await interviewsCsvLoader({ request, params: {}, context: {} });
  expect(response.headers.get("Content-Disposition")).toMatch(/filename="interviews-/);
  const [header, ...lines] = await readCsv(response.body);
  expect(header[0]).toBe("Date and time (Europe/London)");
  expect(header).toContain("Flag severity");
  expect(lines).toHaveLength(1);
  expect(lines[0][0]).toBe("2026-01-10 09:15");
  expect(lines[0][header.indexOf("Impression")]).toBe("Mixed");
  expect(lines[0][header.indexOf("Flag severity")]).toBe("");
});
