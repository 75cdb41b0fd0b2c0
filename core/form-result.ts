import { ValidationError } from './errors';

/** A form field id mapped to the message to show under that input. */
export type FieldErrors<F extends string = string> = Readonly<Partial<Record<F, string>>>;

/**
 * The outcome of checking a whole form. A form reports every bad field at once, so the card can
 * show all the messages together and keep everything the user typed.
 */
export type FormResult<T, F extends string = string> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly errors: FieldErrors<F> };

/**
 * Collects field errors while a form is read: {@link FieldCollector.check} runs one field's
 * parser and records its ValidationError under the field id instead of stopping at the first.
 */
export class FieldCollector<F extends string> {
  private readonly found: Partial<Record<F, string>> = {};

  /** Runs `read`; on a ValidationError records its message under `field` and returns undefined. */
  check<T>(field: F, read: () => T): T | undefined {
    try {
      return read();
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      this.add(field, error.message);
      return undefined;
    }
  }

  /** Records a message for `field` unless an earlier check already did. */
  add(field: F, message: string): void {
    this.found[field] ??= message;
  }

  get hasErrors(): boolean {
    return Object.keys(this.found).length > 0;
  }

  /** Ends the form: the value built by `build` when every field passed, else all the errors. */
  result<T>(build: () => T): FormResult<T, F> {
    if (this.hasErrors) return { ok: false, errors: { ...this.found } };
    return { ok: true, value: build() };
  }
}
