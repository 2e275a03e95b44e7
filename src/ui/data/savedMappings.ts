/**
 * Branch mappings saved by name in the browser, so that the next file of
 * the same layout imports without the dialog's guesswork, and their JSON
 * export, the format `npm run inspect -- --mapping FILE` reads.
 */
import {
  parseBranchMapping,
  type BranchMapping,
} from '../../events/root/mapping';

/** Local storage key of the saved mappings. */
export const MAPPINGS_KEY = 'eventlens.mappings';

/** Returns every saved mapping by name; invalid entries are left out. */
export function savedMappings(
  storage: Storage = localStorage,
): Record<string, BranchMapping> {
  let stored: unknown;
  try {
    stored = JSON.parse(storage.getItem(MAPPINGS_KEY) ?? '{}');
  } catch {
    return {};
  }
  const valid: Record<string, BranchMapping> = {};
  for (const [name, value] of Object.entries(stored as object)) {
    try {
      valid[name] = parseBranchMapping(value);
    } catch {
      // A mapping saved by an older page that no longer parses is skipped.
    }
  }
  return valid;
}

/** Saves a mapping under `name`, replacing one of the same name. */
export function saveMapping(
  name: string,
  mapping: BranchMapping,
  storage: Storage = localStorage,
): void {
  const all = { ...savedMappings(storage), [name]: mapping };
  storage.setItem(MAPPINGS_KEY, JSON.stringify(all));
}

/** Deletes the mapping saved under `name`. */
export function deleteMapping(
  name: string,
  storage: Storage = localStorage,
): void {
  const all = savedMappings(storage);
  delete all[name];
  storage.setItem(MAPPINGS_KEY, JSON.stringify(all));
}

/** Returns a mapping as the indented JSON text of a mapping file. */
export function mappingToJson(mapping: BranchMapping): string {
  return JSON.stringify(mapping, null, 2) + '\n';
}

/**
 * Reads a mapping file's text; throws a message naming the file when it
 * is not JSON or not a valid mapping.
 */
export function mappingFromJson(text: string, fileName: string): BranchMapping {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(
      `Couldn't read ${fileName}: it is not valid JSON ` +
        `(${(error as Error).message}). Choose a mapping exported here.`,
      { cause: error },
    );
  }
  try {
    return parseBranchMapping(value);
  } catch (error) {
    throw new Error(`${fileName}: ${(error as Error).message}`, {
      cause: error,
    });
  }
}
