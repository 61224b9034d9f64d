// Canary scanning: look for planted strings in every byte of every file under some folders,
// as UTF-8 and as UTF-16 (little and big endian), the way docs/DESIGN.md §5 asks.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, lstatSync } from 'node:fs';
import { join } from 'node:path';

function* files(dir) {
  let entries;
  try { entries = readdirSync(dir); } catch { return; }
  for (const name of entries) {
    const path = join(dir, name);
    const st = lstatSync(path);
    if (st.isDirectory()) yield* files(path);
    else if (st.isFile()) yield path;
  }
}

function forms(text) {
  const le = Buffer.from(text, 'utf16le');
  const be = Buffer.from(le);
  be.swap16();
  return [Buffer.from(text, 'utf8'), le, be];
}

/** Returns "canary in path" strings for every hit; an empty list means clean. */
export function scanFor(canaries, ...dirs) {
  const hits = [];
  let scanned = 0;
  for (const dir of dirs) {
    for (const path of files(dir)) {
      const bytes = readFileSync(path);
      scanned++;
      for (const c of canaries) {
        if (forms(c).some((f) => bytes.includes(f))) hits.push(`${c} in ${path}`);
      }
    }
  }
  return { hits, scanned };
}

/** A random canary made only of letters, so it is valid in labels and notes. */
export function canary(prefix = 'Cnry') {
  const letters = 'bcdfghjkmnpqrstvwxz';
  let s = prefix;
  for (let i = 0; i < 12; i++) s += letters[Math.floor(Math.random() * letters.length)];
  return s;
}

/**
 * Every key a vault holds, as `age` identity files in `workDir`: the master key (from
 * identity.age with the passphrase, through a terminal as the age CLI wants), each map's key
 * from the catalogue, and the receiving key if there is one. The steps are docs/RECOVERY.md's.
 */
export function vaultKeys(dataDir, passphrase, workDir) {
  const master = join(workDir, 'master.key');
  execFileSync('script', ['-qec', `age --decrypt --output '${master}' '${join(dataDir, 'identity.age')}'`, '/dev/null'], { input: `${passphrase}\n` });
  const keys = [master];
  const ids = execFileSync('sqlite3', [join(dataDir, 'index.sqlite3'), 'SELECT id FROM maps;'], { encoding: 'utf8' }).split('\n').filter(Boolean);
  for (const id of ids) {
    const wrapped = join(workDir, `${id}.key.age`);
    execFileSync('sqlite3', [join(dataDir, 'index.sqlite3'), `SELECT writefile('${wrapped}', wrapped_key) FROM maps WHERE id = '${id}';`]);
    const key = join(workDir, `${id}.key`);
    execFileSync('age', ['--decrypt', '--identity', master, '--output', key, wrapped]);
    keys.push(key);
  }
  const receiving = join(dataDir, 'receiving.age');
  if (existsSync(receiving)) {
    const key = join(workDir, 'receiving.key');
    execFileSync('age', ['--decrypt', '--identity', master, '--output', key, receiving]);
    keys.push(key);
  }
  return keys;
}

/** The keys among `keys` that decrypt `file` (none, for a destroyed map). */
export function keysThatOpen(file, keys) {
  return keys.filter((key) => {
    try {
      execFileSync('age', ['--decrypt', '--identity', key, file], { stdio: ['ignore', 'ignore', 'ignore'] });
      return true;
    } catch {
      return false;
    }
  });
}
