"use server";

import { translator } from "@/lib/intl";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { moveLink } from "@/lib/inputs/links";
import { ensureWorkItem, updateWorkItem } from "@/lib/inputs/workItems";
import { formFields as fields } from "@/lib/http/actionArgs";
import { currentActor } from "@/lib/permissions/access";
import type { ActionState } from "../_inputs/actionState";
import { agencyWithRole, formLang, guarded } from "../_inputs/guarded";

const optionalText = z
  .string()
  .trim()
  .max(200)
  .optional()
  .transform((v) => v || null);
const WorkItemStatus = z.enum(["planned", "active", "completed", "cancelled"]);

const CreateForm = z.object({
  slug: z.string(),
  title: z.string().trim().min(2, "title_short").max(200),
  owner: optionalText,
  caseNumber: optionalText,
  status: WorkItemStatus,
});

export async function createWorkItemAction(_: ActionState, form: FormData): Promise<ActionState> {
  const lang = formLang(form);
  const a = translator(lang, "actions");
  return guarded(lang, async () => {
    const input = CreateForm.parse(fields(form));
    const agency = await agencyWithRole(input.slug, "editor");
    const { created } = await ensureWorkItem(db(), agency.id, input);
    revalidatePath(`/agencies/${agency.slug}/work-items`);
    return created ? a("workCreated", { title: input.title }) : a("workExists", { title: input.title });
  });
}

const UpdateForm = z.object({
  slug: z.string(),
  id: z.uuid(),
  owner: optionalText,
  caseNumber: optionalText,
  status: WorkItemStatus,
  version: z.coerce.number().int().min(1),
});

export async function updateWorkItemAction(_: ActionState, form: FormData): Promise<ActionState> {
  let path = "";
  const lang = formLang(form);
  const a = translator(lang, "actions");
  return guarded(
    lang,
    async () => {
      const input = UpdateForm.parse(fields(form));
      const agency = await agencyWithRole(input.slug, "editor");
      path = `/agencies/${agency.slug}/work-items/${input.id}`;
      await updateWorkItem(
        db(),
        agency.id,
        input.id,
        { owner: input.owner, caseNumber: input.caseNumber, status: input.status },
        input.version,
      );
      revalidatePath(path);
      return a("workUpdated");
    },
    () => path && revalidatePath(path),
  );
}

const MoveForm = z.object({
  slug: z.string(),
  workItemId: z.uuid(),
  linkId: z.uuid(),
  to: z.enum(["received", "under_review", "forwarded", "incorporated", "implemented", "declined"], {
    message: "status_choose",
  }),
  note: z.string().max(2000).optional(),
  reason: z.string().max(2000).optional(),
  version: z.coerce.number().int().min(1),
});

export async function moveLinkAction(_: ActionState, form: FormData): Promise<ActionState> {
  let path = "";
  const lang = formLang(form);
  const a = translator(lang, "actions");
  return guarded(
    lang,
    async () => {
      const input = MoveForm.parse(fields(form));
      const agency = await agencyWithRole(input.slug, "editor");
      path = `/agencies/${agency.slug}/work-items/${input.workItemId}`;
      await moveLink(
        db(),
        agency.id,
        { linkId: input.linkId, to: input.to, note: input.note, reason: input.reason, expectedVersion: input.version },
        await currentActor(),
      );
      revalidatePath(path);
      return a("moved", { label: translator(lang, "inputs")(`linkStatus.${input.to}`) });
    },
    () => path && revalidatePath(path),
  );
}
