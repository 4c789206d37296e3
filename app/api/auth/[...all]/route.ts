import { toNextJsHandler } from "better-auth/next-js";
import { auth } from "@/lib/auth/auth";
import { handleAuthRequest } from "@/lib/auth/handler";

export const dynamic = "force-dynamic";

// Handlers are resolved per request so the auth instance is built after start-up configured the process.
export const GET = (req: Request) => handleAuthRequest(req, (r) => toNextJsHandler(auth()).GET(r));
export const POST = (req: Request) => handleAuthRequest(req, (r) => toNextJsHandler(auth()).POST(r));
