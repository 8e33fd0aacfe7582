import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_RATE_LIMITS, loadConfig, parseRateLimits } from './config.js';

describe('loadConfig', () => {
  it('defaults to port 4000, the embedded database in ./.data and the worker on', () => {
    const config = loadConfig({});
    expect(config.port).toBe(4000);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.dataDir).toMatch(/\.data$/);
    expect(config.runWorker).toBe(true);
    expect(config.production).toBe(false);
    expect(config.rateLimits).toEqual(DEFAULT_RATE_LIMITS);
    expect(config.shutdownGraceMs).toBe(3_000);
    // Claims by email: no SMTP listener unless a port is given.
    expect(config.inboundSmtpPort).toBeUndefined();
    expect(config.inboundEmailsPerHour).toBe(30);
  });

  it('reads the claim-email settings', () => {
    const config = loadConfig({
      LG_INBOUND_SMTP_PORT: '2525',
      LG_INBOUND_AUTHSERV_ID: 'MX.Forwarder.example',
      LG_INBOUND_EMAILS_PER_HOUR: '5',
    });
    expect(config.inboundSmtpPort).toBe(2525);
    expect(config.inboundAuthservId).toBe('mx.forwarder.example');
    expect(config.inboundEmailsPerHour).toBe(5);
  });

  it.each([
    [{ PORT: 'eighty' }, /^PORT: /],
    [{ DATABASE_URL: 'mysql://x' }, /^DATABASE_URL: must start with postgres/],
    [{ LG_SECRET: 'short' }, /^LG_SECRET: must be at least 32 characters/],
    [{ LG_BOOTSTRAP_OPERATOR_KEY: 'sk_live_x' }, /^LG_BOOTSTRAP_OPERATOR_KEY: /],
    [{ SMTP_URL: 'http://mail' }, /^SMTP_URL: /],
    [{ LG_RATE_LIMITS: 'pk=lots' }, /^LG_RATE_LIMITS: /],
    [{ LG_RATE_LIMIT_STORE: 'redis' }, /^REDIS_URL: required/],
    [{ LG_WEBHOOK_PRIVATE_NETWORKS: 'yes' }, /^LG_WEBHOOK_PRIVATE_NETWORKS: /],
    [{ NODE_ENV: 'production' }, /^LG_SECRET: required in production/],
    [{ LG_TRUSTED_PROXIES: '10.0.0.0/40' }, /^LG_TRUSTED_PROXIES: /],
    [{ LG_SHUTDOWN_GRACE_MS: '60000' }, /^LG_SHUTDOWN_GRACE_MS: /],
    [{ LG_INBOUND_SMTP_PORT: '70000' }, /^LG_INBOUND_SMTP_PORT: must be a port number/],
    [{ LG_INBOUND_SMTP_PORT: 'smtp' }, /^LG_INBOUND_SMTP_PORT: /],
    [{ LG_INBOUND_AUTHSERV_ID: 'mx example' }, /^LG_INBOUND_AUTHSERV_ID: /],
    [{ LG_INBOUND_EMAILS_PER_HOUR: '0' }, /^LG_INBOUND_EMAILS_PER_HOUR: /],
  ])('refuses %j with a message naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});

const LG_SECRET = 'a-production-secret-of-at-least-32-characters';

describe('LG_SECRET', () => {
  it('may be left to the database outside production, and is required in production', () => {
    expect(loadConfig({}).secret).toBeUndefined();
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(loadConfig({ NODE_ENV: 'production', LG_SECRET }).secret).toBe(LG_SECRET);
  });
});

describe('LG_WEBHOOK_PRIVATE_NETWORKS', () => {
  it('keeps webhooks off private networks unless allowed, in every mode', () => {
    for (const NODE_ENV of ['production', 'development', 'test']) {
      expect(loadConfig({ NODE_ENV, LG_SECRET }).webhookPrivateNetworks).toBe(false);
    }
    expect(loadConfig({}).webhookPrivateNetworks).toBe(false);
  });

  it('says otherwise when set', () => {
    const allow = { NODE_ENV: 'production', LG_SECRET, LG_WEBHOOK_PRIVATE_NETWORKS: 'allow' };
    expect(loadConfig(allow).webhookPrivateNetworks).toBe(true);
    expect(loadConfig({ LG_WEBHOOK_PRIVATE_NETWORKS: 'allow' }).webhookPrivateNetworks).toBe(true);
    expect(loadConfig({ LG_WEBHOOK_PRIVATE_NETWORKS: 'deny' }).webhookPrivateNetworks).toBe(false);
  });
});

describe('parseRateLimits', () => {
  it('reads per-kind limits, keeps defaults for the rest, and "off"', () => {
    expect(parseRateLimits('pk=10,ip=off')).toEqual({ ...DEFAULT_RATE_LIMITS, pk: 10, ip: null });
    expect(parseRateLimits('off')).toBeNull();
  });

  it('refuses unknown kinds and zero', () => {
    expect(() => parseRateLimits('xx=1')).toThrow(/LG_RATE_LIMITS/);
    expect(() => parseRateLimits('pk=0')).toThrow(/above 0/);
  });
});
