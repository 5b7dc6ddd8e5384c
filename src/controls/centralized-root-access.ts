/**
 * `root.centralizedAccess`: the organization manages member accounts' root users centrally (IAM "centralized root
 * access": RootCredentialsManagement and RootSessions). Only the management account or the delegated administrator
 * for it can read the setting; anywhere else the control is skipped with the reason, never passed.
 */
import type { Finding } from '../findings.js';
import { type ControlDefinition, type EvaluationContext, makeFinding, unreadableFinding } from './control.js';

export const CENTRALIZED_ROOT_FEATURES = ['RootCredentialsManagement', 'RootSessions'] as const;

/** The answers that mean "not the account to ask", with why, as AWS words them in error codes. */
const NOT_HERE: Readonly<Record<string, string>> = {
  AccountNotManagementOrDelegatedAdministratorException:
    'this account is an organization member: only the management account or the delegated administrator for centralized root access can read the setting, so check it there',
  OrganizationNotFoundException:
    'this account is not in an organization, and centralized root access is an AWS Organizations feature',
};

export function evaluateCentralizedRootAccess(context: EvaluationContext, definition: ControlDefinition): Finding {
  const { policy } = context;
  const source = context.state.organizationsFeatures;
  const resource = 'organization';
  const expected = `${CENTRALIZED_ROOT_FEATURES.join(' and ')} enabled`;
  if (source && !source.ok) {
    const reason = NOT_HERE[source.error.code];
    if (reason) {
      return makeFinding(policy, definition, {
        status: 'skipped',
        resource,
        expected,
        actual: source.error.code,
        message: `Not applicable: ${reason}.`,
      });
    }
    if (source.error.code === 'OrganizationNotInAllFeaturesModeException') {
      return makeFinding(policy, definition, {
        status: 'fail',
        resource,
        expected,
        actual: 'organization without all features',
        message:
          'The organization has only consolidated billing; centralized root access needs all features enabled in AWS Organizations.',
      });
    }
  }
  if (!source || !source.ok)
    return unreadableFinding(policy, definition, source, 'the centralized root access settings', resource, expected);
  const enabled = source.value.enabledFeatures;
  const missing = CENTRALIZED_ROOT_FEATURES.filter((feature) => !enabled.includes(feature));
  const organization = source.value.organizationId ?? resource;
  if (missing.length > 0) {
    return makeFinding(policy, definition, {
      status: 'fail',
      resource: organization,
      expected,
      actual: enabled.length > 0 ? `enabled: ${enabled.join(', ')}` : 'none enabled',
      message: `Centralized root access is not fully enabled: ${missing.join(' and ')} ${missing.length === 1 ? 'is' : 'are'} off.`,
    });
  }
  return makeFinding(policy, definition, {
    status: 'pass',
    resource: organization,
    expected,
    actual: `enabled: ${enabled.join(', ')}`,
    message: 'Centralized root access is enabled: root credentials management and privileged root sessions.',
  });
}
