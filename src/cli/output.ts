/** Writes `--output FILE`. A path that cannot be written is a bad argument (exit 2), not an unreadable account (3). */
import { writeFile } from 'node:fs/promises';
import { UsageError } from '../errors.js';

export async function writeOutputFile(file: string, text: string): Promise<void> {
  try {
    await writeFile(file, text);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));
    throw new UsageError(`cannot write --output ${file}: ${code}`);
  }
}
