import { randomUUID } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { SMTPServer } from "smtp-server";

/**
 * A local SMTP server on loopback that keeps every message as an .eml file in `dir`: the embedded
 * default's outbox, so reports can be received without a mail server (see /mailbox).
 */
export async function startMailCatcher(opts: { port: number; dir: string }): Promise<{ stop: () => Promise<void> }> {
  mkdirSync(opts.dir, { recursive: true });
  const server = new SMTPServer({
    authOptional: true,
    // Loopback only: no TLS to negotiate, so the sender never needs to skip certificate checks.
    disabledCommands: ["STARTTLS", "AUTH"],
    size: 25 * 1024 * 1024,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        writeFileSync(
          path.join(opts.dir, `${new Date().toISOString().replace(/[:.]/g, "-")}-${randomUUID().slice(0, 8)}.eml`),
          Buffer.concat(chunks),
        );
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, "127.0.0.1", () => resolve());
  });
  return { stop: () => new Promise((resolve) => server.close(() => resolve())) };
}
