export { TRANSPILED, transpileSources } from '../scripts/transpile.mjs';
