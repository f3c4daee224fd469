import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buffer } from 'node:stream/consumers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LocalDiskStorage, openFileStorage, sha256Hex } from './storage';
import { minimalPdf, png } from './test-files';

let dataDir: string;
beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-storage-'));
});
afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

const filesUnder = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? filesUnder(path.join(dir, d.name)) : [path.relative(path.join(dataDir, 'files'), path.join(dir, d.name))]));

describe('local disk storage', () => {
  it('stores bytes under DATA_DIR/files/<aa>/<bb>/<sha256> and gives them back unchanged', async () => {
    const storage = await openFileStorage(dataDir);
    const bytes = minimalPdf('stored');
    const { sha256, size } = await storage.put(bytes);
    expect(sha256).toBe(sha256Hex(bytes));
    expect(size).toBe(bytes.length);
    expect(filesUnder(path.join(dataDir, 'files'))).toEqual([path.join(sha256.slice(0, 2), sha256.slice(2, 4), sha256)]);
    const stream = await storage.get(sha256);
    expect(stream).not.toBeNull();
    expect(Buffer.compare(await buffer(stream as NonNullable<typeof stream>), bytes)).toBe(0);
    expect(await storage.has(sha256)).toBe(true);
  });

  it('stores the same bytes once, and different bytes apart', async () => {
    const storage = await openFileStorage(dataDir);
    const a = await storage.put(png(2, 2));
    const again = await storage.put(png(2, 2));
    const b = await storage.put(png(3, 3));
    expect(again).toEqual(a);
    expect(b.sha256).not.toBe(a.sha256);
    expect(filesUnder(path.join(dataDir, 'files'))).toHaveLength(2);
  });

  it('answers null for an address with nothing stored, and for one that is not an address', async () => {
    const storage = await openFileStorage(dataDir);
    expect(await storage.get('0'.repeat(64))).toBeNull();
    expect(await storage.get('../../etc/passwd')).toBeNull();
    expect(await storage.has('../secret')).toBe(false);
    expect(() => (storage as LocalDiskStorage).pathOf('../x')).toThrow();
  });

  it('writes through a temporary file: a failed write leaves neither the file nor the temporary one', async () => {
    const storage = new LocalDiskStorage(path.join(dataDir, 'files'));
    await storage.open();
    const bytes = png(4, 4);
    const sha = sha256Hex(bytes);
    // The target's folder cannot be created: a file sits where the folder would go.
    fs.writeFileSync(path.join(dataDir, 'files', sha.slice(0, 2)), 'in the way');
    await expect(storage.put(bytes)).rejects.toThrow();
    expect(fs.readdirSync(path.join(dataDir, 'files', '.tmp'))).toEqual([]);
    expect(await storage.has(sha)).toBe(false);
  });

  it('removes temporary files that a crash left, once they are old', async () => {
    const tmp = path.join(dataDir, 'files', '.tmp');
    fs.mkdirSync(tmp, { recursive: true });
    fs.writeFileSync(path.join(tmp, 'old'), 'half');
    fs.writeFileSync(path.join(tmp, 'fresh'), 'being written');
    const past = new Date(Date.now() - 2 * 3_600_000);
    fs.utimesSync(path.join(tmp, 'old'), past, past);
    await openFileStorage(dataDir);
    expect(fs.readdirSync(tmp)).toEqual(['fresh']);
  });

  it('lets two writers of the same bytes race', async () => {
    const storage = await openFileStorage(dataDir);
    const bytes = minimalPdf('race');
    const results = await Promise.all(Array.from({ length: 8 }, () => storage.put(bytes)));
    expect(new Set(results.map((r) => r.sha256)).size).toBe(1);
    expect(filesUnder(path.join(dataDir, 'files'))).toHaveLength(1);
  });
});
