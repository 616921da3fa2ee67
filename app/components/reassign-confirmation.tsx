// Bulk reassign's second step: says whose candidates move to whom ("Move 2 of Jamie Osei's candidates to you?")
// and names them, then moves them only when confirmed.
import { Form, Link } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { SubmitButton } from "./forms";

type Plan = {
  recruiter: { id: string; name: string };
  toSelf: boolean;
  moving: { ownerId: string; ownerName: string; candidates: { id: string; name: string }[] }[];
  unchanged: { id: string; name: string }[];
  candidateIds: string[];
  confirmation: string;
};

const plural = (n: number) => `${n} candidate${n === 1 ? "" : "s"}`;

/** The question the confirmation asks, from the viewer's side ("you", "your"). */
export function reassignQuestion(plan: Plan, viewerId: string) {
  const target = plan.toSelf ? "you" : plan.recruiter.name;
  const n = plan.moving.reduce((sum, g) => sum + g.candidates.length, 0);
  if (n === 0) return null;
  if (plan.moving.length > 1) return `Move ${plural(n)} to ${target}?`;
  const group = plan.moving[0];
  const whose = group.ownerId === viewerId ? "your" : `${group.ownerName}’s`;
  return `Move ${n} of ${whose} candidates to ${target}?`;
}

export function ReassignConfirmation({ plan, viewerId, cancelHref }: { plan: Plan; viewerId: string; cancelHref: string }) {
  const heading = useRef<HTMLHeadingElement>(null);
  // With JavaScript, focus lands on the question so keyboard and screen-reader users meet it first.
  useEffect(() => heading.current?.focus(), [plan.confirmation]);
  const question = reassignQuestion(plan, viewerId);
  return (
    <section className="panel bulk-reassign-confirm" aria-labelledby="bulk-reassign-confirm-title">
      <h2 id="bulk-reassign-confirm-title" ref={heading} tabIndex={-1}>
        {question ?? `All of them already belong to ${plan.toSelf ? "you" : plan.recruiter.name}`}
      </h2>
      {plan.moving.map((g) => (
        <p key={g.ownerId}>
          {plan.moving.length > 1 ? <strong>{`${g.candidates.length} of ${g.ownerId === viewerId ? "your" : `${g.ownerName}’s`}: `}</strong> : null}
          {g.candidates.map((c, i) => (
            <span key={c.id}>
              {i ? ", " : ""}
              <Link to={`/candidates/${c.id}`}>{c.name}</Link>
            </span>
          ))}
        </p>
      ))}
      {question ? (
        <p className="hint">Their upcoming interviews and open recoveries move too, and {plan.moving.length > 1 ? "each previous owner" : "the previous owner"} sees the change in their activity.</p>
      ) : null}
      {plan.unchanged.length ? (
        <p className="hint">
          {plural(plan.unchanged.length)} already with {plan.toSelf ? "you" : plan.recruiter.name}: {plan.unchanged.map((c) => c.name).join(", ")}.
        </p>
      ) : null}
      <Form method="post" className="row-actions">
        <input type="hidden" name="recruiterId" value={plan.recruiter.id} />
        <input type="hidden" name="confirmation" value={plan.confirmation} />
        {plan.candidateIds.map((id) => (
          <input key={id} type="hidden" name="candidateIds" value={id} />
        ))}
        {question ? (
          <SubmitButton name="intent" value="reassign" pendingLabel="Moving…">
            Yes, move {plural(plan.moving.reduce((s, g) => s + g.candidates.length, 0))}
          </SubmitButton>
        ) : null}
        <Link to={cancelHref} className="button secondary">
          {question ? "Cancel" : "Back to candidates"}
        </Link>
      </Form>
    </section>
  );
}
