import { randomBytes } from 'node:crypto';
import type { AppConfig } from './config';
import { DocumentLinks } from '../features/reports/report-links';
import type { Logger } from './logger';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The report links as configured, and how to tell them the address the bot listens on. */
export interface ConfiguredDocumentLinks {
  readonly links: DocumentLinks;
  /** Without PUBLIC_BASE_URL, links point at the address the server listens on. */
  listeningAt(url: string): void;
}

/**
 * Signs report links with REPORT_LINK_SECRET. Without it (anonymous local mode only: config
 * requires it with an app id) a random secret is made for this start, so links stop working
 * when the bot restarts; the log says so.
 */
export function configureDocumentLinks(config: AppConfig, log: Logger): ConfiguredDocumentLinks {
  const settings = config.reportLinks;
  let secret = settings.secret;
  if (!secret) {
    secret = randomBytes(32).toString('hex');
    log.warn(
      'REPORT_LINK_SECRET is not set: report links are signed with a random secret made at this start, ' +
        'so they stop working when the bot restarts (acceptable for local use only)',
    );
  }
  let baseUrl = settings.publicBaseUrl ?? `http://localhost:${config.port}`;
  return {
    links: new DocumentLinks({ secret, ttlMs: settings.ttlDays * DAY_MS, baseUrl: () => baseUrl }),
    listeningAt(url) {
      if (!settings.publicBaseUrl) baseUrl = url;
    },
  };
}
