/**
 * Builders for a control's `references`: the standards' ids, written once per control in its area module.
 * CIS numbering moves between versions (v5.0.0 dropped 1.3 "security questions", v7.0.0 added an Organizations
 * subsection), so a CIS reference is one id per version that has the recommendation.
 */
import type { Reference } from '../findings.js';

/** The CIS AWS Foundations Benchmark versions we map, oldest first. */
export const CIS_VERSIONS = ['3.0.0', '4.0.1', '5.0.0', '6.0.0', '7.0.0'] as const;
export type CisVersion = (typeof CIS_VERSIONS)[number];

/** The CIS version whose ids reports show when the policy does not name one. */
export const DEFAULT_CIS_VERSION: CisVersion = '5.0.0';

/** CIS AWS Foundations ids per benchmark version; a version without the recommendation is left out. */
export function cis(ids: Readonly<Partial<Record<CisVersion, string>>>): Reference[] {
  return CIS_VERSIONS.flatMap((version) => {
    const id = ids[version];
    return id === undefined ? [] : [{ standard: 'cis-aws-foundations' as const, version, id }];
  });
}

/** AWS Security Hub control ids (`IAM.4`, `Account.1`). */
export function securityHub(...ids: string[]): Reference[] {
  return ids.map((id) => ({ standard: 'aws-security-hub' as const, id }));
}

/**
 * Steps of the Well-Architected security lab "Level 100: AWS Account and Root User" (its part 1, "Account
 * Settings & Root User Security"). The lab numbers only its first step in the text we could verify, so the others
 * are named by what they ask (see docs/coverage.md).
 */
export const LAB = {
  credentialReport: '1.1 Generate and Review the AWS Account Credential Report',
  rootMfa: 'Root user MFA',
  rootAccessKeys: 'Remove root user access keys',
  rootNotUsed: 'Use the root user only by exception',
  rootPassword: 'Rotate the root user password',
  rootMfaBackup: 'Keep a tested backup of the root MFA device',
  alternateContacts: 'Alternate contacts',
  securityQuestions: 'Security challenge questions',
  passwordPolicy: 'IAM password policy',
} as const;

/** A section of the Well-Architected lab (one of `LAB`). */
export function lab(id: (typeof LAB)[keyof typeof LAB]): Reference[] {
  return [{ standard: 'well-architected-lab', id }];
}

/** The CIS ids among references for one benchmark version (two for root.mfa: hardware; none if it lacks it). */
export function cisIds(references: readonly Reference[], version: string): string[] {
  return references
    .filter((reference) => reference.standard === 'cis-aws-foundations' && reference.version === version)
    .map((reference) => reference.id);
}

/**
 * What the text and summary reports show: `CIS 5.0.0 1.3`, or undefined when that version has no such
 * recommendation.
 */
export function cisLabel(references: readonly Reference[], version: string = DEFAULT_CIS_VERSION): string | undefined {
  const ids = cisIds(references, version);
  return ids.length === 0 ? undefined : `CIS ${version} ${ids.join(', ')}`;
}

/** A short label for tags and tables: `CIS-5.0.0-1.3`, `IAM.4`, `WA-lab: Root user MFA`. */
export function referenceTag(reference: Reference): string {
  switch (reference.standard) {
    case 'cis-aws-foundations':
      return `CIS-${reference.version ?? ''}-${reference.id}`;
    case 'aws-security-hub':
      return reference.id;
    case 'well-architected-lab':
      return `WA-lab: ${reference.id}`;
  }
}
