import { z } from "zod";

/** The language a form was sent in: the form always carries its page's language; bokmål if it is missing. */
export const FormLangSchema = z.enum(["nb", "sv", "en"]).catch("nb").default("nb");
