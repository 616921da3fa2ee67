// The versioned playbook behind every checklist: read the newest version, save a new one. Versions are never
// edited in place, so a checklist that is already running keeps the steps it started with.
import type { StaffActor } from "~/models/audit/events";
import { recordAudit } from "~/models/audit/audit.server";
import { prisma, type Tx, isUniqueViolation } from "~/utils/db.server";
import { lockName } from "~/utils/sql-dialect.server";
import { RuleViolation } from "~/utils/errors.server";
import { DEFAULT_PLAYBOOK, type PlaybookStepData } from "./playbook";

type Client = Tx | typeof prisma;

const stepSelect = {
  id: true,
  position: true,
  title: true,
  guidance: true,
  staffNote: true,
  owner: true,
  dueOffsetMinutes: true,
  dueLocalTime: true,
} as const;

const versionSelect = {
  id: true,
  version: true,
  createdAt: true,
  createdBy: { select: { name: true } },
  steps: { orderBy: { position: "asc" }, select: stepSelect },
} as const;

/** Creates version 1 from the default playbook when the agency has none yet. Safe to call again and concurrently. */
export async function ensureDefaultPlaybook(client: Client = prisma) {
  if ((await client.playbookVersion.count()) > 0) return;
  // Inside a transaction (the first flag ever, several at once) the loser's unique violation would abort it: wait for
  // the winner instead, then find its version 1. Outside one the lock ends at once and the catch below does the job.
  const lock = lockName("default-playbook");
  if (lock && client !== prisma) {
    await client.$executeRaw(lock);
    if ((await client.playbookVersion.count()) > 0) return;
  }
  try {
    await client.playbookVersion.create({
      data: {
        version: 1,
        steps: { create: DEFAULT_PLAYBOOK.map((step, i) => ({ ...stepData(step), position: i + 1 })) },
      },
    });
  } catch (error) {
    // Another request created it first: that version 1 is as good as ours.
    if (!isUniqueViolation(error)) throw error;
  }
}

function stepData(step: PlaybookStepData) {
  return {
    title: step.title,
    guidance: step.guidance,
    staffNote: step.staffNote || null,
    owner: step.owner,
    dueOffsetMinutes: step.dueOffsetMinutes,
    dueLocalTime: step.dueLocalTime || null,
  };
}

/** The newest playbook version with its steps in order (creating the default one on first use). */
export async function currentPlaybook(client: Client = prisma) {
  await ensureDefaultPlaybook(client);
  return client.playbookVersion.findFirstOrThrow({ orderBy: { version: "desc" }, select: versionSelect });
}

export type Playbook = Awaited<ReturnType<typeof currentPlaybook>>;

/**
 * Saves the steps, in this order, as a new version (the newest + 1). `baseVersion` is the version the editor
 * started from: if someone saved meanwhile, nothing is written and the editor is asked to reload.
 */
export async function savePlaybook(
  { baseVersion, steps }: { baseVersion: number; steps: PlaybookStepData[] },
  actor: StaffActor,
) {
  if (steps.length === 0) throw new RuleViolation("Keep at least one step in the checklist.");
  try {
    return await prisma.$transaction(async (tx) => {
      const previous = await currentPlaybook(tx);
      if (previous.version !== baseVersion) {
        throw new RuleViolation(
          `Someone saved version ${previous.version} of the checklist while you were editing. Reload the page to see it, then make your changes again.`,
        );
      }
      const created = await tx.playbookVersion.create({
        data: {
          version: previous.version + 1,
          createdById: actor.userId,
          steps: { create: steps.map((step, i) => ({ ...stepData(step), position: i + 1 })) },
        },
        select: { id: true, version: true },
      });
      await recordAudit(tx, {
        actor,
        action: "playbook.saved",
        entityId: created.id,
        before: { version: previous.version, steps: previous.steps.map((s) => s.title) },
        after: { version: created.version, steps: steps.map((s) => s.title) },
      });
      return created;
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new RuleViolation("Someone saved the checklist at the same moment. Reload the page and try again.");
    }
    throw error;
  }
}
