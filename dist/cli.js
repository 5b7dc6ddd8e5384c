#!/usr/bin/env node
/** CLI entry (bin, dist/cli.js): a few lines around the shared bundle (src/bundle.ts). */
import { runCli } from './bundle.js';
process.exitCode = await runCli(process.argv.slice(2));
