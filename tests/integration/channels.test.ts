import { describe, expect, it } from "vitest";
import { collectAccount } from "@/jobs/collectAccount";
import { addChannel, pauseChannel, removeChannel, resumeChannel } from "@/lib/channels/manage";
import { parseChannelAddress } from "@/lib/channels/parseAddress";
import { resolveChannel } from "@/lib/channels/resolve";
import type { Target } from "@/lib/channels/target";
import { loadCredentials } from "@/lib/platforms/credentials";
import { testAccount } from "@/lib/sandbox/world";
import { useSandbox } from "../helpers/sandbox";
import { useTestDatabase } from "../helpers/testDb";

const t = useTestDatabase();
const s = useSandbox({
  world: {
    accounts: [
      testAccount("twitter", "kriminalomsorg", { displayName: "Kriminalomsorgen", followers: 8400 }),
      testAccount("facebook", "vestpolitidistrikt", { displayName: "Vest politidistrikt", followers: 41200 }),
      testAccount("youtube", "politietnorge", { displayName: "Politiet", followers: 12900 }),
      testAccount("flickr", "politietfoto", { displayName: "Politiet – bilder" }),
      testAccount("bluesky", "vestpoliti.bsky.social", { displayName: "Vest politidistrikt", followers: 2300 }),
      testAccount("mastodon", "vestpoliti@mastodon.example", { displayName: "Vest politidistrikt", followers: 640 }),
    ],
  },
});
const KEY = "3f".repeat(32);
let agencies = 0;
const newAgency = async () =>
  (await t.db.agency.create({ data: { slug: `kanaletat-${++agencies}`, name: `Kanaletat ${agencies}` } })).id;
const sandbox = (): Target => ({ kind: "sandbox", url: s.sandbox.url });

async function resolve(input: string) {
  const parsed = parseChannelAddress(input);
  if (!parsed.ok) throw new Error(parsed.problem);
  return resolveChannel(parsed.address, { target: sandbox(), token: "sandbox", timeoutMs: 2_000 });
}

describe("adding a channel from its address", () => {
  it.each([
    ["https://x.com/kriminalomsorg", "twitter", "Kriminalomsorgen", 8400],
    ["https://www.facebook.com/vestpolitidistrikt", "facebook", "Vest politidistrikt", 41200],
    ["https://www.youtube.com/@politietnorge", "youtube", "Politiet", 12900],
    ["https://www.flickr.com/photos/politietfoto/", "flickr", "Politiet – bilder", null],
    ["https://bsky.app/profile/vestpoliti.bsky.social", "bluesky", "Vest politidistrikt", 2300],
    ["@vestpoliti@mastodon.example", "mastodon", "Vest politidistrikt", 640],
  ])("%s is found with its name and audience, saved, and backfilled", async (input, platform, name, followers) => {
    const r = await resolve(input);
    if (!r.ok) throw new Error(`${r.problem}: ${r.detail}`);
    expect(r.channel).toMatchObject({
      platform,
      displayName: name,
      followers,
      baseUrl: `${s.sandbox.url}/${platform}`,
    });
    const agencyId = await newAgency();
    const added = await addChannel(t.db, agencyId, r.channel, {
      backfillDays: 30,
      appToken: "sandbox",
      credentialsKey: KEY,
      needsSignIn: false,
    });
    if (!added.ok) throw new Error(added.problem);
    // The backfill's progress is there before the first collection.
    expect(await t.db.account.findUniqueOrThrow({ where: { id: added.accountId } })).toMatchObject({
      backfillDaysTotal: 30,
      backfillDaysDone: 0,
      status: "active",
      credentialId: null,
    });
    const run = await collectAccount(
      {
        db: t.db,
        databaseUrl: t.url,
        pseudonymisationKey: KEY,
        credentialsKey: KEY,
        timeoutMs: 2_000,
        pageSize: 10,
        backfillDays: 30,
      },
      added.accountId,
    );
    expect(run).toMatchObject({ status: "done", outcome: platform === "flickr" ? expect.any(String) : "success" });
    expect(await t.db.post.count({ where: { accountId: added.accountId } })).toBe(25);
    expect(await t.db.account.findUniqueOrThrow({ where: { id: added.accountId } })).toMatchObject({
      backfillDaysDone: 30,
    });
  });

  it("an account the platform does not know is reported as not found, and nothing is saved", async () => {
    const before = await t.db.account.count();
    expect(await resolve("https://x.com/finnesikke")).toMatchObject({ ok: false, problem: "not_found" });
    expect(await resolve("@finnesikke@mastodon.example")).toMatchObject({ ok: false, problem: "not_found" });
    expect(await resolve("https://bsky.app/profile/finnesikke.bsky.social")).toMatchObject({
      ok: false,
      problem: "not_found",
    });
    expect(await resolve("https://www.facebook.com/finnesikke")).toMatchObject({ ok: false, problem: "not_found" });
    expect(await resolve("https://www.youtube.com/@finnesikke")).toMatchObject({ ok: false, problem: "not_found" });
    expect(await t.db.account.count()).toBe(before);
  });

  it("a Facebook Page is confirmed from its name and followers alone: Insights need the Page's own token", async () => {
    const before = s.sandbox.requests.length;
    expect(await resolve("https://www.facebook.com/vestpolitidistrikt")).toMatchObject({
      ok: true,
      channel: { displayName: "Vest politidistrikt", followers: 41200 },
    });
    expect(s.sandbox.requests.slice(before).map((r) => r.path)).toEqual(["/v25.0/vestpolitidistrikt"]);
  });

  it("the same channel twice is refused", async () => {
    const agencyId = await newAgency();
    const r = await resolve("https://x.com/kriminalomsorg");
    if (!r.ok) throw new Error(r.problem);
    const opts = { backfillDays: 30, appToken: null, credentialsKey: KEY, needsSignIn: false };
    expect((await addChannel(t.db, agencyId, r.channel, opts)).ok).toBe(true);
    expect(await addChannel(t.db, agencyId, { ...r.channel, handle: "Kriminalomsorg" }, opts)).toEqual({
      ok: false,
      problem: "duplicate",
    });
  });

  it("a channel on a real platform keeps the installation's key encrypted as its credential", async () => {
    const agencyId = await newAgency();
    const added = await addChannel(
      t.db,
      agencyId,
      {
        platform: "youtube",
        handle: "politietnorge",
        platformId: "UC1",
        displayName: "Politiet",
        followers: 1,
        baseUrl: null,
      },
      { backfillDays: 30, appToken: "AIza-installation-key-000000", credentialsKey: KEY, needsSignIn: false },
    );
    if (!added.ok) throw new Error(added.problem);
    const account = await t.db.account.findUniqueOrThrow({ where: { id: added.accountId } });
    expect(await loadCredentials(t.db, account.credentialId!, KEY)).toEqual({ token: "AIza-installation-key-000000" });
    const fb = await addChannel(
      t.db,
      agencyId,
      {
        platform: "facebook",
        handle: "vestpolitidistrikt",
        platformId: "1",
        displayName: "Vest",
        followers: 1,
        baseUrl: null,
      },
      { backfillDays: 30, appToken: null, credentialsKey: KEY, needsSignIn: true },
    );
    // A Facebook Page is collected only after an admin signs in for it.
    expect(await t.db.account.findUniqueOrThrow({ where: { id: fb.ok ? fb.accountId : "" } })).toMatchObject({
      status: "needs_reconnect",
    });
  });
});

describe("pausing, resuming and removing a channel", () => {
  async function collected() {
    const agencyId = await newAgency();
    const r = await resolve("https://bsky.app/profile/vestpoliti.bsky.social");
    if (!r.ok) throw new Error(r.problem);
    const added = await addChannel(t.db, agencyId, r.channel, {
      backfillDays: 30,
      appToken: null,
      credentialsKey: KEY,
      needsSignIn: false,
    });
    if (!added.ok) throw new Error(added.problem);
    await collectAccount(
      { db: t.db, databaseUrl: t.url, pseudonymisationKey: KEY, timeoutMs: 2_000, pageSize: 10, backfillDays: 30 },
      added.accountId,
    );
    return { agencyId, accountId: added.accountId, channel: r.channel };
  }

  it("a paused channel is not collected until resumed", async () => {
    const { agencyId, accountId } = await collected();
    expect(await pauseChannel(t.db, agencyId, accountId)).toBe(true);
    expect(await collectAccount({ db: t.db, databaseUrl: t.url, pseudonymisationKey: KEY }, accountId)).toMatchObject({
      status: "skipped",
    });
    expect(await resumeChannel(t.db, agencyId, accountId)).toBe(true);
    expect((await t.db.account.findUniqueOrThrow({ where: { id: accountId } })).status).toBe("active");
  });

  it("another agency's channel cannot be paused or removed", async () => {
    const { accountId } = await collected();
    const other = await newAgency();
    expect(await pauseChannel(t.db, other, accountId)).toBe(false);
    expect(await removeChannel(t.db, other, accountId, false)).toBe("not_found");
    expect(await t.db.account.count({ where: { id: accountId } })).toBe(1);
  });

  it("removing with the history kept archives the channel with its rows; adding it again restores it", async () => {
    const { agencyId, accountId, channel } = await collected();
    expect(await removeChannel(t.db, agencyId, accountId, true)).toBe("archived");
    expect(await t.db.account.findUniqueOrThrow({ where: { id: accountId } })).toMatchObject({
      status: "paused",
      archivedAt: expect.any(Date),
    });
    expect(await t.db.post.count({ where: { accountId } })).toBe(25);
    const again = await addChannel(t.db, agencyId, channel, {
      backfillDays: 30,
      appToken: null,
      credentialsKey: KEY,
      needsSignIn: false,
    });
    expect(again).toEqual({ ok: true, accountId, restored: true });
    expect(await t.db.account.findUniqueOrThrow({ where: { id: accountId } })).toMatchObject({
      status: "active",
      archivedAt: null,
    });
  });

  it("removing without the history deletes the channel's rows", async () => {
    const { agencyId, accountId } = await collected();
    expect(await removeChannel(t.db, agencyId, accountId, false)).toBe("deleted");
    expect(await t.db.account.count({ where: { id: accountId } })).toBe(0);
    expect(await t.db.post.count({ where: { accountId } })).toBe(0);
    expect(await t.db.accountDailyMetric.count({ where: { accountId } })).toBe(0);
  });
});
