// The candidate's pages (coaching, check-in, unsubscribe) are opened on phones, often on mobile data. Their routes take
// the form schemas and the parser through this .server module, which Remix leaves out of the browser's bundle: those
// pages check their forms on the server only (they work the same without JavaScript), so the browser downloads
// neither zod nor Conform. `npm run bench:js` holds them to 100 kB.
export { parseWithZod } from "@conform-to/zod";
export { CheckInActionSchema, isCheckInIntent } from "~/models/check-in/check-in-forms";
export { UnsubscribeSchema, isUnsubscribeIntent } from "~/models/email/unsubscribe-forms";
export { CoachActionSchema, isCoachIntent } from "~/models/recovery/coaching-forms";
