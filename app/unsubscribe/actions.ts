"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { formArg } from "@/lib/http/actionArgs";
import { verifyUnsubscribeToken } from "@/lib/reports/unsubscribeToken";
import { runtimeConfig } from "@/lib/config";

export async function confirmUnsubscribe(form: unknown) {
  const token = z.string().max(300).safeParse(formArg(form).get("token"));
  const id = token.success ? verifyUnsubscribeToken(token.data, runtimeConfig().AUTH_SECRET!) : null;
  if (!id) redirect("/unsubscribe?status=invalid");
  await db().reportSubscription.deleteMany({ where: { id } });
  redirect("/unsubscribe?status=done");
}
