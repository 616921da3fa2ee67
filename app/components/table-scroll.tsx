// A wide table scrolls inside its own labelled box, never the page: keyboard users reach it with Tab and scroll it
// with the arrow keys. Any page can wrap a table in it (class `table-scroll` in app.css).
import type { ReactNode } from "react";

export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a scrollable region must be focusable to scroll by keyboard
    <div className="table-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
