// The outbox's read side: the loop that leases due deliveries (delivery-queue.ts), sends them
// through their channel (channels/), and records every attempt (attempt-recorder.ts). Many
// dispatchers may run against one database, in the API process (`pnpm start`) or on their own
// (`pnpm worker`). This file decides when to look and how much to take on:
// - it wakes on the database's NOTIFY from committed outbox writes, when a slot frees up, and
//   at the poll interval (retries that fell due);
// - each request has a time limit and each storefront a cap on requests in flight, so a slow
//   receiver holds a few slots for a few seconds, never the whole dispatcher;
// - a send that throws (a fault of ours, e.g. a policy version this process can't find) is a
//   failed attempt like any other: retried with backoff, then dead-lettered, never looped on.
import type { App } from '../app.js';
import { AttemptRecorder } from './attempt-recorder.js';
import { nextState } from './backoff.js';
import type { Channel, Sent } from './channels/channel.js';
import { emailChannel } from './channels/email.js';
import { webhookChannel } from './channels/webhook.js';
import {
  type DeliveryChannel,
  DeliveryQueue,
  type DeliveryStatus,
  type LeasedDelivery,
} from './delivery-queue.js';
import { OUTBOX_CHANNEL } from './enqueue.js';
import { FAILURE } from './failure-class.js';
import { createMailer, type Mailer } from './mailer.js';
import { WakeSignal } from './wake-signal.js';

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

const DEFAULTS = {
  batchSize: 50,
  concurrency: 32,
  perStorefrontConcurrency: 4,
  pollIntervalMs: 1000,
  webhookTimeoutMs: 10_000,
};

/** How long a busy dispatcher waits to batch claims and the recording of outcomes. */
const COALESCE_MS = 10;

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
  readonly #listen: boolean;
  readonly #queue: DeliveryQueue;
  readonly #recorder: AttemptRecorder;
  readonly #channels: Record<DeliveryChannel, Channel>;
  readonly #inFlight = new Map<string, Promise<void>>();
  readonly #webhooksInFlight = new Map<string, number>();
  readonly #abort = new AbortController();
  #abandoned = false;
  #running = false;
  #loop: Promise<void> | null = null;
  readonly #wake = new WakeSignal();
  #unlisten: (() => Promise<void>) | null = null;

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
    const webhookTimeoutMs = options.webhookTimeoutMs ?? DEFAULTS.webhookTimeoutMs;
    // A lease outlives the slowest request by a wide margin: a live dispatcher never loses one.
    this.#leaseMs = options.leaseMs ?? Math.max(60_000, 3 * webhookTimeoutMs);
    this.#listen = options.listen ?? true;
    this.#queue = new DeliveryQueue(app.db);
    this.#recorder = new AttemptRecorder(this.#queue, COALESCE_MS);
    this.#channels = {
      webhook: webhookChannel({
        timeoutMs: webhookTimeoutMs,
        allowPrivateNetworks: app.config.webhookPrivateNetworks,
      }),
      email: emailChannel({
        mailer: this.#mailer,
        withPolicies: (read) => app.policies.withVersions(read),
        clock: this.#clock,
      }),
    };
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
    this.#wake.wake();
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
    this.#wake.wake();
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
      if (wanted === 0 || claimed < wanted) await this.#wake.wait(this.#pollIntervalMs);
    }
  }

  async #subscribe(): Promise<void> {
    if (!this.#listen) return;
    try {
      this.#unlisten = await this.#app.database.listen(OUTBOX_CHANNEL, () => this.#wake.wake());
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

  async #claim(limit: number): Promise<LeasedDelivery[]> {
    const leased = await this.#queue.lease({
      now: this.#clock(),
      leaseMs: this.#leaseMs,
      limit,
      skipWebhooksOf: this.#saturatedStorefronts(),
    });
    // Keep within each storefront's cap; hand the rest straight back for others to take.
    const kept: LeasedDelivery[] = [];
    const released: string[] = [];
    const counts = new Map(this.#webhooksInFlight);
    for (const delivery of leased) {
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
    await this.#queue.release(released);
    return kept;
  }

  /** Delivers one leased delivery and records the outcome; resolves to its new status. */
  #launch(delivery: LeasedDelivery): Promise<DeliveryStatus | 'LOST'> {
    const isWebhook = delivery.channel === 'webhook';
    if (isWebhook) {
      this.#webhooksInFlight.set(
        delivery.storefrontId,
        (this.#webhooksInFlight.get(delivery.storefrontId) ?? 0) + 1,
      );
    }
    const work = this.#send(delivery)
      .then((sent) => (this.#abandoned ? 'LOST' : this.#record(delivery, sent)))
      .catch((error: unknown) => {
        // Recording failed (the database, not the delivery): the lease expires and the
        // attempt is made again, as after a crash.
        this.#app.logger.error(
          { err: error, deliveryId: delivery.id, channel: delivery.channel },
          'outbox: recording a delivery failed; its lease will expire and it will be retried',
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
        this.#wake.wake();
      });
    this.#inFlight.set(
      delivery.id,
      work.then(() => {}),
    );
    return work;
  }

  /** One attempt through the delivery's channel; a throw is a failed attempt, not a lost one. */
  async #send(delivery: LeasedDelivery): Promise<Sent> {
    const started = performance.now();
    try {
      return await this.#channels[delivery.channel].send(delivery, this.#abort.signal);
    } catch (error) {
      this.#app.logger.error(
        { err: error, deliveryId: delivery.id, channel: delivery.channel },
        'outbox: sending a delivery threw; counted as a failed attempt',
      );
      return {
        url: null,
        result: {
          ok: false,
          statusCode: null,
          error: FAILURE.internal,
          durationMs: Math.round(performance.now() - started),
        },
      };
    }
  }

  /** Records the attempt and the delivery's next state, if this dispatcher still holds the lease. */
  async #record(delivery: LeasedDelivery, { result, url }: Sent): Promise<DeliveryStatus | 'LOST'> {
    const now = this.#clock();
    const attempt = delivery.attempts + 1;
    const { status, nextAttemptAt } = nextState(attempt, result, now, this.#random);
    const recorded = await this.#recorder.record({
      delivery,
      attempt,
      status,
      nextAttemptAt,
      at: now,
      url,
      result,
    });
    const log = {
      deliveryId: delivery.id,
      eventId: delivery.eventId,
      channel: delivery.channel,
      attempt,
      statusCode: result.statusCode,
      error: result.error,
      detail: result.detail,
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
  }
}

export function createDispatcher(app: App, options: DispatcherOptions = {}): Dispatcher {
  return new Dispatcher(app, options);
}
