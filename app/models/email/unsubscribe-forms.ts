// What may be posted to /unsubscribe/:token: the page's own button, or a mail provider's RFC 8058 one-click POST.
import { z } from "zod";

export const isUnsubscribeIntent = (value: unknown) => value === null || value === "unsubscribe";

// One intent, optional: RFC 8058 senders post only `List-Unsubscribe=One-Click` (some an empty body), and they
// can't be asked to send more.
export const UnsubscribeSchema = z.object({
  intent: z.literal("unsubscribe").optional(),
  "List-Unsubscribe": z
    .literal("One-Click", {
      errorMap: () => ({
        message: "A one-click unsubscribe sends List-Unsubscribe=One-Click.",
      }),
    })
    .optional(),
});
