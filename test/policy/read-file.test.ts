/**
 * Policy files are read only when they are regular files inside the repository: devices, FIFOs, directories and
 * symlinks out of the repository are refused before anything is read (the defects: /dev/zero read 620 MB, a FIFO
 * hung forever, /proc/self/environ put the environment into an annotation).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import { validatePolicyFile } from '../../src/policy/load.js';
import { repositoryOf } from '../../src/policy/read-file.js';

const VALID = 'version: 1\nroot: { mfa: required }\n';
const onLinux = process.platform === 'linux' ? test : test.skip;

let folder: string;
beforeEach(() => {
  folder = realpathSync(mkdtempSync(join(tmpdir(), 'aab-read-')));
});
afterEach(() => {
  rmSync(folder, { recursive: true, force: true });
});

/** A policy that extends `entry`, written at folder/p.yml. */
function extending(entry: string): string {
  const file = join(folder, 'p.yml');
  writeFileSync(file, `version: 1\nextends: [${entry}]\n`);
  return file;
}

function extendsRefusal(file: string, entry: string, reason: string): unknown[] {
  return [
    {
      file,
      line: 2,
      column: 11,
      message: `cannot read extended policy \`${join(folder, entry)}\`: ${reason} (extends chain: ${file} -> ${join(folder, entry)})`,
    },
  ];
}

describe('the repository', () => {
  test('is the nearest folder above the policy with a .git, else the policy folder', async () => {
    mkdirSync(join(folder, '.git'));
    mkdirSync(join(folder, 'policies', 'accounts'), { recursive: true });
    await expect(repositoryOf(join(folder, 'policies', 'accounts', 'prod.yml'))).resolves.toBe(folder);
    rmSync(join(folder, '.git'), { recursive: true });
    writeFileSync(join(folder, '.git'), 'gitdir: elsewhere\n'); // a worktree's .git is a file
    await expect(repositoryOf(join(folder, 'policies', 'p.yml'))).resolves.toBe(folder);
  });

  test('a policy may extend a file elsewhere in its git work tree, not outside it', async () => {
    const repository = join(folder, 'repo');
    mkdirSync(join(repository, '.git'), { recursive: true });
    mkdirSync(join(repository, 'accounts'));
    writeFileSync(join(repository, 'base.yml'), VALID);
    writeFileSync(join(folder, 'outside.yml'), VALID);
    const inside = join(repository, 'accounts', 'prod.yml');
    writeFileSync(inside, 'version: 1\nextends: [../base.yml]\n');
    await expect(validatePolicyFile(inside)).resolves.toEqual([]);

    const escaping = join(repository, 'accounts', 'escape.yml');
    writeFileSync(escaping, 'version: 1\nextends: [../../outside.yml]\n');
    await expect(validatePolicyFile(escaping)).resolves.toEqual([
      {
        file: escaping,
        line: 2,
        column: 11,
        message: `cannot read extended policy \`${join(folder, 'outside.yml')}\`: it resolves to ${join(folder, 'outside.yml')}, outside the repository (${repository}) (extends chain: ${escaping} -> ${join(folder, 'outside.yml')})`,
      },
    ]);
  });
});

describe('symlinks', () => {
  test('a symlink to a file inside the repository is followed', async () => {
    writeFileSync(join(folder, 'real.yml'), VALID);
    symlinkSync(join(folder, 'real.yml'), join(folder, 'link.yml'));
    await expect(validatePolicyFile(extending('link.yml'))).resolves.toEqual([]);
  });

  test.each([
    ['/dev/zero', 'zero.yml'],
    ['/dev/urandom', 'random.yml'],
    ['/etc/passwd', 'passwd.yml'],
  ])('an extends symlink to %s is refused without reading it', async (target, name) => {
    symlinkSync(target, join(folder, name));
    const file = extending(name);
    const real = existsSync(target) ? realpathSync(target) : target;
    await expect(validatePolicyFile(file)).resolves.toEqual(
      extendsRefusal(file, name, `it resolves to ${real}, outside the repository (${folder})`),
    );
  });

  onLinux(
    'a policy symlinked to /proc/self/environ is refused, and no environment text reaches the message',
    async () => {
      const file = join(folder, 'p.yml');
      symlinkSync('/proc/self/environ', file);
      const issues = await validatePolicyFile(file);
      expect(issues).toHaveLength(1);
      expect(issues[0]).toMatchObject({ file, line: 1, column: 1 });
      expect(issues[0]?.message).toMatch(
        /^cannot read the policy file: it resolves to \/proc\/\d+\/environ, outside the repository \(/,
      );
      expect(issues[0]?.message).not.toContain('PATH=');
    },
  );

  test('a symlink loop is one line, not a hang', async () => {
    symlinkSync(join(folder, 'b.yml'), join(folder, 'a.yml'));
    symlinkSync(join(folder, 'a.yml'), join(folder, 'b.yml'));
    const file = extending('a.yml');
    await expect(validatePolicyFile(file)).resolves.toEqual(
      extendsRefusal(file, 'a.yml', 'too many levels of symlinks'),
    );
  });
});

describe('file types', () => {
  onLinux('a FIFO is refused without being opened (opening it would block until a writer came)', async () => {
    execFileSync('mkfifo', [join(folder, 'pipe.yml')]);
    const file = extending('pipe.yml');
    await expect(validatePolicyFile(file)).resolves.toEqual(
      extendsRefusal(file, 'pipe.yml', 'it is a FIFO (named pipe), not a regular file'),
    );
  });

  test('a directory is refused', async () => {
    mkdirSync(join(folder, 'folder.yml'));
    const file = extending('folder.yml');
    await expect(validatePolicyFile(file)).resolves.toEqual(
      extendsRefusal(file, 'folder.yml', 'it is a directory, not a regular file'),
    );
  });

  onLinux('a device named directly as the policy is refused', async () => {
    await expect(validatePolicyFile('/dev/zero')).resolves.toEqual([
      {
        file: '/dev/zero',
        line: 1,
        column: 1,
        message: 'cannot read the policy file: it is a character device, not a regular file',
      },
    ]);
  });

  onLinux('a pseudo-file named directly (size 0, content without end) is refused after one byte', async () => {
    const issues = await validatePolicyFile('/proc/self/environ');
    expect(issues).toEqual([
      {
        file: '/proc/self/environ',
        line: 1,
        column: 1,
        message: 'cannot read the policy file: it changed size while it was read (0 bytes by its size, 1 or more read)',
      },
    ]);
  });
});
