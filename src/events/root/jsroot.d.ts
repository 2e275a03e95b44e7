// Declarations for the parts of jsroot 7.11 used here; jsroot's own
// types.d.ts covers only its main entry, not the `io` and `tree` ones.

declare module 'jsroot/io' {
  /** Opens a ROOT file from a URL, a File/Blob or an ArrayBuffer. */
  export function openFile(
    source: ArrayBuffer | Blob | string,
  ): Promise<unknown>;
  /** Decompresses ROOT compressed blocks; resolves null on failure. */
  export function R__unzip(
    data: DataView,
    targetSize: number,
    noAlert?: boolean,
    sourceShift?: number,
  ): Promise<DataView | null>;
}

declare module 'jsroot/tree' {
  /** Reads chosen branches of a tree entry by entry. */
  export class TSelector {
    tgtobj: Record<string, unknown>;
    addBranch(branch: string, member?: string, direct?: boolean): number;
    Process(entry: number): void;
    Terminate(success: boolean): void;
    Abort(): void;
  }
  /** Runs a selector over a tree's entries. */
  export function treeProcess(
    tree: unknown,
    selector: TSelector,
    args?: { firstentry?: number; numentries?: number },
  ): Promise<TSelector>;
}
