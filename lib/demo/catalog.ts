import type { Locale, Platform } from "@/lib/generated/prisma/client";
import type { Day } from "@/lib/time";

/**
 * The demo agencies and channels, from the product's origin documents: Oslo police district's
 * operations centre (312 000 followers at the end of June 2017), the Ministry of Health and Care
 * Services starting on four platforms in 2010 (791 Twitter followers, ~100 Facebook fans), the
 * Swedish Police pushing through the 112 app (~1.2 million users), and Oslo police district's
 * e-mail to 10 000 of 50 000 businesses. Audience anchors are the documented figures; the rest is
 * a plausible curve through them.
 */
export type DemoAccount = {
  platform: Platform;
  handle: string;
  displayName: string;
  /** [day, audience] points the curve passes through; the first is the channel's start. */
  anchors: [Day, number][] | null;
  postsPerDay: number;
  /** Average replies a post receives. */
  repliesPerPost: number;
  /** Daily impressions per follower per post published, roughly. */
  reachFactor: number;
  /** Days on which collection failed: stored as gaps, never as zeros. */
  gaps?: [Day, Day][];
  /** Impressions stop being available from this day (a retired platform metric). */
  impressionsRetiredFrom?: Day;
  oneWay?: boolean;
};

export type DemoCampaign = {
  accountHandle: string;
  name: string;
  sentAt: string;
  sent: number;
  reached: number;
  targetPopulation: number;
  opens?: number;
  clicks?: number;
};

export type DemoAgency = {
  slug: string;
  name: string;
  locale: Locale;
  timeZone: string;
  parentSlug?: string;
  accounts: DemoAccount[];
  campaigns?: DemoCampaign[];
  /** Channel whose replies are triaged and linked to policy work in the demo. */
  inputsFrom?: string;
  /** Publishes its transparency page (/public/<slug>). */
  publicPage?: boolean;
};

export const DEMO_AGENCIES: DemoAgency[] = [
  {
    slug: "politiet",
    name: "Politiet (Politidirektoratet)",
    locale: "nb",
    timeZone: "Europe/Oslo",
    accounts: [
      {
        platform: "twitter",
        handle: "politiet",
        displayName: "Politiet",
        anchors: [
          ["2012-01-02", 8_000],
          ["2017-06-30", 70_000],
          ["2026-11-01", 118_000],
        ],
        postsPerDay: 1.2,
        repliesPerPost: 6,
        reachFactor: 0.9,
      },
      // Joined in the November 2024 move of public accounts to Bluesky.
      {
        platform: "bluesky",
        handle: "politiet.bsky.social",
        displayName: "Politiet",
        anchors: [
          ["2024-11-18", 1_100],
          ["2025-03-03", 9_400],
          ["2026-11-01", 16_200],
        ],
        postsPerDay: 0.9,
        repliesPerPost: 3,
        reachFactor: 0,
      },
    ],
  },
  {
    slug: "oslo-politidistrikt",
    name: "Oslo politidistrikt",
    locale: "nb",
    timeZone: "Europe/Oslo",
    parentSlug: "politiet",
    accounts: [
      {
        platform: "twitter",
        handle: "oslopolitiops",
        displayName: "Oslo politiet operasjonssentral",
        anchors: [
          ["2014-01-06", 48_000],
          ["2016-01-04", 190_000],
          ["2017-06-30", 312_400],
          ["2020-03-16", 371_000],
          ["2026-11-01", 452_000],
        ],
        postsPerDay: 11,
        repliesPerPost: 3.2,
        reachFactor: 0.22,
        oneWay: true,
      },
      {
        platform: "twitter",
        handle: "politietoslo",
        displayName: "Oslo politidistrikt",
        anchors: [
          ["2012-03-01", 12_000],
          ["2017-06-30", 88_000],
          ["2026-11-01", 131_000],
        ],
        postsPerDay: 1.6,
        repliesPerPost: 5,
        reachFactor: 0.8,
        gaps: [["2025-03-10", "2025-03-14"]],
      },
      {
        platform: "email",
        handle: "naeringslivsvarsel",
        displayName: "Sikkerhetsinformasjon til næringslivet (e-post)",
        anchors: [
          ["2017-09-04", 10_000],
          ["2026-11-01", 12_600],
        ],
        postsPerDay: 0,
        repliesPerPost: 0,
        reachFactor: 0,
      },
    ],
    campaigns: [
      {
        accountHandle: "naeringslivsvarsel",
        name: "Forebyggende sikkerhetsinformasjon til næringslivet",
        sentAt: "2017-10-05T07:30:00Z",
        sent: 10_000,
        reached: 10_000,
        targetPopulation: 50_000,
      },
      {
        accountHandle: "naeringslivsvarsel",
        name: "Innbrudd i næringsbygg – råd før sommerferien",
        sentAt: "2026-06-18T06:00:00Z",
        sent: 12_300,
        reached: 11_870,
        targetPopulation: 52_000,
        opens: 5_210,
        clicks: 940,
      },
      {
        accountHandle: "naeringslivsvarsel",
        name: "Svindel mot bedrifter – falske fakturaer",
        sentAt: "2026-11-17T07:00:00Z",
        sent: 12_580,
        reached: 12_140,
        targetPopulation: 52_400,
        opens: 5_930,
        clicks: 1_210,
      },
    ],
  },
  {
    slug: "vest-politidistrikt",
    name: "Vest politidistrikt",
    locale: "nb",
    timeZone: "Europe/Oslo",
    parentSlug: "politiet",
    accounts: [
      {
        platform: "twitter",
        handle: "politivest",
        displayName: "Vest politidistrikt",
        anchors: [
          ["2013-05-06", 9_000],
          ["2017-06-30", 61_000],
          ["2026-11-01", 104_000],
        ],
        postsPerDay: 6,
        repliesPerPost: 2.4,
        reachFactor: 0.3,
        oneWay: true,
      },
    ],
  },
  {
    slug: "helse-og-omsorgsdepartementet",
    name: "Helse- og omsorgsdepartementet",
    locale: "nb",
    timeZone: "Europe/Oslo",
    inputsFrom: "helseomsorgdep",
    publicPage: true,
    accounts: [
      {
        platform: "twitter",
        handle: "helseomsorgdep",
        displayName: "Helse- og omsorgsdep.",
        anchors: [
          ["2010-03-01", 791],
          ["2012-01-02", 5_400],
          ["2017-06-30", 17_800],
          ["2026-11-01", 31_500],
        ],
        postsPerDay: 0.8,
        repliesPerPost: 4,
        reachFactor: 1.4,
      },
      {
        platform: "facebook",
        handle: "helseogomsorgsdepartementet",
        displayName: "Helse- og omsorgsdepartementet",
        anchors: [
          ["2010-03-01", 104],
          ["2014-01-06", 3_100],
          ["2026-11-01", 23_600],
        ],
        postsPerDay: 0.4,
        repliesPerPost: 7,
        reachFactor: 1.8,
        impressionsRetiredFrom: "2025-11-15",
      },
      {
        platform: "youtube",
        handle: "HODdep",
        displayName: "Helse- og omsorgsdepartementet",
        anchors: [
          ["2010-03-01", 0],
          ["2016-01-04", 900],
          ["2026-11-01", 6_900],
        ],
        postsPerDay: 0.05,
        repliesPerPost: 3,
        reachFactor: 14,
      },
      {
        platform: "flickr",
        handle: "helseogomsorg",
        displayName: "Helse- og omsorgsdepartementet (Flickr)",
        anchors: null,
        postsPerDay: 0.1,
        repliesPerPost: 0.3,
        reachFactor: 0,
      },
    ],
  },
  {
    slug: "helsedirektoratet",
    name: "Helsedirektoratet",
    locale: "nb",
    timeZone: "Europe/Oslo",
    parentSlug: "helse-og-omsorgsdepartementet",
    accounts: [
      {
        platform: "twitter",
        handle: "helsedir",
        displayName: "Helsedirektoratet",
        anchors: [
          ["2010-06-01", 1_500],
          ["2017-06-30", 29_000],
          ["2020-03-16", 52_000],
          ["2026-11-01", 61_000],
        ],
        postsPerDay: 1.5,
        repliesPerPost: 5,
        reachFactor: 1.1,
      },
      // A Mastodon account is user@instance; the demo's instance is the sandbox's.
      {
        platform: "mastodon",
        handle: "helsedir@mastodon.social",
        displayName: "Helsedirektoratet",
        anchors: [
          ["2022-11-14", 300],
          ["2024-01-08", 2_300],
          ["2026-11-01", 4_100],
        ],
        postsPerDay: 0.6,
        repliesPerPost: 2,
        reachFactor: 0,
      },
    ],
  },
  {
    slug: "polismyndigheten",
    name: "Polismyndigheten",
    locale: "sv",
    timeZone: "Europe/Stockholm",
    accounts: [
      {
        platform: "app_push",
        handle: "112-appen",
        displayName: "112-appen (SOS Alarm) – pushmeddelanden",
        anchors: [
          ["2019-01-07", 980_000],
          ["2019-06-03", 1_200_000],
          ["2026-11-01", 1_420_000],
        ],
        postsPerDay: 0,
        repliesPerPost: 0,
        reachFactor: 0,
      },
    ],
    campaigns: [
      {
        accountHandle: "112-appen",
        name: "Explosion – Uppsala, område runt Kvarngärdet",
        sentAt: "2026-09-14T21:40:00Z",
        sent: 41_200,
        reached: 38_900,
        targetPopulation: 52_000,
      },
      {
        accountHandle: "112-appen",
        name: "Skjutning – Stockholm, Rinkeby",
        sentAt: "2026-11-09T19:05:00Z",
        sent: 27_400,
        reached: 25_100,
        targetPopulation: 36_000,
      },
    ],
  },
];
