/** Which parts of the account a policy needs read, so a check never calls (or waits for) more than it uses. */
import type { Policy } from '../policy/types.js';

export const DATA_SOURCES = [
  'passwordPolicy',
  'accountSummary',
  'virtualMfaDevices',
  'credentialReport',
  'alternateContacts',
  'contactInformation',
  'organizationsFeatures',
] as const;
export type DataSource = (typeof DATA_SOURCES)[number];

export function requiredSources(policy: Policy): Set<DataSource> {
  const sources = new Set<DataSource>();
  const sections = [policy, ...(policy.targets ?? [])];
  for (const section of sections) {
    if (section.passwordPolicy) sources.add('passwordPolicy');
    if (section.root) {
      for (const source of ['accountSummary', 'credentialReport', 'organizationsFeatures'] as const) sources.add(source);
      if (section.root.mfa === 'hardware') sources.add('virtualMfaDevices');
    }
    if (section.iamUsers) sources.add('credentialReport');
    const contacts = section.contacts;
    if (contacts && (contacts.billing || contacts.operations || contacts.security)) sources.add('alternateContacts');
    if (contacts?.primary) sources.add('contactInformation');
  }
  return sources;
}
