import fs from 'node:fs';
import path from 'node:path';
import { EJSON } from 'bson';
import { normalize, type Doc } from './ejson';
import type { IndexDef } from './indexes';

/**
 * The write-ahead log of one environment: JSON lines of canonical EJSON ops,
 * appended with fs.writeSync before the reply goes out (no fsync: a killed
 * process loses nothing acknowledged, a power cut may). Every op sets state
 * (no increments), so replaying is idempotent. A torn last line (crash mid
 * write) is dropped on open. Compaction rewrites the log as a snapshot
 * (temp file, then rename) once it holds many more ops than live documents.
 */
export type LogOp =
  | { op: 'addCollection'; c: string }
  | { op: 'put'; c: string; doc: Doc }
  | { op: 'del'; c: string; id: unknown }
  | { op: 'indexes'; c: string; indexes: IndexDef[] }
  | { op: 'batch'; ops: LogOp[] };

export const COMPACT_MIN_OPS = 10000;

export class EnvLog {
  private fd: number | null = null;
  /** Ops appended since the last snapshot. */
  ops = 0;

  constructor(readonly file: string) {}

  static fileFor(dataDir: string, env: string): string {
    return path.join(dataDir, 'db', `${encodeURIComponent(env)}.log`);
  }

  /** Read every complete op; truncate a torn tail so later appends start on a clean line. */
  replay(apply: (op: LogOp) => void): void {
    if (!fs.existsSync(this.file)) return;
    const buf = fs.readFileSync(this.file);
    let pos = 0;
    let valid = 0;
    while (pos < buf.length) {
      const nl = buf.indexOf(0x0a, pos);
      if (nl === -1) break; // torn last line: never acknowledged
      const line = buf.subarray(pos, nl).toString('utf8');
      pos = nl + 1;
      if (!line.trim()) {
        valid = pos;
        continue;
      }
      let op: LogOp;
      try {
        op = normalize(EJSON.parse(line, { relaxed: false })) as LogOp;
      } catch {
        break; // a damaged line: stop at the last good state
      }
      apply(op);
      this.ops++;
      valid = pos;
    }
    if (valid < buf.length) fs.truncateSync(this.file, valid);
  }

  append(op: LogOp): void {
    if (this.fd === null) {
      fs.mkdirSync(path.dirname(this.file), { recursive: true });
      this.fd = fs.openSync(this.file, 'a');
    }
    const line = Buffer.from(`${EJSON.stringify(op as Doc, { relaxed: false })}\n`, 'utf8');
    let off = 0;
    while (off < line.length) off += fs.writeSync(this.fd, line, off, line.length - off);
    this.ops++;
  }

  /** Rewrite the log as the given ops (a snapshot): write a temp file, then rename over the log. */
  compact(snapshot: Iterable<LogOp>): void {
    this.close();
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.tmp`;
    const fd = fs.openSync(tmp, 'w');
    let n = 0;
    let chunk: string[] = [];
    const flush = () => {
      if (chunk.length) fs.writeSync(fd, chunk.join(''));
      chunk = [];
    };
    for (const op of snapshot) {
      chunk.push(`${EJSON.stringify(op as Doc, { relaxed: false })}\n`);
      n++;
      if (chunk.length >= 1000) flush();
    }
    flush();
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fs.renameSync(tmp, this.file);
    this.ops = n;
  }

  close(): void {
    if (this.fd !== null) fs.closeSync(this.fd);
    this.fd = null;
  }

  remove(): void {
    this.close();
    fs.rmSync(this.file, { force: true });
    fs.rmSync(`${this.file}.tmp`, { force: true });
    this.ops = 0;
  }
}
