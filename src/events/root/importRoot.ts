/**
 * ROOT TTree import: picks the tree and its layout (or takes an explicit
 * `BranchMapping`), reads only the mapped branches in chunks of entries,
 * and builds an `EventSet`.
 */

import { EventLensError } from '../../core/errors';
import type { ImportResult } from '../importResult';
import { detectLayout } from './layouts';
import { parseBranchMapping, type BranchMapping } from './mapping';
import { openRootFile, type TreeInfo, type TreeSource } from './rootFile';
import { importTreeSource, type ReadTreeOptions } from './readTree';

/** Options of a ROOT import. */
export interface RootImportOptions extends ReadTreeOptions {
  /** Tree to read; by default the first tree whose layout is recognised. */
  tree?: string;
  /** Explicit mapping, for trees no layout recognises. */
  mapping?: BranchMapping;
}

/** A tree as listed for the mapping dialog, with its detected layout. */
export interface RootTreeListing extends TreeInfo {
  /** Detected layout, or null when the tree needs a mapping. */
  layout: string | null;
  /** Mapping of the detected layout, a starting point for the dialog. */
  mapping: BranchMapping | null;
}

/** Lists the trees of a ROOT file with branches, types and entry counts. */
export async function listRootTrees(
  bytes: ArrayBuffer,
  fileName: string,
): Promise<RootTreeListing[]> {
  const file = await openRootFile(bytes, fileName);
  return file.trees.map(({ info }) => {
    const detected = detectLayout(info.name, branchNames(info));
    return {
      ...info,
      layout: detected?.layout ?? null,
      mapping: detected?.mapping ?? null,
    };
  });
}

function branchNames(info: TreeInfo): string[] {
  return info.branches.map((branch) => branch.name);
}

/** Imports a ROOT file, detecting the layout unless a mapping is given. */
export async function importRoot(
  bytes: ArrayBuffer,
  fileName: string,
  options: RootImportOptions = {},
): Promise<ImportResult> {
  const file = await openRootFile(bytes, fileName);
  return importFromTrees(file.trees, fileName, options);
}

/**
 * Picks the tree to import among `trees` (the mapping's, the requested
 * one, or the first with a recognised layout) and imports it.
 */
export async function importFromTrees(
  trees: TreeSource[],
  fileName: string,
  options: RootImportOptions = {},
): Promise<ImportResult> {
  if (options.mapping) {
    const mapping = parseBranchMapping(options.mapping);
    const source = trees.find(({ info }) => info.name === mapping.tree);
    if (!source) throw missingTree(fileName, mapping.tree, trees);
    return importTreeSource(source, mapping, 'mapping', fileName, options);
  }
  const candidates = trees.filter(
    ({ info }) => !options.tree || info.name === options.tree,
  );
  if (candidates.length === 0) {
    if (options.tree) throw missingTree(fileName, options.tree, trees);
    // Not io/unsupported-layout: a file without trees has no branches to
    // choose, so the page must not offer the mapping dialog.
    throw new EventLensError(
      'io/invalid-root',
      `Couldn't import ${fileName}: it contains no TTree. Choose a file ` +
        'with a TTree of events.',
      { file: fileName },
    );
  }
  for (const source of candidates) {
    const detected = detectLayout(source.info.name, branchNames(source.info));
    if (!detected) continue;
    const { layout, mapping } = detected;
    return importTreeSource(source, mapping, layout, fileName, options);
  }
  throw unrecognised(fileName, candidates);
}

/** Imports a ROOT file with an explicit, for example saved, mapping. */
export function importRootWithMapping(
  bytes: ArrayBuffer,
  fileName: string,
  mapping: BranchMapping,
  options: RootImportOptions = {},
): Promise<ImportResult> {
  return importRoot(bytes, fileName, { ...options, mapping });
}

function missingTree(
  fileName: string,
  tree: string,
  trees: TreeSource[],
): EventLensError {
  const found = trees.map(({ info }) => info.name).join(', ') || 'none';
  return new EventLensError(
    'io/unsupported-layout',
    `Couldn't import ${fileName}: it has no tree "${tree}" (trees: ` +
      `${found}). Choose one of its trees.`,
    { file: fileName, tree, trees: found },
  );
}

function unrecognised(fileName: string, trees: TreeSource[]): EventLensError {
  const names = trees.map(({ info }) => info.name).join(', ');
  return new EventLensError(
    'io/unsupported-layout',
    `Couldn't import ${fileName}: no usable branches were recognised in ` +
      `tree ${names} (EventLens knows flat ntuples like the HEP tutorial, ` +
      'Delphes, NanoAOD and ATLAS Open Data). Map its branches to objects ' +
      'by hand with a branch mapping.',
    { file: fileName, trees: trees.map(({ info }) => info) },
  );
}
