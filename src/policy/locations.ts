/** Where to show a finding in the user's repository, when its expectation came from a bundled baseline. */
import type { SourceLocation } from '../findings.js';
import type { Policy } from './types.js';

/**
 * `location` itself when it is in a file of the repository; for a value set by `builtin:NAME`, the line of the
 * policy's `extends` entry that brought the baseline in (annotations cannot point into the bundle).
 */
export function repositoryLocation(policy: Policy, location: SourceLocation): SourceLocation {
  if (!location.file.startsWith('builtin:')) return location;
  const index = (policy.extends ?? []).indexOf(location.file);
  const entry = index >= 0 ? policy.locations[`extends.${index}`] : undefined;
  return entry ?? policy.locations['extends'] ?? { file: policy.file, line: 1, column: 1 };
}
