"use server";

import { runtimeConfig } from "@/lib/config";
import { redirect } from "next/navigation";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { formArg } from "@/lib/http/actionArgs";
import { verifyUnsubscribeToken } from "@/lib/reports/unsubscribeToken";

const Lang = z.enum(["nb", "sv", "en"]).catch("nb");

export async function confirmUnsubscribe(form: unknown) {
  const fields = formArg(form);
  const token = z.string().max(300).safeParse(fields.get("token"));
  const lang = Lang.parse(fields.get("lang"));
  const langQuery = lang === "nb" ? "" : `&lang=${lang}`;
  const id = token.success ? verifyUnsubscribeToken(token.data, runtimeConfig().AUTH_SECRET!) : null;
  if (!id) redirect(`/unsubscribe?status=invalid${langQuery}`);
  await db().reportSubscription.deleteMany({ where: { id } });
  redirect(`/unsubscribe?status=done${langQuery}`);
}
