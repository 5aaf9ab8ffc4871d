#!/usr/bin/env node
// The `suiji` command. Runs the TypeScript CLI through tsx so that the package needs no
// separate compile step; the web app is the only thing that is built (vite build).
import { register } from 'tsx/esm/api';
register();
const { main } = await import('../src/cli/main.ts');
const code = await main(process.argv.slice(2));
if (typeof code === 'number') process.exitCode = code;
