import nodemailer, { type Transporter } from "nodemailer";
import type { Config } from "@/lib/config";

export type Mailer = { transporter: Transporter; from: string; kind: "smtp" | "catcher" };

/**
 * SMTP from configuration (TLS certificates are always verified), or — when no SMTP_HOST is set —
 * the local mail catcher that `npm start` runs on loopback (lib/mail/catcher.ts).
 */
export function createMailer(config: Config): Mailer {
  if (config.SMTP_HOST) {
    return {
      kind: "smtp",
      from: config.MAIL_FROM,
      transporter: nodemailer.createTransport({
        host: config.SMTP_HOST,
        port: config.SMTP_PORT,
        secure: config.SMTP_SECURE === "on",
        auth: config.SMTP_USER ? { user: config.SMTP_USER, pass: config.SMTP_PASSWORD } : undefined,
      }),
    };
  }
  return {
    kind: "catcher",
    from: config.MAIL_FROM,
    transporter: nodemailer.createTransport({ host: "127.0.0.1", port: config.MAIL_CATCHER_PORT, secure: false }),
  };
}
