// Canary scanning: look for planted strings in every byte of every file under some folders,
// as UTF-8 and as UTF-16 (little and big endian), the way DESIGN.md §5 asks.
import { readdirSync, readFileSync, lstatSync } from 'node:fs';
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
