/** GitHub Action entry (dist/index.js). */
import { run } from './action/run.js';

await run();
