/**
 * Weekly reports for every agency, built and sent to a local SMTP server on loopback, next to
 * sending the same number of one-line messages to the same server (the cost of SMTP alone).
 */
import { performance } from "node:perf_hooks";
import nodemailer from "nodemailer";
import type pg from "pg";
import { SMTPServer } from "smtp-server";
import type { Db } from "@/lib/db/client";
import type { Mailer } from "@/lib/mail/transport";
import { deliverReport, dueReportDeliveries } from "@/lib/reports/deliver";

// Monday 23 November 2026, 08:05 in Oslo: the reports for week 47 are due.
const DUE = new Date("2026-11-23T07:05:00Z");

async function startSink() {
  let messages = 0;
  let bytes = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    size: 25 * 1024 * 1024,
    onData(stream, _session, callback) {
      stream.on("data", (c: Buffer) => {
        bytes += c.length;
      });
      stream.on("end", () => {
        messages++;
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const port = (server.server.address() as { port: number }).port;
  const mailer: Mailer = {
    kind: "smtp",
    from: "Kanalmåling <rapport@kanal.test>",
    transporter: nodemailer.createTransport({ host: "127.0.0.1", port, secure: false }),
  };
  return {
    mailer,
    counts: () => ({ messages, bytes }),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** One subscriber (a viewer) per agency, then every due report sent once. */
export async function benchReports(client: pg.Client, db: Db): Promise<void> {
  await client.query(`
    INSERT INTO app_user (id, name, email) SELECT 'bench-' || a.id, 'Kommunikasjon ' || a.slug, 'rapport+' || a.slug || '@kanal.test' FROM agency a;
    INSERT INTO membership (agency_id, user_id, role) SELECT a.id, 'bench-' || a.id, 'viewer' FROM agency a;
    INSERT INTO report_subscription (agency_id, user_id) SELECT a.id, 'bench-' || a.id FROM agency a;`);
  const {
    rows: [count],
  } = await client.query<{ n: number }>("SELECT count(*)::int AS n FROM report_subscription");
  const n = count!.n;
  const sink = await startSink();
  try {
    let t0 = performance.now();
    for (let i = 0; i < n; i++)
      await sink.mailer.transporter.sendMail({
        from: sink.mailer.from,
        to: `baseline${i}@kanal.test`,
        subject: "Uke 47",
        text: "Hei.",
      });
    const smtpOnly = (performance.now() - t0) / 1000;
    const before = sink.counts();
    t0 = performance.now();
    // What the report workers do, one delivery after another (jobs/reports.ts).
    const outcome = { sent: 0, skipped: 0, failed: 0 };
    const ctx = { db, mailer: sink.mailer, baseUrl: "http://127.0.0.1:3000", secret: "b".repeat(64), now: DUE };
    for (const id of await dueReportDeliveries(db, DUE)) {
      const result = await deliverReport(ctx, id);
      if (result) outcome[result]++;
    }
    const reports = (performance.now() - t0) / 1000;
    const after = sink.counts();
    const kb = (after.bytes - before.bytes) / Math.max(1, after.messages - before.messages) / 1024;
    console.log(
      `\n4. weekly reports (week 47) for ${n} agencies, one subscriber each, to a local SMTP server: sent ${outcome.sent}, skipped ${outcome.skipped}, failed ${outcome.failed}`,
    );
    console.log(
      `${"".padEnd(48)} ${"seconds".padStart(8)} ${"per report ms".padStart(14)} ${"per minute".padStart(11)}`,
    );
    for (const [label, sec] of [
      ["one-line messages, SMTP only (baseline)", smtpOnly],
      [`build + send (deliverReport, ~${kb.toFixed(0)} KB each)`, reports],
    ] as const) {
      console.log(
        `${label.padEnd(48)} ${sec.toFixed(1).padStart(8)} ${((sec * 1000) / n).toFixed(0).padStart(14)} ${((n / sec) * 60).toFixed(0).padStart(11)}`,
      );
    }
  } finally {
    sink.mailer.transporter.close();
    await sink.stop();
  }
}
