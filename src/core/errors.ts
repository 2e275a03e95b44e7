/**
 * Errors that cross worker boundaries and reach a person.
 *
 * Every failure the page shows carries a stable `code` (tests and the page
 * branch on it), a message a person can act on ("Couldn't X. Do Y."), and
 * details for the curious (file, line, entry, branch, expected and found).
 */

/** Stable error codes, grouped by the part that raises them. */
export type ErrorCode =
  // Input files
  | 'io/empty-file'
  | 'io/unknown-format'
  | 'io/invalid-csv'
  | 'io/invalid-json'
  | 'io/invalid-value'
  | 'io/invalid-event'
  | 'io/invalid-root'
  | 'io/unsupported-layout'
  | 'io/invalid-lhe'
  | 'io/too-large'
  | 'io/read-failed'
  // Compute engine
  | 'engine/backend-failed'
  | 'engine/not-ready'
  | 'engine/invalid-model'
  | 'engine/invalid-request'
  | 'engine/cancelled'
  // Anything else
  | 'internal';

/** Plain, structured-clone-safe form of an error for postMessage. */
export interface ErrorInfo {
  code: ErrorCode;
  message: string;
  details?: Record<string, unknown>;
}

/** An error with a stable code and details, safe to send to the page. */
export class EventLensError extends Error {
  override readonly name = 'EventLensError';

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }

  /** Returns the structured-clone-safe form. */
  toInfo(): ErrorInfo {
    return { code: this.code, message: this.message, details: this.details };
  }
}

/**
 * Converts anything thrown into an `ErrorInfo`. Unknown errors keep their
 * message under the code `internal`, so nothing is lost on the way out.
 */
export function toErrorInfo(error: unknown): ErrorInfo {
  if (error instanceof EventLensError) return error.toInfo();
  if (error instanceof Error) {
    return {
      code: 'internal',
      message: error.message,
      details: { name: error.name, stack: error.stack },
    };
  }
  return { code: 'internal', message: String(error) };
}

/** Result of a worker call: the value, or the error that stopped it. */
export type Result<T> =
  { ok: true; value: T } | { ok: false; error: ErrorInfo };

/** Runs `work` and wraps its value or error in a `Result`. */
export async function settle<T>(
  work: () => Promise<T> | T,
): Promise<Result<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    return { ok: false, error: toErrorInfo(error) };
  }
}
