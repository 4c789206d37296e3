"use server";

import { translator } from "@/lib/intl";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { linkInput } from "@/lib/inputs/links";
import { addKeywordRule, applyKeywordRules, removeKeywordRule } from "@/lib/inputs/rules";
import { RetentionMonthsSchema, setRetentionMonths } from "@/lib/inputs/settings";
import { eraseSubject } from "@/lib/inputs/subject";
import { triageReply } from "@/lib/inputs/triage";
import { formFields as fields } from "@/lib/http/actionArgs";
import { currentActor } from "@/lib/permissions/access";
import { resolveKeysFromEnv } from "../_inputs/keys";
import type { ActionState } from "../_inputs/actionState";
import { agencyWithRole, formLang, guarded } from "../_inputs/guarded";

const Kind = z.enum(["suggestion", "question", "complaint", "information"]);

const TriageForm = z.object({
  slug: z.string(),
  replyId: z.uuid(),
  state: z.enum(["input", "dismissed"]),
  kind: Kind.optional(),
  version: z.coerce.number().int().min(0),
});

export async function triageAction(_: ActionState, form: FormData): Promise<ActionState> {
  let path = "";
  const lang = formLang(form);
  const a = translator(lang, "actions");
  return guarded(
    lang,
    async () => {
      const input = TriageForm.parse(fields(form));
      const agency = await agencyWithRole(input.slug, "editor");
      path = `/agencies/${agency.slug}/inbox`;
      await triageReply(
        db(),
        agency.id,
        input.replyId,
        { state: input.state, kind: input.kind },
        input.version,
        await currentActor(),
      );
      revalidatePath(path);
      return input.state === "input" ? a("savedInput") : a("savedDismissed");
    },
    () => path && revalidatePath(path),
  );
}

const LinkForm = z.object({
  slug: z.string(),
  replyId: z.uuid(),
  workItemId: z.uuid({ message: "work_choose" }),
  note: z.string().max(2000).optional(),
});

export async function linkAction(_: ActionState, form: FormData): Promise<ActionState> {
  const lang = formLang(form);
  const a = translator(lang, "actions");
  return guarded(lang, async () => {
    const input = LinkForm.parse(fields(form));
    const agency = await agencyWithRole(input.slug, "editor");
    const { created } = await linkInput(
      db(),
      agency.id,
      { replyId: input.replyId, workItemId: input.workItemId, note: input.note?.trim() || null },
      await currentActor(),
    );
    revalidatePath(`/agencies/${agency.slug}/inbox`);
    return created ? a("linked") : a("alreadyLinked");
  });
}

const RuleForm = z.object({
  slug: z.string(),
  keyword: z.string().trim().min(2, "keyword_short").max(80),
  kind: Kind,
});

export async function addRuleAction(_: ActionState, form: FormData): Promise<ActionState> {
  const lang = formLang(form);
  const a = translator(lang, "actions");
  return guarded(lang, async () => {
    const input = RuleForm.parse(fields(form));
    const agency = await agencyWithRole(input.slug, "editor");
    await addKeywordRule(db(), agency.id, input.keyword, input.kind);
    const n = await applyKeywordRules(db(), agency.id);
    revalidatePath(`/agencies/${agency.slug}/inbox`);
    return a("ruleSaved", { n });
  });
}

const RemoveRuleForm = z.object({ slug: z.string(), ruleId: z.uuid() });

export async function removeRuleAction(_: ActionState, form: FormData): Promise<ActionState> {
  const lang = formLang(form);
  const a = translator(lang, "actions");
  return guarded(lang, async () => {
    const input = RemoveRuleForm.parse(fields(form));
    const agency = await agencyWithRole(input.slug, "editor");
    await removeKeywordRule(db(), agency.id, input.ruleId);
    revalidatePath(`/agencies/${agency.slug}/inbox`);
    return a("ruleRemoved");
  });
}

const RetentionForm = z.object({ slug: z.string(), months: RetentionMonthsSchema });

export async function retentionAction(_: ActionState, form: FormData): Promise<ActionState> {
  const lang = formLang(form);
  const a = translator(lang, "actions");
  return guarded(lang, async () => {
    const input = RetentionForm.parse(fields(form));
    const agency = await agencyWithRole(input.slug, "admin");
    await setRetentionMonths(db(), agency.id, input.months);
    revalidatePath(`/agencies/${agency.slug}/inbox`);
    return a("retentionSaved", { m: input.months });
  });
}

const EraseForm = z.object({
  slug: z.string(),
  handle: z.string().trim().min(1, "handle_required").max(200),
  confirm: z.literal("yes", { message: "erase_confirm" }),
});

export async function eraseSubjectAction(_: ActionState, form: FormData): Promise<ActionState> {
  const lang = formLang(form);
  const a = translator(lang, "actions");
  return guarded(lang, async () => {
    const input = EraseForm.parse(fields(form));
    const agency = await agencyWithRole(input.slug, "admin");
    const { erasedReplies } = await eraseSubject(
      db(),
      agency.id,
      input.handle.replace(/^@/, ""),
      resolveKeysFromEnv().pseudonymisationKey,
    );
    revalidatePath(`/agencies/${agency.slug}/inbox`);
    return a("erased", { n: erasedReplies });
  });
}
