/**
 * The structured log the application logic writes to. The host gives it a pino logger; tests give
 * them a silent one. Details come first and the message second, as pino takes them.
 */
export interface Log {
  debug(details: object, message?: string): void;
  debug(message: string): void;
  info(details: object, message?: string): void;
  info(message: string): void;
  warn(details: object, message?: string): void;
  warn(message: string): void;
  error(details: object, message?: string): void;
  error(message: string): void;
}
