// The agency's time zone in components, from the root loader: pass it to the formatters in app/utils/dates.ts.
import { useRouteLoaderData } from "@remix-run/react";
import type { RootLoaderData } from "~/root";

export function useTimeZone() {
  return useRouteLoaderData<RootLoaderData>("root")?.agency.timeZone ?? "UTC";
}
