export type ActionState = { ok: boolean; message: string } | null;
