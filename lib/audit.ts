import { redactSecrets } from "@/lib/config";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";

export type AuditAction =
  | "sign_in"
  | "sign_in_failed"
  | "sign_out"
  | "membership_added"
  | "membership_changed"
  | "membership_removed"
  | "credential_saved"
  | "credential_removed"
  | "export"
  | "channel_changed"
  // people and the installation (lib/people, app/admin, npm run admin)
  | "invitation_created"
  | "invitation_revoked"
  | "invitation_accepted"
  | "sessions_ended"
  | "password_changed"
  | "installation_admin_invited"
  | "installation_admin_revoked"
  | "agency_created"
  | "agency_changed"
  | "agency_settings_changed"
  // single sign-on (lib/auth/sso, app/api/sso)
  | "sso_refused"
  | "sso_failed"
  | "sso_mapping_added"
  | "sso_mapping_removed";

/** Appends to the audit log. Never throws into the caller's path: a lost audit line is logged loudly. */
export async function recordAudit(
  db: Db,
  event: {
    action: AuditAction;
    agencyId?: string | null;
    actorUserId?: string | null;
    target?: string | null;
    details?: Prisma.InputJsonValue;
    ip?: string | null;
  },
): Promise<void> {
  try {
    await db.auditEvent.create({ data: { ...event, agencyId: event.agencyId ?? null } });
  } catch (error) {
    console.error("[audit] could not record", event.action, redactSecrets((error as Error).message).slice(0, 300));
  }
}
