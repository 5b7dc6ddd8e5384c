import { readFileSync } from 'node:fs';
import {
  OLDEST_SUPPORTED_NODE,
  SDK_NODE_WARNING_SWITCH,
  quietSdkNodeVersionWarning,
} from '../../src/cli/sdk-node-warning.js';

describe('quietSdkNodeVersionWarning', () => {
  it('turns the SDK warning off on supported Node versions', () => {
    for (const version of ['v20.20.2', 'v22.23.5', 'v24.22.3']) {
      const env: NodeJS.ProcessEnv = {};
      quietSdkNodeVersionWarning(env, version);
      expect(env).toEqual({ [SDK_NODE_WARNING_SWITCH]: 'true' });
    }
  });

  it('leaves it on for an unsupported Node, and keeps a value the user set', () => {
    const old: NodeJS.ProcessEnv = {};
    quietSdkNodeVersionWarning(old, 'v18.20.8');
    expect(old).toEqual({});
    const chosen: NodeJS.ProcessEnv = { [SDK_NODE_WARNING_SWITCH]: 'false' };
    quietSdkNodeVersionWarning(chosen, 'v20.20.2');
    expect(chosen).toEqual({ [SDK_NODE_WARNING_SWITCH]: 'false' });
  });

  it('names the oldest major of package.json engines', () => {
    const engines = (JSON.parse(readFileSync('package.json', 'utf8')) as { engines: { node: string } }).engines.node;
    const majors = engines.split('||').map((range) => Number(/\d+/.exec(range)?.[0]));
    expect(Math.min(...majors)).toBe(OLDEST_SUPPORTED_NODE);
  });
});
