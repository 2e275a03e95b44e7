/**
 * File names of a model's weight shards: how downloads name them, and how
 * an upload matches the chosen files to the paths model.json lists.
 */

/** Maximum length of a file-name slug, in characters. Longer names are cut. */
const MAX_SLUG_LENGTH = 80;

/** Returns the shard file names for `count` shards, e.g. `weights.bin`. */
export function shardFileNames(prefix: string, count: number): string[] {
  return Array.from(
    { length: count },
    (_, i) => `${prefix}.bin${count > 1 ? `.${i + 1}of${count}` : ''}`,
  );
}

/**
 * Converts a model name to a lowercase file-name slug of ASCII letters,
 * digits and hyphens, e.g. "WW vs WZ (fine-tuned)" to "ww-vs-wz-fine-tuned".
 * Returns '' when the name has no letter or digit.
 */
export function fileSlug(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, MAX_SLUG_LENGTH)
    .replace(/^-+|-+$/g, '');
}

/** Returns the last part of a path, the name a browser gives the file. */
export function baseName(path: string): string {
  return path.replace(/^.*\//, '');
}

/**
 * Rewrites every `weightsManifest` path of a model.json to
 * `<prefix>.bin` (or `<prefix>.bin.<i>of<n>` for several shards), keeping
 * the rest of the document and the order of the paths. Returns the new
 * text, indented like the engine's export, and the names in manifest order.
 */
export function renameWeightPaths(
  modelJson: string,
  prefix: string,
): { modelJson: string; shardNames: string[] } {
  const json = JSON.parse(modelJson) as {
    weightsManifest?: { paths?: string[] }[];
  };
  const groups = json.weightsManifest ?? [];
  const count = groups.reduce((sum, g) => sum + (g.paths?.length ?? 0), 0);
  const shardNames = shardFileNames(prefix, count);
  let next = 0;
  for (const group of groups) {
    if (!group.paths) continue;
    group.paths = group.paths.map(() => shardNames[next++]!);
  }
  return { modelJson: JSON.stringify(json, null, 1), shardNames };
}

/** Result of matching chosen files to the weight files model.json lists. */
export type WeightFileMatch =
  | {
      ok: true;
      /** Chosen file name for each listed path, in manifest order. */
      files: string[];
      /** True when a single shard was taken under another name. */
      renamed: boolean;
    }
  | { ok: false; missing: string[] };

/**
 * Matches the chosen weight files to the paths model.json lists, by base
 * name. When the manifest lists exactly one file and exactly one `.bin`
 * file was chosen under another name, that file is taken, because browsers save a
 * repeated download as `weights (1).bin`. Otherwise every listed name must
 * be among the chosen ones, and the result lists those that are not.
 */
export function matchWeightFiles(
  listed: readonly string[],
  chosen: readonly string[],
): WeightFileMatch {
  const expected = listed.map(baseName);
  const missing = expected.filter((name) => !chosen.includes(name));
  if (missing.length === 0)
    return { ok: true, files: expected, renamed: false };
  const bins = chosen.filter((name) => name.toLowerCase().endsWith('.bin'));
  if (expected.length === 1 && bins.length === 1) {
    return { ok: true, files: [bins[0]!], renamed: true };
  }
  return { ok: false, missing };
}
