import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { simpleParser, type ParsedMail } from "mailparser";

// The local mail catcher belongs to no agency; its page shows times as the demo agencies keep them.
export const MAILBOX_TIME_ZONE = "Europe/Oslo";

export const MESSAGE_FILE = /^[0-9TZ-]+-[0-9a-f]{8}\.eml$/;

export function outboxDir(dataDir: string): string {
  return path.resolve(dataDir, "mailbox");
}

const recipients = (mail: ParsedMail) =>
  (Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : []).flatMap((a) =>
    a.value.map((v) => v.address?.toLowerCase()),
  );

/** The newest messages the local mail catcher received for `email` (newest first, at most `limit`). */
export async function listOutbox(dataDir: string, email: string, limit = 50) {
  const dir = outboxDir(dataDir);
  const files = (await readdir(/* turbopackIgnore: true */ dir).catch(() => [] as string[]))
    .filter((f) => MESSAGE_FILE.test(f))
    .sort()
    .reverse();
  const mine = [];
  for (const file of files) {
    if (mine.length >= limit) break;
    const mail = await simpleParser(await readFile(/* turbopackIgnore: true */ path.join(dir, file)), {
      skipHtmlToText: true,
      skipTextToHtml: true,
    });
    if (recipients(mail).includes(email.toLowerCase()))
      mine.push({
        file,
        subject: mail.subject ?? "(uten emne)",
        date: mail.date ?? null,
        attachments: mail.attachments.map((a) => a.filename ?? a.contentType),
      });
  }
  return mine;
}

/** One parsed message, only for one of its recipients; null otherwise. */
async function readMine(dataDir: string, email: string, file: string): Promise<ParsedMail | null> {
  if (!MESSAGE_FILE.test(file)) return null;
  const raw = await readFile(/* turbopackIgnore: true */ path.join(outboxDir(dataDir), file)).catch(() => null);
  if (!raw) return null;
  const mail = await simpleParser(raw);
  return recipients(mail).includes(email.toLowerCase()) ? mail : null;
}

/** One message for its recipient: its headers, its HTML with inline images resolved, and its attachments (not inline images). */
export async function readOutboxMessage(dataDir: string, email: string, file: string) {
  const mail = await readMine(dataDir, email, file);
  if (!mail) return null;
  const addresses = (a: ParsedMail["to"]) => (Array.isArray(a) ? a : a ? [a] : []).map((x) => x.text).join(", ");
  return {
    from: mail.from?.text ?? "",
    to: addresses(mail.to),
    subject: mail.subject ?? "(uten emne)",
    date: mail.date ?? null,
    text: mail.text ?? "",
    html:
      typeof mail.html === "string"
        ? mail.html
        : `<pre>${(mail.text ?? "").replace(/[&<>]/g, (c) => `&#${c.charCodeAt(0)};`)}</pre>`,
    attachments: mail.attachments
      .map((a, index) => ({
        index,
        filename: a.filename ?? `vedlegg-${index + 1}`,
        contentType: a.contentType,
        size: a.size,
        inline: a.contentDisposition === "inline" || Boolean(a.related),
      }))
      .filter((a) => !a.inline),
  };
}

/** One attachment of a message, for one of its recipients. */
export async function readOutboxAttachment(dataDir: string, email: string, file: string, index: number) {
  const mail = await readMine(dataDir, email, file);
  const a = mail?.attachments[index];
  return a ? { filename: a.filename ?? `vedlegg-${index + 1}`, contentType: a.contentType, content: a.content } : null;
}
