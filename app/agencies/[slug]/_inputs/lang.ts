import { z } from "zod";

/** The `lang` of an inputs page's address: absent (the agency's language) unless a known one was chosen. */
export const LangSchema = z.enum(["nb", "sv", "en"]).optional().catch(undefined);

/** The language a form was sent in: the form always carries its page's language; bokmål if it is missing. */
export const FormLangSchema = z.enum(["nb", "sv", "en"]).catch("nb").default("nb");
