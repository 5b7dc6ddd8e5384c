/** IAM server certificates (CIS v5 1.18): none expired, and optionally none about to expire. */
import type { Finding } from '../findings.js';
import type { ServerCertificatesExpectation } from '../policy/types.js';
import type { ServerCertificate } from '../state/types.js';
import { defineArea } from './area.js';
import { cis, securityHub } from './references.js';
import {
  type ControlDefinition,
  type EvaluationContext,
  defineControls,
  makeFinding,
  unreadableFinding,
} from './control.js';

type Key = keyof ServerCertificatesExpectation;

const DELETE =
  'Upload a renewed certificate (or move the load balancer or CloudFront distribution to ACM), then delete the old ' +
  'one. CLI: aws iam list-server-certificates; aws iam upload-server-certificate --server-certificate-name NEW ...; ' +
  'aws iam delete-server-certificate --server-certificate-name OLD. IAM server certificates are managed only ' +
  'through the CLI or API.';

const DEFINITIONS = defineControls<Key>('serverCertificates', {
  expired: {
    title: 'No expired IAM server certificates are stored',
    severity: 'medium',
    sources: ['serverCertificates'],
    remediation: DELETE,
    docs: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_server-certs.html',
    references: [
      ...cis({ '3.0.0': '1.19', '4.0.1': '1.19', '5.0.0': '1.18', '6.0.0': '2.18', '7.0.0': '2.17' }),
      ...securityHub('IAM.26'),
    ],
    schema: { description: 'forbidden: no stored server certificate has expired.', enum: ['forbidden'] },
  },
  expiryWarningDays: {
    title: 'No IAM server certificate expires within the warning window',
    severity: 'low',
    sources: ['serverCertificates'],
    remediation: DELETE,
    docs: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_server-certs.html',
    schema: {
      description: 'Fail a certificate that is still valid but expires within this many days.',
      $ref: '#/$defs/days',
    },
  },
});

const DAY_MS = 86_400_000;

function isoDay(iso: string): string {
  return iso.slice(0, 10);
}

function expired(
  context: EvaluationContext,
  definition: ControlDefinition,
  certificates: readonly ServerCertificate[],
): Finding[] {
  const expected = 'no expired server certificate';
  const now = context.now.getTime();
  const stale = certificates.filter((certificate) => Date.parse(certificate.expiration) <= now);
  if (stale.length === 0) {
    return [
      makeFinding(context.policy, definition, {
        status: 'pass',
        resource: 'server-certificates',
        expected,
        actual: 'none expired',
        message:
          certificates.length === 0
            ? 'No IAM server certificates are stored.'
            : `None of the ${certificates.length} IAM server certificates has expired.`,
      }),
    ];
  }
  return stale.map((certificate) =>
    makeFinding(context.policy, definition, {
      status: 'fail',
      resource: certificate.arn,
      expected,
      actual: `expired ${isoDay(certificate.expiration)}`,
      message: `IAM server certificate ${certificate.name} expired on ${isoDay(certificate.expiration)}.`,
    }),
  );
}

function expiring(
  context: EvaluationContext,
  definition: ControlDefinition,
  certificates: readonly ServerCertificate[],
  days: number,
): Finding[] {
  const expected = `no valid server certificate expiring within ${days} days`;
  const now = context.now.getTime();
  // Expired ones are `expired`'s business: this control warns about the still valid.
  const soon = certificates.filter((certificate) => {
    const at = Date.parse(certificate.expiration);
    return at > now && at - now < days * DAY_MS;
  });
  if (soon.length === 0) {
    return [
      makeFinding(context.policy, definition, {
        status: 'pass',
        resource: 'server-certificates',
        expected,
        actual: 'none expiring',
        message: `No valid IAM server certificate expires within ${days} days.`,
      }),
    ];
  }
  return soon.map((certificate) => {
    const left = Math.floor((Date.parse(certificate.expiration) - now) / DAY_MS);
    return makeFinding(context.policy, definition, {
      status: 'fail',
      resource: certificate.arn,
      expected,
      actual: `expires ${isoDay(certificate.expiration)} (${left} days)`,
      message:
        `IAM server certificate ${certificate.name} expires on ${isoDay(certificate.expiration)}, in ${left} ` +
        `days (warning window ${days} days).`,
    });
  });
}

export function evaluateServerCertificates(context: EvaluationContext): Finding[] {
  const expectation = context.policy.serverCertificates;
  if (!expectation) return [];
  const source = context.state.serverCertificates;
  const findings: Finding[] = [];
  const unreadable = (definition: ControlDefinition): Finding =>
    unreadableFinding(context.policy, definition, source, 'the IAM server certificates', 'server-certificates');
  if (expectation.expired === 'forbidden') {
    findings.push(
      ...(source?.ok ? expired(context, DEFINITIONS.expired, source.value) : [unreadable(DEFINITIONS.expired)]),
    );
  }
  if (expectation.expiryWarningDays !== undefined) {
    const definition = DEFINITIONS.expiryWarningDays;
    findings.push(
      ...(source?.ok
        ? expiring(context, definition, source.value, expectation.expiryWarningDays)
        : [unreadable(definition)]),
    );
  }
  return findings;
}

export const serverCertificatesArea = defineArea({
  id: 'serverCertificates',
  title: 'IAM server certificates',
  description: 'TLS certificates stored in IAM (from iam:ListServerCertificates).',
  controls: DEFINITIONS,
  evaluate: evaluateServerCertificates,
});
