// Shows a rendered email as the candidate will get it: subject, the HTML part in a sandboxed frame (no scripts,
// no same-origin access, whatever the content) and the plain-text part.
import { useId } from "react";

export function EmailPreview({
  subject,
  html,
  text,
  to,
  label,
}: {
  subject: string;
  html: string;
  text: string;
  /** "Priya Raman <priya@example.net>", when there is a real recipient. */
  to?: string;
  /** Names the preview for screen readers, e.g. "Rough day — here's what to do next". */
  label: string;
}) {
  const id = useId();
  return (
    <div className="email-preview">
      <dl className="email-preview-headers">
        {to ? (
          <>
            <dt>To</dt>
            <dd>{to}</dd>
          </>
        ) : null}
        <dt>Subject</dt>
        <dd>{subject}</dd>
      </dl>
      <h3 id={`${id}-html`} className="email-preview-part">
        HTML version
      </h3>
      <iframe
        title={`HTML preview: ${label}`}
        aria-describedby={`${id}-html`}
        className="email-preview-frame"
        srcDoc={html}
        sandbox=""
      />
      <h3 id={`${id}-text`} className="email-preview-part">
        Plain-text version
      </h3>
      <pre className="email-preview-text" aria-labelledby={`${id}-text`}>
        {text}
      </pre>
    </div>
  );
}
