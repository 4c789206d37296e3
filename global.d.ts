import type nb from "./messages/nb.json";

// Message keys are checked at compile time against the bokmål file (tests/unit/messages.test.ts keeps sv and en equal).
declare module "next-intl" {
  interface AppConfig {
    Messages: typeof nb;
  }
}
