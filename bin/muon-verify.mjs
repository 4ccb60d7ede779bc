#!/usr/bin/env node
// The `muon-verify` command: loads TypeScript through tsx, then runs the CLI (src/cli/main.ts).
import { register } from 'tsx/esm/api';
register();
const { main } = await import('../src/cli/main.ts');
await main(process.argv.slice(2));
