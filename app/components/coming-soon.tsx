import type { ReactNode } from "react";

/** An honest placeholder for a page a later release fills in. It shows no invented data. */
export function ComingSoon({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section aria-labelledby="coming-soon-title">
      <h1 id="coming-soon-title">{title}</h1>
      <div className="notice">
        <p>
          <strong>Coming soon.</strong> {children}
        </p>
      </div>
    </section>
  );
}
