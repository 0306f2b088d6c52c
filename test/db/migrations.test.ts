import { readFile, readdir } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';

const folder = new URL('../../src/db/migrations/', import.meta.url);

interface JournalEntry {
  idx: number;
  when: number;
  tag: string;
}

describe('the migrations journal', () => {
  // Drizzle applies only the migrations whose `when` is later than the last one a database has
  // applied: one stamped earlier than its predecessor would be skipped on an upgraded database.
  it('stamps every migration later than the one before it', async () => {
    const journal = JSON.parse(await readFile(new URL('meta/_journal.json', folder), 'utf8')) as {
      entries: JournalEntry[];
    };
    journal.entries.forEach((entry, position) => {
      expect(entry.idx).toBe(position);
      expect(entry.tag.startsWith(String(position).padStart(4, '0'))).toBe(true);
      if (position > 0) expect(entry.when).toBeGreaterThan(journal.entries[position - 1]!.when);
    });
  });

  it('lists every SQL file in the folder, and only those', async () => {
    const journal = JSON.parse(await readFile(new URL('meta/_journal.json', folder), 'utf8')) as {
      entries: JournalEntry[];
    };
    const files = (await readdir(folder)).filter((name) => name.endsWith('.sql')).sort();
    expect(files).toEqual(journal.entries.map((entry) => `${entry.tag}.sql`));
  });
});
