/**
 * Who is adding an ignore: `git config user.name`, read locally (git reads
 * its config files; nothing touches the network). In an untrusted folder
 * only the user's global configuration is read, from the home folder, so a
 * repository's own config is never consulted on its behalf. No git, no name,
 * or a slow git (over 2 s): no name — the ignore is recorded without one.
 */
import { execFile } from 'node:child_process';
import * as os from 'node:os';

const TIMEOUT_MS = 2000;
/** Longer than any real name: a longer answer is not a name. */
const MAX_NAME_LENGTH = 200;

/** The user's git name for work in `folderPath`, or undefined. */
export function gitUserName(folderPath: string | undefined, trusted: boolean): Promise<string | undefined> {
  const local = trusted && folderPath !== undefined;
  const args = local ? ['config', 'user.name'] : ['config', '--global', 'user.name'];
  return new Promise((resolve) => {
    try {
      execFile('git', args, { cwd: local ? folderPath : os.homedir(), timeout: TIMEOUT_MS, windowsHide: true, encoding: 'utf8' }, (err, stdout) => {
        const name = err ? '' : String(stdout).replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ').trim();
        resolve(name && name.length <= MAX_NAME_LENGTH ? name : undefined);
      });
    } catch {
      resolve(undefined);
    }
  });
}
