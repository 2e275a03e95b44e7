/**
 * A small logger that prefixes its origin (`[engine]`, `[io]`) and is
 * quiet under the test runner unless `EVENTLENS_LOG` is set.
 */

export interface Logger {
  debug(...args: unknown[]): void;
  info(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
}

type Level = 'debug' | 'info' | 'warn' | 'error';
const LEVELS: Level[] = ['debug', 'info', 'warn', 'error'];

function readEnv(name: string): string | undefined {
  const process = (globalThis as { process?: { env?: Record<string, string> } })
    .process;
  return process?.env?.[name];
}

function minimumLevel(): number {
  const requested = readEnv('EVENTLENS_LOG') as Level | undefined;
  if (requested && LEVELS.includes(requested)) {
    return LEVELS.indexOf(requested);
  }
  // Vitest sets VITEST; tests stay quiet unless they ask otherwise.
  if (readEnv('VITEST')) return LEVELS.length;
  return LEVELS.indexOf('info');
}

/** Creates a logger whose lines start with `[origin]`. */
export function createLogger(origin: string): Logger {
  const prefix = `[${origin}]`;
  const threshold = minimumLevel();
  const emit =
    (level: Level) =>
    (...args: unknown[]): void => {
      if (LEVELS.indexOf(level) < threshold) return;
      console[level](prefix, ...args);
    };
  return {
    debug: emit('debug'),
    info: emit('info'),
    warn: emit('warn'),
    error: emit('error'),
  };
}
