import { simpleParser, type ParsedMail } from "mailparser";
import nodemailer from "nodemailer";
import { SMTPServer } from "smtp-server";
import type { Mailer } from "@/lib/mail/transport";

/** A real SMTP server on a random loopback port that parses what it receives; can be told to refuse. */
export async function startSmtpCatcher() {
  const received: ParsedMail[] = [];
  let refuse = false;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", async () => {
        if (refuse) return callback(Object.assign(new Error("451 try again later"), { responseCode: 451 }));
        received.push(await simpleParser(Buffer.concat(chunks), { keepCidLinks: true }));
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
    received,
    mailer,
    setRefusing: (value: boolean) => {
      refuse = value;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
