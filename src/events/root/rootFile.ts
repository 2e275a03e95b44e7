/**
 * The jsroot side of ROOT import: opening a file from bytes, listing its
 * trees and branches, and reading chosen branches entry by entry.
 *
 * Only jsroot's `io` and `tree` entry points are imported: they run in a
 * Web Worker. jsroot loads Node modules (fs, zlib, @oneidentity/zstd-js)
 * only behind its own Node.js check, and in a browser it decompresses
 * ZSTD and LZMA with the decoders it ships in `modules/base/`.
 */

import { openFile } from 'jsroot/io';
import { TSelector, treeProcess } from 'jsroot/tree';
import { EventLensError } from '../../core/errors';
import { checkBaskets, scanRecords, type RootRecord } from './preflight';

/** One readable branch of a tree, for listings and the mapping dialog. */
export interface BranchInfo {
  /** Full branch name, for example "Jet_Px" or "Jet.PT". */
  name: string;
  /** ROOT leaf type: "Float_t", "Int_t", "Bool_t" …, or a class name. */
  type: string;
  /** True when each entry contains an array rather than one value. */
  isArray: boolean;
  /** Branch holding the array length, for example "NJet". */
  countBranch?: string;
}

/** One TTree in a file. */
export interface TreeInfo {
  /** Path of the tree in the file, for example "events" or "dir/tree". */
  name: string;
  title: string;
  entries: number;
  branches: BranchInfo[];
}

/** A value of one branch in one entry: a number or an array of numbers. */
export type BranchValue = number | boolean | ArrayLike<number> | undefined;

/** A tree that can be read entry by entry; jsroot or an in-memory fake. */
export interface TreeSource {
  info: TreeInfo;
  /**
   * Reads entries [first, first + count) of `branches`, calling `onEntry`
   * with each entry's values keyed by branch name.
   */
  read(
    branches: readonly string[],
    first: number,
    count: number,
    onEntry: (entry: number, values: Record<string, BranchValue>) => void,
  ): Promise<void>;
}

// jsroot's objects are untyped; these interfaces list the fields read here.
interface JsrootLeaf {
  _typename: string;
  fName: string;
  fLen: number;
  fIsUnsigned?: boolean;
  fLeafCount?: { fName: string } | null;
  fType?: number;
}
interface JsrootBranch {
  fName: string;
  fType?: number;
  fClassName?: string;
  fLeaves?: { arr: JsrootLeaf[] };
  fBranches?: { arr: JsrootBranch[] };
}
interface JsrootTree {
  fName: string;
  fTitle: string;
  fEntries: number;
  fBranches: { arr: JsrootBranch[] };
}
interface JsrootKey {
  fName: string;
  fClassName: string;
  fCycle: number;
}
interface JsrootDirectory {
  fKeys: JsrootKey[];
  readObject(name: string, cycle?: number): Promise<unknown>;
}

const LEAF_TYPES: Record<string, string> = {
  TLeafF: 'Float_t',
  TLeafD: 'Double_t',
  TLeafI: 'Int_t',
  TLeafL: 'Long64_t',
  TLeafS: 'Short_t',
  TLeafB: 'Char_t',
  TLeafO: 'Bool_t',
  TLeafC: 'string',
  TLeafF16: 'Float16_t',
  TLeafD32: 'Double32_t',
};

// Streamer type codes of TLeafElement, modulo the array offset 20.
const ELEMENT_TYPES: Record<number, string> = {
  1: 'Char_t',
  2: 'Short_t',
  3: 'Int_t',
  4: 'Long_t',
  5: 'Float_t',
  8: 'Double_t',
  9: 'Double32_t',
  11: 'UChar_t',
  12: 'UShort_t',
  13: 'UInt_t',
  14: 'ULong_t',
  16: 'Long64_t',
  17: 'ULong64_t',
  18: 'Bool_t',
  19: 'Float16_t',
};

// jsroot's node kinds for members of split TClonesArray and STL branches.
const CLONES_MEMBER = 31;
const STL_MEMBER = 41;

function leafType(leaf: JsrootLeaf): string {
  if (leaf._typename === 'TLeafElement') {
    return ELEMENT_TYPES[(leaf.fType ?? -1) % 20] ?? 'object';
  }
  const type = LEAF_TYPES[leaf._typename] ?? leaf._typename;
  return leaf.fIsUnsigned ? `U${type}` : type;
}

function describeBranch(branch: JsrootBranch, out: BranchInfo[]): void {
  const children = branch.fBranches?.arr ?? [];
  const leaf = branch.fLeaves?.arr[0];
  if (children.length === 0 && leaf) {
    const member =
      branch.fType === CLONES_MEMBER || branch.fType === STL_MEMBER;
    const info: BranchInfo = {
      name: branch.fName,
      type: leafType(leaf),
      isArray: member || Boolean(leaf.fLeafCount) || leaf.fLen > 1,
    };
    if (leaf.fLeafCount) info.countBranch = leaf.fLeafCount.fName;
    out.push(info);
  }
  for (const child of children) describeBranch(child, out);
}

/** Lists the readable (leaf) branches of a jsroot tree. */
function describeTree(path: string, tree: JsrootTree): TreeInfo {
  const branches: BranchInfo[] = [];
  for (const branch of tree.fBranches.arr) describeBranch(branch, branches);
  return { name: path, title: tree.fTitle, entries: tree.fEntries, branches };
}

/** A ROOT file opened with jsroot, with every TTree it contains. */
export interface OpenedRootFile {
  fileName: string;
  trees: TreeSource[];
}

async function collectTrees(
  directory: JsrootDirectory,
  prefix: string,
  depth: number,
  context: FileContext,
  out: TreeSource[],
): Promise<void> {
  // Keys list every cycle of an object; only the newest one is read.
  const newest = new Map<string, JsrootKey>();
  for (const key of directory.fKeys) {
    const known = newest.get(key.fName);
    if (!known || key.fCycle > known.fCycle) newest.set(key.fName, key);
  }
  for (const key of newest.values()) {
    const path = prefix + key.fName;
    if (key.fClassName === 'TTree' || key.fClassName === 'TNtuple') {
      const tree = (await directory.readObject(
        key.fName,
        key.fCycle,
      )) as JsrootTree;
      out.push(jsrootTreeSource(path, tree, context));
    } else if (key.fClassName === 'TDirectoryFile' && depth < 4) {
      const sub = (await directory.readObject(key.fName)) as JsrootDirectory;
      await collectTrees(sub, `${path}/`, depth + 1, context, out);
    }
  }
}

/** The file-level facts every tree of one file needs for reading. */
interface FileContext {
  bytes: ArrayBuffer;
  records: RootRecord[];
  fileName: string;
}

/**
 * Maximum pause between two entries, ms, before a read counts as stalled.
 * The whole file is in memory, so only a failure inside jsroot stops it.
 * NOTE: an estimate; one enormous LZMA basket could take longer.
 */
const STALL_TIMEOUT_MS = 20_000;

function jsrootTreeSource(
  path: string,
  tree: JsrootTree,
  file: FileContext,
): TreeSource {
  const checked = new Set<string>();
  return {
    info: describeTree(path, tree),
    async read(branches, first, count, onEntry) {
      const unchecked = branches.filter((name) => !checked.has(name));
      await checkBaskets(file.bytes, file.records, unchecked, file.fileName);
      unchecked.forEach((name) => checked.add(name));
      const processed = await processEntries(
        tree,
        branches,
        first,
        count,
        onEntry,
      );
      if (processed !== count) {
        throw new Error(`jsroot delivered ${processed} of ${count} entries`);
      }
    },
  };
}

function processEntries(
  tree: JsrootTree,
  branches: readonly string[],
  first: number,
  count: number,
  onEntry: (entry: number, values: Record<string, BranchValue>) => void,
): Promise<number> {
  const selector = new TSelector();
  for (const name of branches) selector.addBranch(name, name);
  let processed = 0;
  let failure: unknown;
  let lastActivity = Date.now();
  // An exception thrown from Process would escape into jsroot's reading
  // chain, so the first one is kept and the reading aborted instead.
  selector.Process = function (this: typeof selector, entry: number) {
    lastActivity = Date.now();
    if (failure !== undefined) return;
    try {
      onEntry(entry, this.tgtobj as Record<string, BranchValue>);
      processed++;
    } catch (error) {
      failure = error;
      this.Abort();
    }
  };
  return new Promise<number>((resolve, reject) => {
    const watchdog = setInterval(() => {
      if (Date.now() - lastActivity < STALL_TIMEOUT_MS) return;
      clearInterval(watchdog);
      reject(new Error(`no entry arrived for ${STALL_TIMEOUT_MS / 1000} s`));
    }, 1000);
    treeProcess(tree, selector, { firstentry: first, numentries: count })
      .then(() =>
        failure === undefined ? resolve(processed) : reject(failure),
      )
      .catch(reject)
      .finally(() => clearInterval(watchdog));
  });
}

/**
 * Checks the bytes, opens the file with jsroot and lists its trees.
 * Throws `io/invalid-root` or `io/read-failed` naming the file.
 */
export async function openRootFile(
  bytes: ArrayBuffer,
  fileName: string,
): Promise<OpenedRootFile> {
  const records = scanRecords(bytes, fileName);
  const context: FileContext = { bytes, records, fileName };
  const trees: TreeSource[] = [];
  try {
    const file = (await openFile(bytes)) as JsrootDirectory;
    await collectTrees(file, '', 0, context, trees);
  } catch (error) {
    throw new EventLensError(
      'io/invalid-root',
      `Couldn't read ${fileName}: jsroot could not open it ` +
        `(${(error as Error).message}). The file may be corrupted; ` +
        'download it again, or open it in ROOT to check it.',
      { file: fileName },
    );
  }
  return { fileName, trees };
}
