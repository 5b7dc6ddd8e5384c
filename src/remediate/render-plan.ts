/**
 * The plan and the apply result as a diff per setting (live -> new), for the terminal and for Markdown (job
 * summary). Contact e-mails and phone numbers are masked unless redaction is `off` (masks from src/report/redact.ts).
 * Every value from the account or the policy (contact names, AWS error text, control messages) is escaped for its
 * medium by src/escape.ts: `oneLine` in text, `escapeMarkdown`/`codeCell` in Markdown.
 */
import { logMaskable, maskEmail, maskPhone, type RedactMode } from '../report/redact.js';
import { codeCell, escapeMarkdown, oneLine } from '../escape.js';
import { passwordPolicyNullLabel } from '../controls/password-policy-remediation.js';
import { NO_CHANGES_MESSAGE, type ApplyResult } from './apply.js';
import type { Change, ChangeOutcome, ChangeValue, ManualStep, RemediationPlan } from './types.js';

function maskValue(setting: string, value: ChangeValue, redact: RedactMode): ChangeValue {
  if (redact === 'off' || typeof value !== 'string' || value === '') return value;
  if (setting === 'email') return maskEmail(value);
  if (setting === 'phone') return maskPhone(value);
  return value;
}

/** The changes with contact e-mails and phones masked, and the exact values masked (for core.setSecret). */
export function redactChanges<T extends Change>(
  changes: readonly T[],
  redact: RedactMode,
): { changes: T[]; secrets: string[] } {
  const secrets = new Set<string>();
  const masked = changes.map((change) => {
    for (const value of [change.from, change.to]) {
      if (
        redact !== 'off' &&
        (change.setting === 'email' || change.setting === 'phone') &&
        typeof value === 'string' &&
        value !== ''
      )
        secrets.add(value);
    }
    return {
      ...change,
      from: maskValue(change.setting, change.from, redact),
      to: maskValue(change.setting, change.to, redact),
    };
  });
  return { changes: masked, secrets: logMaskable([...secrets]).sort() };
}

function show(change: Change, which: 'from' | 'to'): string {
  const value = change[which];
  if (value !== null) return String(value);
  return change.target === 'passwordPolicy' ? passwordPolicyNullLabel(change.setting, which) : '(unset)';
}

const API_CALL: Record<string, string> = {
  passwordPolicy: 'iam:UpdateAccountPasswordPolicy, which replaces the whole policy',
};

function apiCall(target: string): string {
  return API_CALL[target] ?? 'account:PutAlternateContact';
}

function groupByTarget<T extends Change>(changes: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const change of changes) groups.set(change.target, [...(groups.get(change.target) ?? []), change]);
  return groups;
}

function manualText(steps: readonly ManualStep[]): string[] {
  if (steps.length === 0) return [];
  return [
    `Manual steps (no API call of apply can do these): ${steps.length}`,
    ...steps.flatMap((step) => [
      `  - ${oneLine(step.control)} [${oneLine(step.resource)}]: ${oneLine(step.message)}`,
      `      ${oneLine(step.instructions)}`,
    ]),
  ];
}

export function renderPlanText(plan: RemediationPlan, redact: RedactMode): string {
  const { changes } = redactChanges(plan.changes, redact);
  const lines: string[] = [];
  if (changes.length === 0) {
    lines.push(plan.blocked.length === 0 ? `Plan: ${NO_CHANGES_MESSAGE}.` : 'Plan: no change can be made.');
  } else {
    const requests = (plan.requests.passwordPolicy ? 1 : 0) + plan.requests.contacts.length;
    lines.push(
      `Plan: ${changes.length} ${changes.length === 1 ? 'change' : 'changes'}; apply would send ` +
        `${requests} ${requests === 1 ? 'request' : 'requests'}.`,
    );
    for (const [target, group] of groupByTarget(changes)) {
      lines.push(`  ${oneLine(target)} (${apiCall(target)})`);
      for (const change of group)
        lines.push(
          `    ~ ${oneLine(change.setting)}: ${oneLine(show(change, 'from'))} -> ${oneLine(show(change, 'to'))}`,
        );
    }
  }
  return `${[...lines, ...openItemsText(plan)].join('\n')}\n`;
}

/** What stays open after the plan: changes it will not make (and why) and manual steps. */
function openItemsText(plan: Pick<RemediationPlan, 'blocked' | 'manual'>): string[] {
  const lines: string[] = [];
  if (plan.blocked.length > 0) {
    lines.push(
      `Not planned: ${plan.blocked.length}`,
      ...plan.blocked.map((item) => `  ! ${oneLine(item.target)}: ${oneLine(item.reason)}`),
    );
  }
  return [...lines, ...manualText(plan.manual)];
}

const OUTCOME_MARK: Record<ChangeOutcome['status'], string> = {
  applied: 'applied',
  failed: 'FAILED',
  unconfirmed: 'NOT CONFIRMED',
};

function outcomeDetail(outcome: ChangeOutcome): string {
  if (outcome.status === 'failed') return ` (${outcome.errorCode ?? 'Unknown'}: ${outcome.errorMessage ?? ''})`;
  if (outcome.status === 'unconfirmed') return ` (${outcome.errorMessage ?? ''})`;
  return '';
}

/** The apply outcome per setting, then what is still open (`remaining`: the plan of the account after apply). */
export function renderApplyText(
  result: ApplyResult,
  redact: RedactMode,
  remaining?: Pick<RemediationPlan, 'blocked' | 'manual'>,
): string {
  const { changes } = redactChanges(result.outcomes, redact);
  const lines = [`Apply: ${oneLine(result.message)}.`];
  for (const [target, group] of groupByTarget(changes)) {
    lines.push(`  ${oneLine(target)}`);
    for (const outcome of group) {
      const diff = `${oneLine(outcome.setting)}: ${oneLine(show(outcome, 'from'))} -> ${oneLine(show(outcome, 'to'))}`;
      lines.push(`    ${OUTCOME_MARK[outcome.status]} ${diff}${oneLine(outcomeDetail(outcome))}`);
    }
  }
  if (remaining) lines.push(...openItemsText(remaining));
  return `${lines.join('\n')}\n`;
}

function manualMarkdown(steps: readonly ManualStep[]): string[] {
  if (steps.length === 0) return [];
  return [
    '',
    '**Manual steps** (no API call of apply can do these):',
    '',
    ...steps.map(
      (step) =>
        `- ${codeCell(step.control)} (${escapeMarkdown(step.resource)}): ${escapeMarkdown(step.message)} ` +
        `${escapeMarkdown(step.instructions)}`,
    ),
  ];
}

export function renderPlanMarkdown(plan: RemediationPlan, redact: RedactMode): string {
  const { changes } = redactChanges(plan.changes, redact);
  const lines = ['### Remediation plan', ''];
  if (changes.length === 0) {
    lines.push(
      plan.blocked.length === 0 ? `No changes: the account already meets the policy.` : 'No change can be made.',
    );
  } else {
    lines.push('| Target | Setting | Live | New |', '| --- | --- | --- | --- |');
    for (const change of changes) {
      lines.push(
        `| ${codeCell(change.target)} | ${escapeMarkdown(change.setting)} | ` +
          `${escapeMarkdown(show(change, 'from'))} | **${escapeMarkdown(show(change, 'to'))}** |`,
      );
    }
  }
  return `${[...lines, ...openItemsMarkdown(plan)].join('\n')}\n`;
}

function openItemsMarkdown(plan: Pick<RemediationPlan, 'blocked' | 'manual'>): string[] {
  const lines: string[] = [];
  if (plan.blocked.length > 0) {
    lines.push(
      '',
      '**Not planned:**',
      '',
      ...plan.blocked.map((item) => `- ${codeCell(item.target)}: ${escapeMarkdown(item.reason)}`),
    );
  }
  return [...lines, ...manualMarkdown(plan.manual)];
}

export function renderApplyMarkdown(
  result: ApplyResult,
  redact: RedactMode,
  remaining?: Pick<RemediationPlan, 'blocked' | 'manual'>,
): string {
  const { changes } = redactChanges(result.outcomes, redact);
  const lines = [
    '### Remediation applied',
    '',
    `${escapeMarkdown(`${result.message.charAt(0).toUpperCase()}${result.message.slice(1)}`)}.`,
  ];
  if (changes.length > 0) {
    lines.push('', '| Target | Setting | Was | Now | Result |', '| --- | --- | --- | --- | --- |');
    for (const outcome of changes) {
      const values = `${escapeMarkdown(show(outcome, 'from'))} | ${escapeMarkdown(show(outcome, 'to'))}`;
      lines.push(
        `| ${codeCell(outcome.target)} | ${escapeMarkdown(outcome.setting)} | ${values} | ` +
          `${OUTCOME_MARK[outcome.status]}${escapeMarkdown(outcomeDetail(outcome))} |`,
      );
    }
  }
  if (remaining) lines.push(...openItemsMarkdown(remaining));
  return `${lines.join('\n')}\n`;
}
