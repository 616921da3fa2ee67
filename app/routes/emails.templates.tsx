// Every recovery-email template rendered with sample data, for managers to read before recruiters send them.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { templateNames, recoveryTemplates } from "../../emails/index";
import { EmailPreview } from "~/components/email-preview";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { getAgency } from "~/models/agency/agency.server";
import { renderRecoveryEmail, sampleMergeValues } from "~/models/email/email-templates.server";
import { requireManager } from "~/utils/session.server";

export const meta: MetaFunction = () => [{ title: "Email templates · Rebound" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireManager(request);
  const agency = await getAgency();
  const values = sampleMergeValues(agency.name);
  const templates = await Promise.all(
    templateNames.map(async (name) => ({
      name,
      label: recoveryTemplates[name].label,
      description: recoveryTemplates[name].description,
      ...(await renderRecoveryEmail(name, values)),
    })),
  );
  return { templates };
}

export default function EmailTemplatesPage() {
  const { templates } = useLoaderData<typeof loader>();
  return (
    <section aria-labelledby="email-templates-title">
      <div className="page-heading">
        <h1 id="email-templates-title">Email templates</h1>
        <Link to="/emails">All emails</Link>
      </div>
      <p className="hint">
        Each template as a candidate would get it, filled with sample data (Priya at Acme Logistics, flagged for
        arriving late, nerves and missing examples). Recruiters see the real values for their candidate before sending.
      </p>
      <nav aria-label="Templates on this page">
        <ul className="email-template-index">
          {templates.map((t) => (
            <li key={t.name}>
              <a href={`#template-${t.name}`}>{t.label}</a>
            </li>
          ))}
        </ul>
      </nav>
      {templates.map((t) => (
        <section key={t.name} id={`template-${t.name}`} className="panel" aria-labelledby={`template-${t.name}-title`}>
          <h2 id={`template-${t.name}-title`}>{t.label}</h2>
          <p className="hint">{t.description}</p>
          <EmailPreview subject={t.subject} html={t.html} text={t.text} label={t.label} />
        </section>
      ))}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
