import { jest } from '@jest/globals';
import { emitAnnotations } from '../../src/github/annotations.js';
import { logUntrusted } from '../../src/github/log.js';
import { buildAnnotations } from '../../src/report/annotations.js';
import { HOSTILE, makeFinding, makeReport } from '../report/sample-report.js';

/** What @actions/core writes to stdout, line by line, while `action` runs. */
function captureStdout(action: () => void): string[] {
  const chunks: string[] = [];
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    chunks.push(String(chunk));
    return true;
  });
  try {
    action();
  } finally {
    spy.mockRestore();
  }
  return chunks
    .join('')
    .split(/\r?\n/)
    .filter((line) => line !== '');
}

describe('emitAnnotations', () => {
  it('writes one workflow command per annotation with file, line, column and title', () => {
    const report = makeReport([
      makeFinding({
        control: 'root.mfa',
        status: 'fail',
        severity: 'critical',
        message: 'm',
        expected: 'e',
        actual: 'a',
        remediation: 'r',
        location: { file: 'p.yml', line: 4, column: 7 },
      }),
      makeFinding({
        control: 'passwordPolicy.minimumLength',
        status: 'fail',
        severity: 'medium',
        message: 'm',
        location: { file: 'p.yml', line: 2, column: 3 },
      }),
      makeFinding({
        control: 'passwordPolicy.hardExpiry',
        status: 'fail',
        severity: 'low',
        message: 'm',
        location: { file: 'p.yml', line: 9, column: 1 },
      }),
    ]);
    const lines = captureStdout(() => emitAnnotations(buildAnnotations(report)));
    expect(lines).toEqual([
      '::error title=root.mfa,file=p.yml,line=4,col=7::m%0AResource: account%0AExpected: e%0AActual: a%0AFix: r',
      '::warning title=passwordPolicy.minimumLength,file=p.yml,line=2,col=3::m%0AResource: account%0AExpected: %0AActual: ',
      '::notice title=passwordPolicy.hardExpiry,file=p.yml,line=9,col=1::m%0AResource: account%0AExpected: %0AActual: ',
    ]);
  });

  it('a hostile finding stays inside its own command', () => {
    const report = makeReport([
      makeFinding({
        control: 'iamUsers.consoleMfa',
        status: 'fail',
        severity: 'high',
        resource: HOSTILE,
        message: '100%\r\n::add-mask::x',
        location: { file: 'a,b:c.yml', line: 1, column: 1 },
      }),
    ]);
    const lines = captureStdout(() => emitAnnotations(buildAnnotations(report)));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^::error title=iamUsers\.consoleMfa,file=a%2Cb%3Ac\.yml,line=1,col=1::100%25%0D%0A::add-mask::x%0AResource: x\|y/,
    );
    expect(lines[0]).toContain('%0A::error::owned');
  });
});

describe('logUntrusted', () => {
  it('wraps the text in stop-commands with an unguessable token', () => {
    const written: string[] = [];
    logUntrusted('::error::owned\nuser ::add-mask::x', (chunk) => written.push(chunk));
    const lines = written.join('').split('\n').filter(Boolean);
    const token = /^::stop-commands::(aab-[0-9a-f-]{36})$/.exec(lines[0] ?? '')?.[1];
    expect(token).toBeDefined();
    expect(lines.slice(1)).toEqual(['::error::owned', 'user ::add-mask::x', `::${token}::`]);
    const again: string[] = [];
    logUntrusted('x', (chunk) => again.push(chunk));
    expect(again[0]).not.toBe(written[0]);
  });
});
