import path from 'node:path';
import { z } from 'zod';

const ZPort = z.coerce.number().int().min(0).max(65535);
const ZUrl = (protocols: string[]) =>
  z
    .string()
    .trim()
    .refine((v) => {
      try {
        return protocols.includes(new URL(v).protocol);
      } catch {
        return false;
      }
    }, `must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`);

const ZEnv = z.object({
  PORT: ZPort.default(3000),
  HOST: z.string().trim().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().trim().min(1).default('./data'),
  DATABASE_URL: ZUrl(['postgres:', 'postgresql:']).optional(),
  PUBLIC_URL: ZUrl(['http:', 'https:']).optional(),
  SMTP_URL: ZUrl(['smtp:', 'smtps:']).optional(),
  MAIL_FROM: z.string().trim().min(3).default('Accord <accord@localhost>'),
  ADMIN_EMAIL: z.email().default('admin@accord.localhost'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: z
    .enum(['true', 'false', '1', '0'])
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  publicUrl: string;
  smtpUrl: string | undefined;
  mailFrom: string;
  adminEmail: string;
  logLevel: z.infer<typeof ZEnv>['LOG_LEVEL'];
  trustProxy: boolean;
  /** Whether session cookies carry the Secure flag: true when Accord is served over https. */
  secureCookies: boolean;
  /** Per-minute limits; tests lower them to exercise the limiter. */
  rateLimits: { signIn: number; passwordReset: number; links: number; tokenAuth: number };
  /** Poll interval of the jobs worker in ms; 0 disables the background worker (tests drain jobs themselves). */
  jobsPollMs: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Accord cannot start: the configuration is invalid.\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Parses the environment once at start; a bad value stops the start with the variable named. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = ZEnv.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => {
        const name = String(i.path[0] ?? '');
        return `${name}=${JSON.stringify(env[name] ?? '')}: ${i.message}`;
      }),
    );
  }
  const e = parsed.data;
  const publicUrl = (e.PUBLIC_URL ?? `http://${e.HOST.includes(':') ? `[${e.HOST}]` : e.HOST}:${e.PORT}`).replace(/\/+$/, '');
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    publicUrl,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    adminEmail: e.ADMIN_EMAIL.toLowerCase(),
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
    secureCookies: publicUrl.startsWith('https:'),
    rateLimits: { signIn: 10, passwordReset: 5, links: 20, tokenAuth: 600 },
    jobsPollMs: 1000,
  };
}
