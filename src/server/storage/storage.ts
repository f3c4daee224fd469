import { createHash, randomBytes } from 'node:crypto';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';

/**
 * Where uploaded files live, addressed by the SHA-256 of their content: the same bytes are
 * stored once however often they are uploaded, and a stored file never changes. A row that
 * names a file is written only after `put` has returned, so the database never points at
 * bytes that are not there; a file whose row was never committed is an orphan, harmless and
 * collectable. A second backend (S3-compatible) implements the same three calls.
 */
export interface FileStorage {
  /** Stores the bytes (unless the same bytes are stored already) and returns their address. */
  put(bytes: Uint8Array): Promise<{ sha256: string; size: number }>;
  /** The stored bytes as a stream, or null when nothing is stored at that address. */
  get(sha256: string): Promise<Readable | null>;
  has(sha256: string): Promise<boolean>;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Files on local disk under `root` (DATA_DIR/files): `<aa>/<bb>/<sha256>`, two levels of 256
 * folders so that no folder grows large. Written to a temporary file in `root/.tmp` (the same
 * file system), flushed, then renamed into place: a reader sees the whole file or none, and a
 * crash leaves at most a temporary file, which the next start removes.
 */
export class LocalDiskStorage implements FileStorage {
  private readonly tmp: string;
  constructor(readonly root: string) {
    this.tmp = path.join(root, '.tmp');
  }

  /** Creates the folders and removes temporary files that a crashed upload left (older than an hour). */
  async open(): Promise<this> {
    await fsp.mkdir(this.tmp, { recursive: true });
    const cutoff = Date.now() - 3_600_000;
    for (const name of await fsp.readdir(this.tmp)) {
      const p = path.join(this.tmp, name);
      const stat = await fsp.stat(p).catch(() => null);
      if (stat && stat.mtimeMs < cutoff) await fsp.rm(p, { force: true });
    }
    return this;
  }

  pathOf(sha256: string): string {
    if (!SHA256_HEX.test(sha256)) throw new Error('not a SHA-256 address');
    return path.join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async put(bytes: Uint8Array): Promise<{ sha256: string; size: number }> {
    const sha256 = sha256Hex(bytes);
    const target = this.pathOf(sha256);
    const size = bytes.byteLength;
    const existing = await fsp.stat(target).catch(() => null);
    if (existing?.isFile() && existing.size === size) return { sha256, size };
    await fsp.mkdir(path.dirname(target), { recursive: true });
    await fsp.mkdir(this.tmp, { recursive: true });
    const temp = path.join(this.tmp, `${sha256}.${randomBytes(8).toString('hex')}`);
    try {
      const handle = await fsp.open(temp, 'wx', 0o640);
      try {
        await handle.writeFile(bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
      // Atomic on one file system; two uploads of the same bytes at once both land the same content.
      await fsp.rename(temp, target);
    } catch (err) {
      await fsp.rm(temp, { force: true });
      throw err;
    }
    await syncFolder(path.dirname(target));
    return { sha256, size };
  }

  async get(sha256: string): Promise<Readable | null> {
    if (!SHA256_HEX.test(sha256)) return null;
    const handle = await fsp.open(this.pathOf(sha256), 'r').catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return null;
      throw err;
    });
    return handle ? handle.createReadStream() : null;
  }

  async has(sha256: string): Promise<boolean> {
    if (!SHA256_HEX.test(sha256)) return false;
    return fsp.access(this.pathOf(sha256)).then(
      () => true,
      () => false,
    );
  }
}

/** Makes a rename durable (the folder's entry), where the platform allows opening a folder. */
async function syncFolder(folder: string) {
  const handle = await fsp.open(folder, 'r').catch(() => null);
  if (!handle) return;
  try {
    await handle.sync();
  } catch {
    // Some file systems refuse fsync on a folder; the rename is still atomic.
  } finally {
    await handle.close();
  }
}

/** The storage configured for this data folder: local disk under DATA_DIR/files. */
export async function openFileStorage(dataDir: string): Promise<FileStorage> {
  return new LocalDiskStorage(path.join(dataDir, 'files')).open();
}
