/** GitHub Action entry (dist/index.js): a few lines around the shared bundle (src/bundle.ts). */
import { runAction } from './bundle.js';
await runAction();
