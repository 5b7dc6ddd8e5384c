/**
 * Reading policy files from disk, defensively: a policy (or a file it extends) may come from a pull request, so
 * it could be a symlink to /dev/zero (endless), a FIFO (blocks forever), a directory, or a pseudo-file such as
 * /proc/self/environ (its text would land in error messages and annotations). Only regular files inside the
 * repository are read, and never more than their size (at most MAX_POLICY_BYTES) plus one byte.
 *
 * The repository is the git work tree holding the entry policy (the nearest folder above it with a `.git`), or,
 * outside git, the entry policy's own folder. Every file must resolve (symlinks followed) inside it.
 */
import { constants } from 'node:fs';
import { lstat, open, realpath, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, parse, relative, resolve, sep } from 'node:path';
import { MAX_POLICY_BYTES, tooLargeMessage } from './parse.js';

/** A file refused for what it is (type, place, size); the message is the reason, shown after the file's name. */
export class PolicyFileRefused extends Error {
  /** Size refusals are reported on the file itself rather than at the `extends` entry that named it. */
  readonly tooLarge: boolean;
  constructor(message: string, tooLarge = false) {
    super(message);
    this.name = 'PolicyFileRefused';
    this.tooLarge = tooLarge;
  }
}

/** A reader confined to the repository of `entryFile` (found once, on first use). */
export function confinedPolicyReader(entryFile: string): (absolutePath: string) => Promise<string> {
  let repository: Promise<string> | undefined;
  return async (absolutePath) => {
    repository ??= repositoryOf(entryFile);
    return readConfined(absolutePath, await repository);
  };
}

/** The real path of the git work tree holding `file`, or of the file's folder outside git. */
export async function repositoryOf(file: string): Promise<string> {
  const folder = dirname(resolve(file));
  for (let current = folder; ; current = dirname(current)) {
    if (await exists(join(current, '.git'))) return realpath(current);
    if (current === parse(current).root) break;
  }
  return realpath(folder).catch(() => folder);
}

async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path); // a `.git` file (worktrees, submodules) counts as well as a folder
    return true;
  } catch {
    return false;
  }
}

async function readConfined(absolutePath: string, repository: string): Promise<string> {
  const real = await realpath(absolutePath);
  if (!isInside(real, repository)) {
    throw new PolicyFileRefused(`it resolves to ${real}, outside the repository (${repository})`);
  }
  // stat, not open: opening a FIFO blocks until a writer appears, and a device never ends.
  const kind = fileKind(await stat(real));
  if (kind !== 'regular file') throw new PolicyFileRefused(`it is ${kind}, not a regular file`);
  // O_NONBLOCK: should the path be swapped for a FIFO after the check, the open still returns at once.
  const flags = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOFOLLOW ?? 0);
  const handle = await open(real, flags);
  try {
    const opened = await handle.stat();
    const openedKind = fileKind(opened);
    if (openedKind !== 'regular file') throw new PolicyFileRefused(`it is ${openedKind}, not a regular file`);
    if (opened.size > MAX_POLICY_BYTES) throw new PolicyFileRefused(tooLargeMessage(opened.size), true);
    // One byte more than the size says: a regular file whose content outgrows its size is a pseudo-file
    // (/proc, /sys) or is being rewritten, and either way is not read on.
    const bytes = await readAtMost(handle, opened.size + 1);
    if (bytes.length !== opened.size) {
      throw new PolicyFileRefused(
        `it changed size while it was read (${opened.size} bytes by its size, ${bytes.length} or more read)`,
      );
    }
    return bytes.toString('utf8');
  } finally {
    await handle.close();
  }
}

async function readAtMost(handle: Awaited<ReturnType<typeof open>>, limit: number): Promise<Buffer> {
  const buffer = Buffer.alloc(limit);
  let filled = 0;
  while (filled < limit) {
    const { bytesRead } = await handle.read(buffer, filled, limit - filled, null);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return buffer.subarray(0, filled);
}

function isInside(path: string, folder: string): boolean {
  const rest = relative(folder, path);
  return rest !== '' && rest !== '..' && !rest.startsWith(`..${sep}`) && !isAbsolute(rest);
}

interface FileType {
  isFile(): boolean;
  isDirectory(): boolean;
  isFIFO(): boolean;
  isCharacterDevice(): boolean;
  isBlockDevice(): boolean;
  isSocket(): boolean;
}

function fileKind(info: FileType): string {
  if (info.isFile()) return 'regular file';
  if (info.isDirectory()) return 'a directory';
  if (info.isFIFO()) return 'a FIFO (named pipe)';
  if (info.isCharacterDevice()) return 'a character device';
  if (info.isBlockDevice()) return 'a block device';
  if (info.isSocket()) return 'a socket';
  return 'a special file';
}
