import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger } from 'pino';

/**
 * Structured JSON logs, one object per line. Paths that could carry a secret are redacted here,
 * once, so a careless `log.info({ headers })` elsewhere cannot leak a token.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { app: 'meeting-actions' },
      redact: {
        paths: [
          'headers.authorization',
          'req.headers.authorization',
          '*.authorization',
          '*.password',
          '*.appPassword',
          '*.connectionString',
          'password',
          'appPassword',
          'connectionString',
        ],
        censor: '[redacted]',
      },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}
