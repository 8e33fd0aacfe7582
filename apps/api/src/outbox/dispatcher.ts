// The outbox's read side: claims due deliveries, sends them (webhooks, member emails), records
// every attempt and schedules retries. Many dispatchers may run against one database, in the
// API process (`pnpm start`) or on their own (`pnpm worker`):
// - a delivery is claimed with FOR UPDATE SKIP LOCKED and leased (locked_until + a token), so
//   no two dispatchers send the same attempt at once, and a crashed one's lease just expires;
// - a delivery is due only when no earlier delivery of its channel and aggregate (claim or
//   guarantee) is still pending: events of one claim arrive in order, others in parallel;
// - nothing is sent inside a transaction: claiming and recording are short statements, so the
//   single PGlite connection is never held across network I/O;
// - each request has a time limit and each storefront a cap on requests in flight, so a slow
//   receiver holds a few slots for a few seconds, never the whole dispatcher.
import { randomUUID } from 'node:crypto';
import { deliveries, deliveryAttempts } from '@lg/db';
import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { App } from '../app.js';
import { MAX_ATTEMPTS, retryDelayMs } from './backoff.js';
import { OUTBOX_CHANNEL } from './enqueue.js';
import { createMailer, type Mailer } from './mailer.js';
import { renderMemberEmail } from './templates/index.js';
import { type AttemptResult, sendWebhook } from './webhook-sender.js';

export interface DispatcherOptions {
  /** Where member emails go; by default built from the app's config (SMTP_URL or files). */
  mailer?: Mailer;
  /** Scheduling clock (next attempts, leases); defaults to the app's. */
  clock?: () => Date;
  /** Jitter source in [0, 1). */
  random?: () => number;
  /** Most deliveries claimed per round. */
  batchSize?: number;
  /** Most deliveries in flight at once in this dispatcher. */
  concurrency?: number;
  /** Most webhook requests in flight to one storefront, so one slow receiver can't take every slot. */
  perStorefrontConcurrency?: number;
  /** How often the loop looks for due retries when nothing wakes it. */
  pollIntervalMs?: number;
  /** How long a claim holds a delivery; must outlast a request. */
  leaseMs?: number;
  webhookTimeoutMs?: number;
  /** Wake on the database's NOTIFY from committed outbox writes (default true). */
  listen?: boolean;
}

export interface DispatchSummary {
  claimed: number;
  delivered: number;
  failed: number;
  dead: number;
}

interface EventPayload {
  id: string;
  type: string;
  createdAt: string;
  data: unknown;
}

/** A leased delivery with what sending it needs, read in the same statement that leased it. */
interface ClaimedDelivery {
  id: string;
  eventId: string;
  eventType: string;
  payload: EventPayload;
  storefrontId: string;
  storefrontName: string;
  /** The storefront's URL and secrets as they are now (a change applies to retries too). */
  webhookUrl: string | null;
  /** The previous signing secret while its rotation grace lasts, then the current one. */
  webhookSecrets: string[];
  channel: 'webhook' | 'email';
  target: string;
  attempts: number;
  aggregateId: string;
  eventSeq: number;
}

type Status = 'DELIVERED' | 'PENDING' | 'DEAD';

/** An attempt's outcome waiting to be written with others in one transaction. */
interface Outcome {
  delivery: ClaimedDelivery;
  attempt: number;
  status: Status;
  nextAttemptAt: Date;
  at: Date;
  url: string | null;
  result: AttemptResult;
  done: (recorded: boolean) => void;
  failed: (error: unknown) => void;
}

interface Settled {
  result: AttemptResult;
  url: string | null;
}

const DEFAULTS = {
  batchSize: 50,
  concurrency: 32,
  perStorefrontConcurrency: 4,
  pollIntervalMs: 1000,
  webhookTimeoutMs: 10_000,
};

/** How long a busy dispatcher waits to batch claims and the recording of outcomes. */
const COALESCE_MS = 10;

function rowsOf<T>(result: unknown): T[] {
  // postgres.js answers with an array, PGlite with { rows }.
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

function timestamp(date: Date): SQL {
  return sql`${date.toISOString()}::timestamptz`;
}

export class Dispatcher {
  readonly #app: App;
  readonly #mailer: Mailer;
  readonly #ownsMailer: boolean;
  readonly #clock: () => Date;
  readonly #random: () => number;
  readonly #batchSize: number;
  readonly #concurrency: number;
  readonly #perStorefront: number;
  readonly #pollIntervalMs: number;
  readonly #leaseMs: number;
  readonly #webhookTimeoutMs: number;
  readonly #listen: boolean;
  /** Identifies this dispatcher's leases. */
  readonly #token = randomUUID();
  readonly #inFlight = new Map<string, Promise<void>>();
  readonly #webhooksInFlight = new Map<string, number>();
  #abort = new AbortController();
  #abandoned = false;
  #running = false;
  #loop: Promise<void> | null = null;
  #wake: (() => void) | null = null;
  #wakeRequested = false;
  #unlisten: (() => Promise<void>) | null = null;
  readonly #outcomes: Outcome[] = [];
  #flushing: Promise<void> | null = null;

  constructor(app: App, options: DispatcherOptions = {}) {
    this.#app = app;
    this.#ownsMailer = !options.mailer;
    this.#mailer =
      options.mailer ??
      createMailer({
        smtpUrl: app.config.smtpUrl,
        from: app.config.mailFrom,
        dataDir: app.config.dataDir,
      });
    this.#clock = options.clock ?? (() => app.clock());
    this.#random = options.random ?? Math.random;
    this.#batchSize = options.batchSize ?? DEFAULTS.batchSize;
    this.#concurrency = options.concurrency ?? DEFAULTS.concurrency;
    this.#perStorefront = options.perStorefrontConcurrency ?? DEFAULTS.perStorefrontConcurrency;
    this.#pollIntervalMs = options.pollIntervalMs ?? DEFAULTS.pollIntervalMs;
    this.#webhookTimeoutMs = options.webhookTimeoutMs ?? DEFAULTS.webhookTimeoutMs;
    // A lease outlives the slowest request by a wide margin: a live dispatcher never loses one.
    this.#leaseMs = options.leaseMs ?? Math.max(60_000, 3 * this.#webhookTimeoutMs);
    this.#listen = options.listen ?? true;
  }

  get mailer(): Mailer {
    return this.#mailer;
  }

  /** Claims one batch, delivers it and records the outcomes. Tests drive time with this. */
  async dispatchOnce(): Promise<DispatchSummary> {
    const summary: DispatchSummary = { claimed: 0, delivered: 0, failed: 0, dead: 0 };
    const batch = await this.#claim(this.#batchSize);
    summary.claimed = batch.length;
    const outcomes = await Promise.all(batch.map((delivery) => this.#launch(delivery)));
    for (const outcome of outcomes) {
      if (outcome === 'DELIVERED') summary.delivered += 1;
      else if (outcome === 'DEAD') summary.dead += 1;
      else if (outcome === 'PENDING') summary.failed += 1;
    }
    return summary;
  }

  /** Repeats `dispatchOnce` until nothing is due (the later events of a claim become due in turn). */
  async runUntilIdle(maxRounds = 1000): Promise<DispatchSummary> {
    const total: DispatchSummary = { claimed: 0, delivered: 0, failed: 0, dead: 0 };
    for (let round = 0; round < maxRounds; round += 1) {
      const summary = await this.dispatchOnce();
      if (summary.claimed === 0) return total;
      total.claimed += summary.claimed;
      total.delivered += summary.delivered;
      total.failed += summary.failed;
      total.dead += summary.dead;
    }
    return total;
  }

  /** Runs until `stop()`: claims whenever slots are free and work is due. */
  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#loop = this.#subscribe().then(() => this.#run());
  }

  /** Stops claiming, lets in-flight deliveries finish (up to `graceMs`), then releases the rest. */
  async stop(graceMs = 15_000): Promise<void> {
    this.#running = false;
    this.#wakeUp();
    await this.#loop;
    this.#loop = null;
    if (this.#inFlight.size > 0) {
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), graceMs);
      });
      const drained = Promise.allSettled([...this.#inFlight.values()]).then(() => 'drained');
      if ((await Promise.race([drained, timedOut])) === 'timeout') this.abandon();
      clearTimeout(timer);
    }
    await this.#unsubscribe();
    if (this.#ownsMailer) this.#mailer.close();
  }

  /**
   * Drops everything in flight without recording it, as if the process died: those leases
   * expire and another dispatcher delivers the deliveries again (at least once).
   */
  abandon(): void {
    this.#running = false;
    this.#abandoned = true;
    this.#abort.abort();
    this.#wakeUp();
  }

  async #run(): Promise<void> {
    while (this.#running) {
      // With most slots busy, let a few more deliveries finish before claiming: one claim for
      // many freed slots instead of one per slot (PGlite runs one statement at a time). With
      // many free slots, claim at once: an idle dispatcher adds no latency.
      if (
        this.#concurrency - this.#inFlight.size < this.#concurrency / 2 &&
        this.#inFlight.size > 0
      )
        await new Promise((resolve) => setTimeout(resolve, COALESCE_MS));
      const free = this.#concurrency - this.#inFlight.size;
      let claimed = 0;
      const wanted = Math.min(free, this.#batchSize);
      if (wanted > 0) {
        try {
          const batch = await this.#claim(wanted);
          claimed = batch.length;
          for (const delivery of batch) void this.#launch(delivery);
        } catch (error) {
          this.#app.logger.error({ err: error }, 'outbox: claiming deliveries failed');
        }
      }
      // A full batch means more may be due right away; otherwise wait for a slot to free up,
      // a commit notification, or the poll interval (retries that fell due).
      if (wanted === 0 || claimed < wanted) await this.#sleep();
    }
  }

  #sleep(): Promise<void> {
    if (this.#wakeRequested) {
      this.#wakeRequested = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.#wake = null;
        this.#wakeRequested = false;
        resolve();
      };
      const timer = setTimeout(done, this.#pollIntervalMs);
      this.#wake = done;
    });
  }

  #wakeUp(): void {
    if (this.#wake) this.#wake();
    else this.#wakeRequested = true;
  }

  async #subscribe(): Promise<void> {
    if (!this.#listen) return;
    try {
      this.#unlisten = await this.#app.database.listen(OUTBOX_CHANNEL, () => this.#wakeUp());
    } catch (error) {
      // Polling alone still delivers everything, only later.
      this.#app.logger.warn({ err: error }, 'outbox: LISTEN unavailable, polling only');
    }
  }

  async #unsubscribe(): Promise<void> {
    const unlisten = this.#unlisten;
    this.#unlisten = null;
    if (unlisten) await unlisten().catch(() => {});
  }

  /** Storefronts this dispatcher already sends its share of webhook requests to. */
  #saturatedStorefronts(): string[] {
    return [...this.#webhooksInFlight]
      .filter(([, count]) => count >= this.#perStorefront)
      .map(([id]) => id);
  }

  async #claim(limit: number): Promise<ClaimedDelivery[]> {
    const now = this.#clock();
    const leaseUntil = new Date(now.getTime() + this.#leaseMs);
    const saturated = this.#saturatedStorefronts();
    const skipSaturated =
      saturated.length > 0
        ? sql`and not (d.channel = 'webhook' and d.storefront_id in (${sql.join(
            saturated.map((id) => sql`${id}::uuid`),
            sql`, `,
          )}))`
        : sql``;
    // One statement: pick the due deliveries no one holds, lease them, and read what sending
    // them takes. SKIP LOCKED lets concurrent dispatchers take disjoint batches instead of
    // queueing behind each other.
    const result = await this.#app.db.execute(sql`
      with picked as (
        select d.id from deliveries d
        where d.status = 'PENDING'
          and d.next_attempt_at <= ${timestamp(now)}
          and (d.locked_until is null or d.locked_until <= ${timestamp(now)})
          ${skipSaturated}
          -- The first pending delivery of its channel and aggregate. A scalar subquery, not
          -- NOT EXISTS: it always runs as an index probe per candidate, even on a table never
          -- analysed (PGlite), where an anti-join plan degrades to scanning every pending row.
          and d.event_seq = (
            select min(e.event_seq) from deliveries e
            where e.channel = d.channel and e.aggregate_id = d.aggregate_id
              and e.status = 'PENDING')
        order by d.next_attempt_at, d.event_seq
        limit ${limit}
        for update of d skip locked),
      leased as (
        update deliveries set locked_until = ${timestamp(leaseUntil)}, locked_by = ${this.#token}
        from picked where deliveries.id = picked.id
        returning deliveries.id, deliveries.event_id, deliveries.storefront_id,
          deliveries.channel, deliveries.target, deliveries.attempts, deliveries.event_seq,
          deliveries.aggregate_id, deliveries.next_attempt_at)
      select l.id, l.event_id, l.storefront_id, l.channel, l.target, l.attempts,
        l.aggregate_id, l.event_seq, e.type as event_type, e.payload, s.name as storefront_name, s.webhook_url, s.webhook_secret,
        case when s.previous_webhook_secret_expires_at > ${timestamp(now)}
          then s.previous_webhook_secret end as previous_webhook_secret
      from leased l
      join outbox_events e on e.id = l.event_id
      join storefronts s on s.id = l.storefront_id
      order by l.next_attempt_at, l.event_seq`);
    const claimed = rowsOf<{
      id: string;
      event_id: string;
      storefront_id: string;
      channel: 'webhook' | 'email';
      target: string;
      attempts: number | string;
      aggregate_id: string;
      event_seq: number | string;
      event_type: string;
      payload: EventPayload | string;
      storefront_name: string;
      webhook_url: string | null;
      webhook_secret: string;
      previous_webhook_secret: string | null;
    }>(result).map(
      (row): ClaimedDelivery => ({
        id: row.id,
        eventId: row.event_id,
        eventType: row.event_type,
        // postgres.js parses jsonb, PGlite too; a driver that doesn't hands back the text.
        payload: typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload,
        storefrontId: row.storefront_id,
        storefrontName: row.storefront_name,
        webhookUrl: row.webhook_url,
        webhookSecrets: row.previous_webhook_secret
          ? [row.previous_webhook_secret, row.webhook_secret]
          : [row.webhook_secret],
        channel: row.channel,
        target: row.target,
        attempts: Number(row.attempts),
        aggregateId: row.aggregate_id,
        eventSeq: Number(row.event_seq),
      }),
    );

    // Keep within each storefront's cap; hand the rest straight back for others to take.
    const kept: ClaimedDelivery[] = [];
    const released: string[] = [];
    const counts = new Map(this.#webhooksInFlight);
    for (const delivery of claimed) {
      if (delivery.channel === 'webhook') {
        const count = counts.get(delivery.storefrontId) ?? 0;
        if (count >= this.#perStorefront) {
          released.push(delivery.id);
          continue;
        }
        counts.set(delivery.storefrontId, count + 1);
      }
      kept.push(delivery);
    }
    if (released.length > 0) {
      await this.#app.db
        .update(deliveries)
        .set({ lockedUntil: null, lockedBy: null })
        .where(and(inArray(deliveries.id, released), eq(deliveries.lockedBy, this.#token)));
    }
    return kept;
  }

  /** Delivers one claimed delivery and records the outcome; resolves to its new status. */
  #launch(delivery: ClaimedDelivery): Promise<Status | 'LOST'> {
    const isWebhook = delivery.channel === 'webhook';
    if (isWebhook) {
      this.#webhooksInFlight.set(
        delivery.storefrontId,
        (this.#webhooksInFlight.get(delivery.storefrontId) ?? 0) + 1,
      );
    }
    const work = this.#deliver(delivery)
      .then((settled) => (this.#abandoned ? 'LOST' : this.#record(delivery, settled)))
      .catch((error: unknown) => {
        this.#app.logger.error(
          { err: error, deliveryId: delivery.id, channel: delivery.channel },
          'outbox: delivery crashed; its lease will expire and it will be retried',
        );
        return 'LOST' as const;
      })
      .finally(() => {
        this.#inFlight.delete(delivery.id);
        if (isWebhook) {
          const left = (this.#webhooksInFlight.get(delivery.storefrontId) ?? 1) - 1;
          if (left > 0) this.#webhooksInFlight.set(delivery.storefrontId, left);
          else this.#webhooksInFlight.delete(delivery.storefrontId);
        }
        // A finished delivery frees a slot and may make the next event of its claim due.
        this.#wakeUp();
      });
    this.#inFlight.set(
      delivery.id,
      work.then(() => {}),
    );
    return work;
  }

  async #deliver(delivery: ClaimedDelivery): Promise<Settled> {
    const { payload } = delivery;
    if (delivery.channel === 'webhook') {
      if (!delivery.webhookUrl) {
        return {
          url: null,
          result: {
            ok: false,
            statusCode: null,
            error: 'no webhook URL configured',
            durationMs: 0,
            permanent: true,
          },
        };
      }
      // The documented envelope, in its documented key order (jsonb reorders keys).
      const body = JSON.stringify({
        id: payload.id,
        type: payload.type,
        createdAt: payload.createdAt,
        data: payload.data,
      });
      const result = await sendWebhook({
        url: delivery.webhookUrl,
        body,
        secrets: delivery.webhookSecrets,
        eventId: delivery.eventId,
        eventType: delivery.eventType,
        deliveryId: delivery.id,
        attempt: delivery.attempts + 1,
        timeoutMs: this.#webhookTimeoutMs,
        signal: this.#abort.signal,
        allowPrivateNetworks: this.#app.config.webhookPrivateNetworks,
      });
      return { url: delivery.webhookUrl, result };
    }

    // A version published since this process loaded its list is read first (policies.ts).
    const email = await this.#app.policies.withVersions((policyFor) =>
      renderMemberEmail(delivery.eventType, payload.data, {
        storefrontName: delivery.storefrontName,
        policyFor,
      }),
    );
    if (!email) {
      return {
        url: null,
        result: {
          ok: false,
          statusCode: null,
          error: `no member email for ${delivery.eventType}`,
          durationMs: 0,
          permanent: true,
        },
      };
    }
    const result = await this.#mailer.send({
      to: delivery.target,
      ...email,
      eventId: delivery.eventId,
      at: this.#clock(),
    });
    return { url: null, result };
  }

  /**
   * Records the attempt and the delivery's next state, if this dispatcher still holds the lease.
   * Outcomes that finish together are written together (one transaction, two statements), so
   * a busy dispatcher pays per batch, not per delivery.
   */
  #record(delivery: ClaimedDelivery, { result, url }: Settled): Promise<Status | 'LOST'> {
    const now = this.#clock();
    const attempt = delivery.attempts + 1;
    const delay =
      result.ok || result.permanent || attempt >= MAX_ATTEMPTS
        ? null
        : retryDelayMs(attempt, this.#random, result.retryAfterMs ?? null);
    const status: Status = result.ok ? 'DELIVERED' : delay === null ? 'DEAD' : 'PENDING';
    return new Promise<boolean>((done, failed) => {
      this.#outcomes.push({
        delivery,
        attempt,
        status,
        nextAttemptAt: delay === null ? now : new Date(now.getTime() + delay),
        at: now,
        url,
        result,
        done,
        failed,
      });
      this.#flush();
    }).then((recorded) => {
      const log = {
        deliveryId: delivery.id,
        eventId: delivery.eventId,
        channel: delivery.channel,
        attempt,
        statusCode: result.statusCode,
        error: result.error,
        durationMs: result.durationMs,
      };
      if (!recorded) {
        this.#app.logger.warn(log, 'outbox: lease lost before the attempt was recorded');
        return 'LOST';
      }
      if (status === 'DEAD') this.#app.logger.error(log, 'outbox: delivery dead-lettered');
      else if (status === 'PENDING')
        this.#app.logger.warn(log, 'outbox: delivery failed, will retry');
      else this.#app.logger.debug(log, 'outbox: delivered');
      return status;
    });
  }

  #flush(): void {
    if (this.#flushing) return; // the running flush picks the new outcomes up
    this.#flushing = (async () => {
      // Outcomes arrive one by one; a moment's wait lets those finishing together share a
      // transaction. The receivers already have their events: only the bookkeeping waits.
      await new Promise((resolve) => setTimeout(resolve, COALESCE_MS));
      while (this.#outcomes.length > 0) {
        const batch = this.#outcomes.splice(0, 200);
        try {
          const recorded = await this.#write(batch);
          for (const outcome of batch) outcome.done(recorded.has(outcome.delivery.id));
        } catch (error) {
          for (const outcome of batch) outcome.failed(error);
        }
      }
    })().finally(() => {
      this.#flushing = null;
      if (this.#outcomes.length > 0) this.#flush();
    });
  }

  async #write(batch: Outcome[]): Promise<Set<string>> {
    const iso = (date: Date | null) => (date ? date.toISOString() : null);
    const values = sql.join(
      batch.map(
        (o) =>
          sql`(${o.delivery.id}::uuid, ${o.status}, ${o.attempt}::int, ${iso(o.nextAttemptAt)}::timestamptz, ${o.result.statusCode}::int, ${o.result.error}::text, ${iso(o.result.ok ? o.at : null)}::timestamptz, ${o.url}::text)`,
      ),
      sql`, `,
    );
    return this.#app.db.transaction(async (tx) => {
      // Only where the lease is still ours: a dispatcher that outlived its lease records nothing.
      const updated = rowsOf<{ id: string }>(
        await tx.execute(sql`
          update deliveries d set
            status = v.status, attempts = v.attempt, next_attempt_at = v.next_attempt_at,
            locked_until = null, locked_by = null, last_status_code = v.status_code,
            last_error = v.error, delivered_at = v.delivered_at, target = coalesce(v.url, d.target)
          from (values ${values}) as v(id, status, attempt, next_attempt_at, status_code, error, delivered_at, url)
          where d.id = v.id and d.locked_by = ${this.#token}
          returning d.id`),
      );
      const recorded = new Set(updated.map((row) => row.id));
      // The events after a failed one wait for it (order per claim): they are due no earlier
      // than its retry, so the due scan skips them instead of re-checking them every round.
      const retries = batch.filter((o) => o.status === 'PENDING' && recorded.has(o.delivery.id));
      if (retries.length > 0) {
        const waits = sql.join(
          retries.map(
            (o) =>
              sql`(${o.delivery.channel}::text, ${o.delivery.aggregateId}::uuid, ${o.delivery.eventSeq}::bigint, ${iso(o.nextAttemptAt)}::timestamptz)`,
          ),
          sql`, `,
        );
        await tx.execute(sql`
          update deliveries d set next_attempt_at = v.next_attempt_at
          from (values ${waits}) as v(channel, aggregate_id, event_seq, next_attempt_at)
          where d.channel = v.channel and d.aggregate_id = v.aggregate_id
            and d.status = 'PENDING' and d.event_seq > v.event_seq
            and d.next_attempt_at < v.next_attempt_at`);
      }
      const attempts = batch.filter((o) => recorded.has(o.delivery.id));
      if (attempts.length > 0) {
        await tx.insert(deliveryAttempts).values(
          attempts.map((o) => ({
            id: randomUUID(),
            deliveryId: o.delivery.id,
            attempt: o.attempt,
            at: o.at,
            url: o.url,
            statusCode: o.result.statusCode,
            error: o.result.error,
            durationMs: o.result.durationMs,
            ok: o.result.ok,
          })),
        );
      }
      return recorded;
    });
  }
}

export function createDispatcher(app: App, options: DispatcherOptions = {}): Dispatcher {
  return new Dispatcher(app, options);
}
