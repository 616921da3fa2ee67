// The one place that formats dates for people. Always in the agency's time zone, which is named on the page.

/** "Europe/London (GMT)" — so every page says which zone its times are in. */
export function describeTimeZone(timeZone: string, at: Date = new Date()) {
  const part = new Intl.DateTimeFormat("en-GB", { timeZone, timeZoneName: "short" })
    .formatToParts(at)
    .find((p) => p.type === "timeZoneName")?.value;
  return part && part !== timeZone ? `${timeZone} (${part})` : timeZone;
}
