// Test helper: an in-memory TreeSource, for layouts that no sample file
// of the repository has.
import type { BranchValue, TreeSource } from './rootFile';

/** Builds a tree whose branches are the keys of the first entry. */
export function fakeTree(
  name: string,
  entries: Record<string, BranchValue>[],
  branchNames: string[] = Object.keys(entries[0] ?? {}),
): TreeSource {
  const branches = branchNames.map((branch) => ({
    name: branch,
    type: 'Float_t',
    isArray: typeof entries[0]?.[branch] === 'object',
  }));
  return {
    info: { name, title: name, entries: entries.length, branches },
    async read(wanted, first, count, onEntry) {
      for (let entry = first; entry < first + count; entry++) {
        const values: Record<string, BranchValue> = {};
        for (const branch of wanted) values[branch] = entries[entry]?.[branch];
        onEntry(entry, values);
      }
    },
  };
}
