/** Every control, as data: the README table, SARIF rules and docs are generated from this list. */
import type { ControlDefinition } from './control.js';
import { accountControls } from './account.js';
import { passwordPolicyControls } from './password-policy.js';
import { rootControls } from './root.js';
import { contactControls } from './contacts.js';
import { iamUserControls } from './iam-users.js';
import { attestationControls } from './attestations.js';

export const CONTROLS: readonly ControlDefinition[] = [
  ...accountControls,
  ...passwordPolicyControls,
  ...rootControls,
  ...contactControls,
  ...iamUserControls,
  ...attestationControls,
];

/** The definition of a control ID (`attestations.NAME` resolves to `attestations.*`). */
export function controlDefinition(id: string): ControlDefinition | undefined {
  return CONTROLS.find((control) => control.id === id) ?? (id.startsWith('attestations.') ? CONTROLS.find((c) => c.id === 'attestations.*') : undefined);
}
