#!/usr/bin/env node
// The `pandu` command. Runs the TypeScript sources through tsx, like `npm start` does.
import { register } from "tsx/esm/api";

register();
await import("../src/cli/main.ts");
