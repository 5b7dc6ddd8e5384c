/**
 * runRemediation in process against the local AWS-protocol server: apply reads, writes and reads again with the
 * one set of clients the run's connection built.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { runRemediation } from '../../src/remediate/run.js';
import { AwsConnection } from '../../src/state/aws-clients.js';
import { startAwsServer, type AwsServer } from '../support/aws-server.mjs';
import { ACCOUNT_ID, NOW, strongPasswordPolicy } from '../support/builders.js';

const ENV = [
  'AWS_ENDPOINT_URL',
  'AWS_REGION',
  'AWS_EC2_METADATA_DISABLED',
  'AWS_CONFIG_FILE',
  'AWS_SHARED_CREDENTIALS_FILE',
];
const savedEnv = Object.fromEntries(ENV.map((name) => [name, process.env[name]]));
const credentials = { accessKeyId: 'AKIAEXAMPLEEXAMPLE00', secretAccessKey: 'example-secret' };
const policyFile = join(mkdtempSync(join(tmpdir(), 'aab-remediate-run-')), 'baseline.yml');
writeFileSync(policyFile, 'version: 1\npasswordPolicy:\n  minimumLength: 14\n');

let server: AwsServer;
beforeAll(async () => {
  server = await startAwsServer({
    accounts: [{ accountId: ACCOUNT_ID, passwordPolicy: strongPasswordPolicy({ minimumPasswordLength: 8 }) }],
  });
  Object.assign(process.env, {
    AWS_ENDPOINT_URL: server.url,
    AWS_REGION: 'us-east-1',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
  });
});
afterAll(async () => {
  for (const [name, value] of Object.entries(savedEnv)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  await server.close();
});
afterEach(() => {
  jest.restoreAllMocks();
});

describe('runRemediation', () => {
  it('checks, applies and checks again with the clients of one connection, built once', async () => {
    const aws = new AwsConnection({ credentials });
    const built = jest.spyOn(aws, 'createClients');
    try {
      const result = await runRemediation({ policyFile, aws, now: NOW, redact: 'contacts', mode: 'apply', env: {} });
      expect(result.applied?.ok).toBe(true);
      expect(result.report.findings.find((finding) => finding.control === 'passwordPolicy.minimumLength')?.status).toBe(
        'pass',
      );
      // The first check, the write and the check after it.
      expect(
        server.requests.filter((request) => request.operation === 'GetAccountPasswordPolicy').length,
      ).toBeGreaterThanOrEqual(2);
      expect(server.requests.some((request) => request.operation === 'UpdateAccountPasswordPolicy')).toBe(true);
      expect(built).toHaveBeenCalledTimes(1);
    } finally {
      aws.destroy();
    }
  });
});
