#!/usr/bin/env node
/** CLI entry (bin): the process around src/cli/main.ts. */
import { main } from './cli/main.js';
import { processIO } from './cli/io.js';
import { quietSdkNodeVersionWarning } from './cli/sdk-node-warning.js';

quietSdkNodeVersionWarning(process.env, process.version);
process.exitCode = await main(process.argv.slice(2), processIO());
