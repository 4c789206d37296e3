/**
 * A real OpenID Connect provider (the `oidc-provider` package) on loopback for the end-to-end tests.
 * Its login form is oidc-provider's development form (any login name, any password); the login name
 * picks one of the test people below, whose claims include a `groups` claim. Tests change a
 * person's groups through POST /_test/people, as an administrator would at a real provider.
 */
import { generateKeyPairSync } from "node:crypto";
import { createServer, type Server } from "node:http";
import Provider, { type KoaContextWithOIDC } from "oidc-provider";
import { E2E_PORT } from "./fixtures";

export type IdpPerson = { email: string; name: string; groups: string[] };

/** A fixed loopback port derived from the app's, so parallel runs do not collide. */
export const IDP_PORT = E2E_PORT + 11_000;
export const IDP_ISSUER = `http://127.0.0.1:${IDP_PORT}`;
export const IDP_CLIENT = { id: "kanalmaaling-e2e", secret: "e2e-klienthemmelighet-som-er-lang-nok" };

/** The people of the test provider, by login name (which is also their subject). */
export const IDP_PEOPLE: Record<string, IdpPerson> = {
  "kari-kommunikasjon": {
    email: "kari@oslo-politi.idp.test",
    name: "Kari Kommunikasjon",
    groups: ["oslo-kommunikasjon", "alle-ansatte"],
  },
  "per-uten-tilgang": { email: "per@etat.idp.test", name: "Per Uten Tilgang", groups: ["alle-ansatte"] },
  "falsk-admin": {
    email: "admin@demo.kanalmaaling.test",
    name: "Ikke Demo-administratoren",
    groups: ["oslo-kommunikasjon"],
  },
  "gro-gruppe": { email: "gro@oslo-politi.idp.test", name: "Gro Gruppe", groups: ["oslo-kommunikasjon"] },
  "ida-invitert": { email: "ida.privat@idp.test", name: "Ida Invitert", groups: [] },
};

export async function startIdentityProvider(appUrl: string): Promise<Server> {
  const people = new Map(Object.entries(structuredClone(IDP_PEOPLE)));
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const provider = new Provider(IDP_ISSUER, {
    clients: [
      {
        client_id: IDP_CLIENT.id,
        client_secret: IDP_CLIENT.secret,
        redirect_uris: [`${appUrl}/api/sso/callback`],
        response_types: ["code"],
        grant_types: ["authorization_code"],
      },
    ],
    jwks: { keys: [{ ...privateKey.export({ format: "jwk" }), kid: "e2e", alg: "RS256", use: "sig" }] },
    cookies: { keys: ["e2e-idp-cookie-key-0123456789"] },
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name", "groups"] },
    features: { devInteractions: { enabled: true } },
    async findAccount(_ctx: KoaContextWithOIDC, sub: string) {
      const person = people.get(sub);
      if (!person) return undefined;
      return {
        accountId: sub,
        claims: async () => ({
          sub,
          email: person.email,
          email_verified: true,
          name: person.name,
          groups: person.groups,
        }),
      };
    },
    // First-party client: consent is implied, as at an agency's own provider.
    async loadExistingGrant(ctx: KoaContextWithOIDC) {
      const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session!.grantIdFor(ctx.oidc.client!.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client!.clientId,
        accountId: ctx.oidc.session!.accountId!,
      });
      grant.addOIDCScope("openid email profile");
      await grant.save();
      return grant;
    },
  });
  const handle = provider.callback();
  const server = createServer((req, res) => {
    if (req.method === "POST" && req.url === "/_test/people") {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => {
        const { login, groups } = JSON.parse(body) as { login: string; groups: string[] };
        const person = people.get(login);
        if (person) person.groups = groups;
        res.writeHead(person ? 204 : 404).end();
      });
      return;
    }
    void handle(req, res);
  });
  await new Promise<void>((resolve) => server.listen(IDP_PORT, "127.0.0.1", resolve));
  return server;
}

/** Changes a person's groups at the provider (from a test). */
export async function setIdpGroups(login: string, groups: string[]): Promise<void> {
  const res = await fetch(`${IDP_ISSUER}/_test/people`, { method: "POST", body: JSON.stringify({ login, groups }) });
  if (res.status !== 204) throw new Error(`the test provider has no person ${login}`);
}
