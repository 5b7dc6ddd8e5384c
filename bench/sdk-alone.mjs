#!/usr/bin/env node
// The organization bench's yardstick (run by bench/org-bench.mjs, not alone): the requests the CLI makes for each
// member, made by the AWS SDK's own clients with nothing of ours around them. Per member: the hub's AssumeRole,
// then IAM and Account clients with that member's credentials, and its four reads at once, on one shared
// keep-alive handler and the CLI's retry mode. Prints, as one JSON line, the CPU time per member of that loop
// (start-up and module loading left out, as the bench leaves the CLI's out).
//
//   node bench/sdk-alone.mjs ACCOUNT_ID,ACCOUNT_ID,... CONCURRENCY ROLE_NAME   (AWS_ENDPOINT_URL: the local server)
import { Agent as HttpAgent } from 'node:http';
import { AccountClient, GetAlternateContactCommand } from '@aws-sdk/client-account';
import {
  GetAccountPasswordPolicyCommand,
  GetAccountSummaryCommand,
  GetCredentialReportCommand,
  IAMClient,
} from '@aws-sdk/client-iam';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { NodeHttpHandler } from '@smithy/node-http-handler';

const [idList, concurrencyText, roleName] = process.argv.slice(2);
const accountIds = idList.split(',');
const requestHandler = new NodeHttpHandler({ httpAgent: new HttpAgent({ keepAlive: true }) });
const common = { region: 'us-east-1', requestHandler, retryMode: 'adaptive' };
const hub = new STSClient(common);
/** A member without a password policy answers NoSuchEntity: an answer, as for the CLI. */
const answered = (promise) => promise.catch((error) => ({ error: error.name }));

async function member(accountId) {
  const { Credentials } = await hub.send(
    new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${accountId}:role/${roleName}`, RoleSessionName: 'sdk-alone' }),
  );
  const credentials = {
    accessKeyId: Credentials.AccessKeyId,
    secretAccessKey: Credentials.SecretAccessKey,
    sessionToken: Credentials.SessionToken,
  };
  const iam = new IAMClient({ ...common, credentials });
  const account = new AccountClient({ ...common, credentials });
  await Promise.all([
    answered(iam.send(new GetAccountPasswordPolicyCommand({}))),
    iam.send(new GetAccountSummaryCommand({})),
    iam.send(new GetCredentialReportCommand({})),
    account.send(new GetAlternateContactCommand({ AlternateContactType: 'SECURITY' })),
  ]);
}

let next = 0;
const before = process.cpuUsage();
await Promise.all(
  Array.from({ length: Number(concurrencyText) }, async () => {
    while (next < accountIds.length) await member(accountIds[next++]);
  }),
);
const used = process.cpuUsage(before);
requestHandler.destroy();
process.stdout.write(
  `${JSON.stringify({
    cpuPerAccountMs: (used.user + used.system) / 1000 / accountIds.length,
    userPerAccountMs: used.user / 1000 / accountIds.length,
    systemPerAccountMs: used.system / 1000 / accountIds.length,
  })}\n`,
);
