import { MAX_FORM_BYTES } from "./limits";

export type PayloadProblem = "too_large" | "malformed" | null;

/** Server action ids as Next.js builds them: 42 hexadecimal characters (a type byte and a hash). */
const ACTION_ID = /^[0-9a-f]{42}$/;
/** Values of React's reply format that stand for themselves (`$$…` is an escaped string). */
const SELF_CONTAINED = /^\$(\$|undefined$|NaN$|Infinity$|-Infinity$|-0$|D|n-?\d+$)/;
/** Parts of one reply that may be referred to: a chunk ($1, $@1) or a FormData ($K1). */
const CHUNK_REF = /^\$@?([0-9a-f]+)$/;
const FORM_REF = /^\$K[0-9a-f]+$/;
const MAX_DEPTH = 32;

type Fields = { get: (name: string) => FormDataEntryValue | null } | null;

/**
 * Would this value of a server-action reply decode? Only what the product's actions can receive
 * passes: JSON values, strings, references to parts that exist, FormData. Anything else (a missing
 * part, a Map, a stream, a server reference, a bad BigInt) would make React's decoder throw, which
 * Next.js answers with HTTP 500 and a log line quoting the body.
 */
function decodable(value: unknown, fields: Fields, prefix: string, depth: number): boolean {
  if (depth > MAX_DEPTH) return false;
  if (Array.isArray(value)) return value.every((v) => decodable(v, fields, prefix, depth + 1));
  if (value && typeof value === "object")
    return Object.values(value).every((v) => decodable(v, fields, prefix, depth + 1));
  if (typeof value !== "string" || !value.startsWith("$") || SELF_CONTAINED.test(value)) return true;
  if (FORM_REF.test(value)) return fields !== null;
  const chunk = CHUNK_REF.exec(value);
  if (!chunk || !fields) return false;
  const part = fields.get(prefix + chunk[1]);
  return typeof part === "string" && decodableJson(part, fields, prefix, depth + 1);
}

function decodableJson(text: string, fields: Fields, prefix: string, depth: number, isRoot = false): boolean {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return false;
  }
  // The root of a call is its argument list; our actions take at most a handful of arguments.
  if (isRoot && (!Array.isArray(value) || value.length > 16)) return false;
  return decodable(value, fields, prefix, depth);
}

/** A no-JavaScript form post of a bound action: `$ACTION_REF_n` names `$ACTION_n:0` = {id, bound}. */
function decodableFormAction(form: FormData): boolean {
  for (const key of form.keys()) {
    const ref = /^\$ACTION_REF_(.*)$/.exec(key);
    if (!ref) continue;
    const prefix = `$ACTION_${ref[1]}:`;
    const meta = form.get(`${prefix}0`);
    if (typeof meta !== "string") return false;
    let parsed: unknown;
    try {
      parsed = JSON.parse(meta);
    } catch {
      return false;
    }
    if (!parsed || typeof parsed !== "object" || typeof (parsed as { id?: unknown }).id !== "string") return false;
    const bound = (parsed as { bound?: unknown }).bound;
    if (bound === null || bound === undefined) continue;
    const chunk = typeof bound === "string" ? CHUNK_REF.exec(bound) : null;
    const part = chunk ? form.get(prefix + chunk[1]) : null;
    if (typeof part !== "string" || !decodableJson(part, form, prefix, 1, true)) return false;
  }
  return true;
}

/**
 * A POST with Next's RSC header but no action id: Next's client never sends one (RSC requests are
 * GETs, POSTs carry an action id), and Next.js answers it with a 500 of its own (urlencoded, to an
 * address without a page). Checked by the HTTP server in scripts/start.ts, because Next.js removes
 * the RSC header before proxy.ts sees the request.
 */
export function isRscPostWithoutAction(
  method: string | undefined,
  headers: Record<string, string | string[] | undefined>,
): boolean {
  return method === "POST" && headers.rsc !== undefined && headers["next-action"] === undefined;
}

/** Reads at most `limit` bytes of a body; null when it is longer. */
async function readCapped(
  body: ReadableStream<Uint8Array> | null,
  limit: number,
): Promise<Uint8Array<ArrayBuffer> | null> {
  if (!body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/**
 * Checks a POST to a page (server actions and form posts) before Next.js decodes it: too large
 * (above MAX_FORM_BYTES, by Content-Length or by counting a chunked body) or malformed (a bad
 * action id, unreadable multipart, a reply that does not decode). Next.js would answer these with
 * HTTP 500 and log fragments of the body; here they get a 413 or 400 and the product's message.
 */
export async function pagePostProblem(request: Request): Promise<PayloadProblem> {
  const length = request.headers.get("content-length");
  if (length !== null && (!/^\d+$/.test(length) || Number(length) > MAX_FORM_BYTES))
    return /^\d+$/.test(length) ? "too_large" : "malformed";
  const actionId = request.headers.get("next-action");
  const contentType = request.headers.get("content-type") ?? "";
  const multipart = /^multipart\/form-data/i.test(contentType);
  if (actionId === null && !multipart) return null;
  // Next.js would log a malformed id (what the client sent) before refusing it.
  if (actionId !== null && !ACTION_ID.test(actionId)) return "malformed";
  const bytes = await readCapped(request.body, MAX_FORM_BYTES);
  if (!bytes) return "too_large";
  if (multipart) {
    let form: FormData;
    try {
      form = await new Request("http://body.invalid/", {
        method: "POST",
        headers: { "content-type": contentType },
        body: bytes,
      }).formData();
    } catch {
      return "malformed";
    }
    if (actionId === null) return decodableFormAction(form) ? null : "malformed";
    const root = form.get("0");
    return typeof root === "string" && decodableJson(root, form, "", 0, true) ? null : "malformed";
  }
  // URL-encoded bodies are never actions (Next.js answers them itself); any other body is the reply as text.
  if (/^application\/x-www-form-urlencoded/i.test(contentType)) return null;
  return decodableJson(new TextDecoder().decode(bytes), null, "", 0, true) ? null : "malformed";
}
