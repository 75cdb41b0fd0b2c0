/** Why an app package could not be made; `code` is stable, the message says what to do. */
export type AppPackageErrorCode = 'missing-setting' | 'invalid-setting' | 'invalid-manifest';

export class AppPackageError extends Error {
  constructor(
    readonly code: AppPackageErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AppPackageError';
  }
}
