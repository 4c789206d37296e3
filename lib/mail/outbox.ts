import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { simpleParser, type ParsedMail } from "mailparser";

export const MESSAGE_FILE = /^[0-9TZ-]+-[0-9a-f]{8}\.eml$/;

export function outboxDir(dataDir: string): string {
  return path.resolve(dataDir, "mailbox");
}

const recipients = (mail: ParsedMail) => (Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : []).flatMap((a) => a.value.map((v) => v.address?.toLowerCase()));

/** The newest messages the local mail catcher received for `email` (newest first, at most `limit`). */
export async function listOutbox(dataDir: string, email: string, limit = 50) {
  const dir = outboxDir(dataDir);
  const files = (await readdir(/* turbopackIgnore: true */ dir).catch(() => [] as string[])).filter((f) => MESSAGE_FILE.test(f)).sort().reverse();
  const mine = [];
  for (const file of files) {
    if (mine.length >= limit) break;
    const mail = await simpleParser(await readFile(/* turbopackIgnore: true */ path.join(dir, file)), { skipHtmlToText: true, skipTextToHtml: true });
    if (recipients(mail).includes(email.toLowerCase())) mine.push({ file, subject: mail.subject ?? "(uten emne)", date: mail.date ?? null, attachments: mail.attachments.map((a) => a.filename ?? a.contentType) });
  }
  return mine;
}

/** One message for its recipient: its HTML with inline images resolved, or null. */
export async function readOutboxMessage(dataDir: string, email: string, file: string): Promise<string | null> {
  if (!MESSAGE_FILE.test(file)) return null;
  const raw = await readFile(/* turbopackIgnore: true */ path.join(outboxDir(dataDir), file)).catch(() => null);
  if (!raw) return null;
  const mail = await simpleParser(raw);
  if (!recipients(mail).includes(email.toLowerCase())) return null;
  return typeof mail.html === "string" ? mail.html : `<pre>${(mail.text ?? "").replace(/[&<>]/g, (c) => `&#${c.charCodeAt(0)};`)}</pre>`;
}
