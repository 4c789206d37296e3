import type { UiLocale } from "@/lib/format";

/** Texts of single sign-on: the login page's SSO part, refusal and no-access pages, group mapping (bokmål is the default). */
const nb = {
  ssoButton: "Logg inn med virksomhetens pålogging (SSO)",
  login_failed: "Innloggingen med SSO mislyktes. Prøv igjen; hjelper ikke det, kontakt en administrator.",
  login_cancelled: "Innloggingen med SSO ble avbrutt.",
  login_unavailable: "Påloggingstjenesten (SSO) svarer ikke nå. Prøv igjen om litt.",
  login_limited: "For mange påbegynte innlogginger fra denne adressen. Vent et minutt og prøv igjen.",
  login_off: "Innlogging med SSO er ikke satt opp her.",
  refusedTitle: "Innloggingen ble ikke koblet til en konto",
  refused_email_taken:
    "E-postadressen fra påloggingstjenesten tilhører allerede en konto her. Av sikkerhetshensyn kobles en SSO-identitet aldri til en eksisterende konto bare fordi e-postadressen er lik. Ingenting er endret.",
  refused_no_email:
    "Påloggingstjenesten sendte ingen e-postadresse, så det kan ikke lages en konto. Ingenting er endret.",
  refused_other_identity:
    "Personen som ble invitert, logger allerede inn med en annen SSO-identitet. Ingenting er endret.",
  refused_other_issuer:
    "Denne SSO-identiteten kommer fra en annen påloggingstjeneste enn den kontoen ble laget med. Ingenting er endret; en administrator kan invitere deg på nytt.",
  refusedWhatNow:
    "Logg inn med e-post og passord hvis kontoen er din, eller be en administrator i virksomheten din om en invitasjon: en invitasjon kan kobles til SSO.",
  backToLogin: "Tilbake til innlogging",
  noAccessTitle: "Du har ikke tilgang ennå",
  noAccessIntro: (email: string) => `Du er logget inn som ${email}, men er ikke medlem av noen virksomhet ennå.`,
  noAccessGroups: "Gruppene påloggingstjenesten oppga for deg:",
  noAccessNoGroups: "Påloggingstjenesten oppga ingen grupper for deg.",
  noAccessAsk:
    "Be en administrator i virksomheten din om å gi en av gruppene dine en rolle (under Medlemmer → Enkel pålogging), eller om en invitasjon. Du får tilgang neste gang du logger inn.",
  installationAdmins: "Administratorer av installasjonen:",
  noInstallationAdmins: "Ingen administratorer av installasjonen er registrert.",
  signOut: "Logg ut",
  mappingTitle: (agency: string) => `Enkel pålogging (SSO) – ${agency}`,
  mappingIntro: (claim: string) =>
    `Personer som logger inn med SSO får en rolle her ut fra gruppene i kravet «${claim}». Medlemskap fra grupper legges til og fjernes ved hver SSO-innlogging; medlemmer lagt til for hånd berøres aldri.`,
  mappingOff:
    "SSO er ikke satt opp i denne installasjonen (OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET). Koblingene under brukes når det er på.",
  mappings: "Grupper som gir en rolle",
  group: "Gruppeverdi",
  role: "Rolle",
  remove: "Fjern",
  removeMapping: (g: string) => `Fjern koblingen for gruppen ${g}`,
  noMappings: "Ingen grupper er koblet til en rolle ennå.",
  addMapping: "Koble en gruppe til en rolle",
  groupHelp: "Nøyaktig verdien påloggingstjenesten sender, f.eks. en gruppe-ID.",
  save: "Lagre kobling",
  role_viewer: "Leser",
  role_editor: "Redaktør",
  role_admin: "Administrator",
  pendingTitle: "Venter på tilgang",
  pendingIntro: "Logget inn med SSO uten noen gruppe som gir en rolle i noen virksomhet.",
  pendingNone: "Ingen venter på tilgang.",
  person: "Person",
  groups: "Grupper",
  lastSignIn: "Siste innlogging",
  none: "ingen",
  msg_added: "Koblingen er lagret. Den gjelder fra personens neste SSO-innlogging.",
  msg_removed: "Koblingen er fjernet. Medlemskap som bare kom fra den, er avsluttet.",
  msg_invalid: "Gruppeverdien må ha 1–200 tegn, og rollen må være leser, redaktør eller administrator.",
  back: "Tilbake til medlemmer",
  pendingAllTitle: "SSO: venter på tilgang",
  mappingLink: "Enkel pålogging (SSO): grupper som gir roller, og hvem som venter på tilgang",
};

type Texts = typeof nb;

const en: Texts = {
  ssoButton: "Sign in with your organisation's account (SSO)",
  login_failed: "Signing in with SSO failed. Try again; if that does not help, contact an administrator.",
  login_cancelled: "Signing in with SSO was cancelled.",
  login_unavailable: "The sign-on service (SSO) is not answering right now. Try again shortly.",
  login_limited: "Too many unfinished sign-ins from this address. Wait a minute and try again.",
  login_off: "Signing in with SSO is not set up here.",
  refusedTitle: "The sign-in was not linked to an account",
  refused_email_taken:
    "The e-mail address from the sign-on service already belongs to an account here. For security, an SSO identity is never linked to an existing account just because the e-mail address matches. Nothing was changed.",
  refused_no_email: "The sign-on service sent no e-mail address, so no account can be made. Nothing was changed.",
  refused_other_identity: "The invited person already signs in with another SSO identity. Nothing was changed.",
  refused_other_issuer:
    "This SSO identity comes from another sign-on service than the one the account was made with. Nothing was changed; an administrator can invite you again.",
  refusedWhatNow:
    "Sign in with e-mail and password if the account is yours, or ask an administrator of your agency for an invitation: an invitation can be linked to SSO.",
  backToLogin: "Back to sign-in",
  noAccessTitle: "You do not have access yet",
  noAccessIntro: (email) => `You are signed in as ${email}, but you are not a member of any agency yet.`,
  noAccessGroups: "The groups the sign-on service gave for you:",
  noAccessNoGroups: "The sign-on service gave no groups for you.",
  noAccessAsk:
    "Ask an administrator of your agency to give one of your groups a role (under Members → Single sign-on), or for an invitation. You get access the next time you sign in.",
  installationAdmins: "Administrators of this installation:",
  noInstallationAdmins: "No administrators of this installation are registered.",
  signOut: "Sign out",
  mappingTitle: (agency) => `Single sign-on (SSO) – ${agency}`,
  mappingIntro: (claim) =>
    `People who sign in with SSO get a role here from the groups in the claim “${claim}”. Memberships from groups are added and removed at every SSO sign-in; members added by hand are never touched.`,
  mappingOff:
    "SSO is not set up in this installation (OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET). The mappings below apply once it is.",
  mappings: "Groups that give a role",
  group: "Group value",
  role: "Role",
  remove: "Remove",
  removeMapping: (g) => `Remove the mapping of group ${g}`,
  noMappings: "No groups are mapped to a role yet.",
  addMapping: "Map a group to a role",
  groupHelp: "Exactly the value the sign-on service sends, e.g. a group id.",
  save: "Save mapping",
  role_viewer: "Viewer",
  role_editor: "Editor",
  role_admin: "Administrator",
  pendingTitle: "Waiting for access",
  pendingIntro: "Signed in with SSO without any group that gives a role in any agency.",
  pendingNone: "Nobody is waiting for access.",
  person: "Person",
  groups: "Groups",
  lastSignIn: "Last sign-in",
  none: "none",
  msg_added: "The mapping is saved. It applies from the person's next SSO sign-in.",
  msg_removed: "The mapping is removed. Memberships that came only from it have ended.",
  msg_invalid: "The group value must have 1–200 characters, and the role must be viewer, editor or administrator.",
  back: "Back to members",
  pendingAllTitle: "SSO: waiting for access",
  mappingLink: "Single sign-on (SSO): groups that give roles, and who is waiting for access",
};

const sv: Texts = {
  ssoButton: "Logga in med organisationens inloggning (SSO)",
  login_failed: "Inloggningen med SSO misslyckades. Försök igen; hjälper inte det, kontakta en administratör.",
  login_cancelled: "Inloggningen med SSO avbröts.",
  login_unavailable: "Inloggningstjänsten (SSO) svarar inte just nu. Försök igen om en stund.",
  login_limited: "För många påbörjade inloggningar från den här adressen. Vänta en minut och försök igen.",
  login_off: "Inloggning med SSO är inte konfigurerad här.",
  refusedTitle: "Inloggningen kopplades inte till något konto",
  refused_email_taken:
    "E-postadressen från inloggningstjänsten tillhör redan ett konto här. Av säkerhetsskäl kopplas en SSO-identitet aldrig till ett befintligt konto bara för att e-postadressen är densamma. Inget har ändrats.",
  refused_no_email: "Inloggningstjänsten skickade ingen e-postadress, så inget konto kan skapas. Inget har ändrats.",
  refused_other_identity: "Den inbjudna personen loggar redan in med en annan SSO-identitet. Inget har ändrats.",
  refused_other_issuer:
    "Den här SSO-identiteten kommer från en annan inloggningstjänst än den kontot skapades med. Inget har ändrats; en administratör kan bjuda in dig igen.",
  refusedWhatNow:
    "Logga in med e-post och lösenord om kontot är ditt, eller be en administratör i din myndighet om en inbjudan: en inbjudan kan kopplas till SSO.",
  backToLogin: "Tillbaka till inloggningen",
  noAccessTitle: "Du har ingen åtkomst ännu",
  noAccessIntro: (email) => `Du är inloggad som ${email}, men är inte medlem i någon myndighet ännu.`,
  noAccessGroups: "Grupperna som inloggningstjänsten angav för dig:",
  noAccessNoGroups: "Inloggningstjänsten angav inga grupper för dig.",
  noAccessAsk:
    "Be en administratör i din myndighet att ge en av dina grupper en roll (under Medlemmar → Enkel inloggning), eller om en inbjudan. Du får åtkomst nästa gång du loggar in.",
  installationAdmins: "Administratörer av installationen:",
  noInstallationAdmins: "Inga administratörer av installationen är registrerade.",
  signOut: "Logga ut",
  mappingTitle: (agency) => `Enkel inloggning (SSO) – ${agency}`,
  mappingIntro: (claim) =>
    `Personer som loggar in med SSO får en roll här utifrån grupperna i anspråket ”${claim}”. Medlemskap från grupper läggs till och tas bort vid varje SSO-inloggning; medlemmar som lagts till för hand påverkas aldrig.`,
  mappingOff:
    "SSO är inte konfigurerat i den här installationen (OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET). Kopplingarna nedan gäller när det är på.",
  mappings: "Grupper som ger en roll",
  group: "Gruppvärde",
  role: "Roll",
  remove: "Ta bort",
  removeMapping: (g) => `Ta bort kopplingen för gruppen ${g}`,
  noMappings: "Inga grupper är kopplade till en roll ännu.",
  addMapping: "Koppla en grupp till en roll",
  groupHelp: "Exakt det värde inloggningstjänsten skickar, t.ex. ett grupp-id.",
  save: "Spara koppling",
  role_viewer: "Läsare",
  role_editor: "Redaktör",
  role_admin: "Administratör",
  pendingTitle: "Väntar på åtkomst",
  pendingIntro: "Loggade in med SSO utan någon grupp som ger en roll i någon myndighet.",
  pendingNone: "Ingen väntar på åtkomst.",
  person: "Person",
  groups: "Grupper",
  lastSignIn: "Senaste inloggning",
  none: "inga",
  msg_added: "Kopplingen är sparad. Den gäller från personens nästa SSO-inloggning.",
  msg_removed: "Kopplingen är borttagen. Medlemskap som bara kom från den har upphört.",
  msg_invalid: "Gruppvärdet måste ha 1–200 tecken, och rollen måste vara läsare, redaktör eller administratör.",
  back: "Tillbaka till medlemmar",
  pendingAllTitle: "SSO: väntar på åtkomst",
  mappingLink: "Enkel inloggning (SSO): grupper som ger roller, och vem som väntar på åtkomst",
};

export function ssoTexts(locale: UiLocale): Texts {
  return { nb, en, sv }[locale];
}

export type SsoLoginMessage = "failed" | "cancelled" | "unavailable" | "limited" | "off";
