import { sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import { rowsOf, type Db } from '../db/client';
import { jobs } from '../db/schema';

export type JobHandler = (payload: Record<string, unknown>, job: { id: number; attempts: number }) => Promise<void>;

/** Queues work to run after the surrounding transaction commits (the row is invisible until then). */
export async function enqueueJob(tx: Db, kind: string, payload: Record<string, unknown>, runAt?: Date): Promise<void> {
  await tx.insert(jobs).values({ kind, payload, ...(runAt ? { runAt } : {}) });
}

interface ClaimedJob {
  id: number;
  kind: string;
  payload: Record<string, unknown>;
  attempts: number;
  max_attempts: number;
}

/**
 * Polls the jobs table with FOR UPDATE SKIP LOCKED, so several processes (or PGlite's one)
 * share the queue without taking a job twice. Failures retry with backoff, then stop.
 */
export class JobRunner {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;
  private stopped = false;

  constructor(
    private readonly db: Db,
    private readonly handlers: Record<string, JobHandler>,
    private readonly log: FastifyBaseLogger,
    private readonly pollMs: number,
  ) {}

  start() {
    if (this.pollMs <= 0) return;
    const tick = async () => {
      if (this.stopped) return;
      try {
        await this.runOnce();
      } catch (err) {
        this.log.error({ err }, 'job polling failed');
      }
      if (!this.stopped) this.timer = setTimeout(tick, this.pollMs);
    };
    this.timer = setTimeout(tick, 50);
  }

  /** Runs soon rather than at the next poll: called after a commit that queued work. */
  kick() {
    if (this.pollMs > 0 && !this.stopped) void this.runOnce().catch((err) => this.log.error({ err }, 'job run failed'));
  }

  async stop() {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** Runs every job that is due; returns how many ran. Serialised within this process. */
  runOnce(): Promise<number> {
    const previous = this.running ?? Promise.resolve(0);
    const next = previous.catch(() => 0).then(() => this.claimAndRun());
    this.running = next;
    return next;
  }

  /** Runs until nothing is due: tests call this instead of waiting for the poller. */
  async drain(): Promise<number> {
    let total = 0;
    for (let i = 0; i < 100; i++) {
      const n = await this.runOnce();
      total += n;
      if (n === 0) return total;
    }
    return total;
  }

  private async claimAndRun(): Promise<number> {
    const claimed = rowsOf<ClaimedJob>(
      await this.db.execute(sql`
        UPDATE jobs SET attempts = attempts + 1, locked_until = now() + interval '5 minutes'
        WHERE id IN (
          SELECT id FROM jobs
          WHERE finished_at IS NULL AND failed_at IS NULL AND run_at <= now()
            AND (locked_until IS NULL OR locked_until < now())
          ORDER BY run_at, id
          LIMIT 20
          FOR UPDATE SKIP LOCKED)
        RETURNING id, kind, payload, attempts, max_attempts`),
    );
    for (const job of claimed) {
      const handler = this.handlers[job.kind];
      try {
        if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
        await handler(job.payload, { id: Number(job.id), attempts: job.attempts });
        // Secrets (one-time link tokens) leave the table once the work is done.
        await this.db.execute(
          sql`UPDATE jobs SET finished_at = now(), locked_until = NULL, payload = payload - 'secret' WHERE id = ${job.id}`,
        );
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        const final = job.attempts >= job.max_attempts;
        this.log.warn({ jobId: job.id, kind: job.kind, attempt: job.attempts, final, error: message }, 'job failed');
        const backoffSeconds = Math.min(3600, 15 * 2 ** (job.attempts - 1));
        await this.db.execute(
          final
            ? sql`UPDATE jobs SET failed_at = now(), locked_until = NULL, last_error = ${message}, payload = payload - 'secret' WHERE id = ${job.id}`
            : sql`UPDATE jobs SET locked_until = NULL, last_error = ${message}, run_at = now() + make_interval(secs => ${backoffSeconds}) WHERE id = ${job.id}`,
        );
      }
    }
    return claimed.length;
  }
}
