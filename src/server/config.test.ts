import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('configuration', () => {
  it('has defaults that run on a fresh machine: PGlite under ./data, no SMTP', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 3000, host: '127.0.0.1', databaseUrl: undefined, smtpUrl: undefined, publicUrl: 'http://127.0.0.1:3000', secureCookies: false });
    expect(c.dataDir).toMatch(/\/data$/);
  });

  it('derives secure cookies from an https public address', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://accord.example.org/' })).toMatchObject({ publicUrl: 'https://accord.example.org', secureCookies: true });
  });

  it('stops with a message naming each bad variable', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', SMTP_URL: 'not a url', LOG_LEVEL: 'loud' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    for (const name of ['PORT', 'DATABASE_URL', 'SMTP_URL', 'LOG_LEVEL']) expect(message).toContain(`${name}=`);
    expect((error as ConfigError).problems).toHaveLength(4);
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', PORT: '' })).toMatchObject({ databaseUrl: undefined, port: 3000 });
  });
});
