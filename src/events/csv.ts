import { EventLensError } from '../core/errors';
import { EventSetBuilder } from './builder';
import { ObjectType, OBJECT_TYPE_NAMES, type EventSet } from './eventSet';
import { detectCsvLayout, type CsvLayout } from './csvLayouts';
import {
  detectDelimiter,
  LineSplitter,
  quoteCsvField,
  splitCsvLine,
} from './csvText';
import type { ImportResult, SkippedReport } from './importResult';
import {
  findObjectProblem,
  normaliseObject,
  parseObjectType,
  TYPE_HELP,
  type RawObject,
} from './objectFields';

/** Policy for rows with invalid values. */
export type InvalidRowPolicy = 'reject' | 'skip';

/** Options of the CSV importer. */
export interface CsvImportOptions {
  /**
   * `reject` (default) fails on the first file with invalid rows and lists
   * them; `skip` leaves out every event that has an invalid row and reports
   * how many rows went.
   */
  invalidRows?: InvalidRowPolicy;
  /**
   * Column whose values are the event classes, instead of the column
   * named `label` or `class`. The first row of an event gives its class.
   */
  labelColumn?: string;
}

interface RowProblem {
  line: number;
  message: string;
}

/** Problems listed in an error message before "and N more". */
const MAX_LISTED_PROBLEMS = 5;

/** One event being assembled from consecutive rows. */
interface PendingEvent {
  id: string;
  line: number;
  objects: RawObject[];
  label: string;
  weight: number;
  invalid: boolean;
  rows: number;
}

/**
 * Reads CSV text chunk by chunk into an EventSet, so that the io worker can
 * stream a large file and report progress. Call `push` for each chunk and
 * `finish` once.
 */
export class CsvEventReader {
  private readonly splitter = new LineSplitter();
  private readonly builder = new EventSetBuilder();
  private readonly labels = new Map<string, number>();
  private readonly seenEvents = new Set<string>();
  private readonly problems: RowProblem[] = [];
  private problemCount = 0;
  private skippedRows = 0;
  private lineNumber = 0;
  private delimiter = ',';
  private layout?: CsvLayout;
  private columnCount = 0;
  private pending?: PendingEvent;

  constructor(
    private readonly fileName: string,
    private readonly options: CsvImportOptions = {},
  ) {}

  /** Parses the complete lines in `chunk`. */
  push(chunk: string): void {
    for (const line of this.splitter.push(chunk)) this.readLine(line);
  }

  /** Parses the rest and returns the set, or throws listing what is wrong. */
  finish(): ImportResult {
    for (const line of this.splitter.finish()) this.readLine(line);
    this.closePending();
    if (!this.layout) {
      throw new EventLensError(
        'io/empty-file',
        `Couldn't read ${this.fileName}: the file is empty. Choose a CSV ` +
          'file with a header line and one row per object or per event.',
        { file: this.fileName },
      );
    }
    if (this.problemCount > 0 && this.options.invalidRows !== 'skip') {
      throw this.invalidRowsError();
    }
    if (this.builder.size === 0) {
      throw new EventLensError(
        'io/empty-file',
        `Couldn't read ${this.fileName}: it has a header but no valid rows. ` +
          'Add rows below the header.',
        { file: this.fileName, skippedRows: this.skippedRows },
      );
    }
    return this.result();
  }

  private readLine(raw: string): void {
    this.lineNumber++;
    const line = this.lineNumber === 1 ? raw.replace(/^\uFEFF/, '') : raw;
    if (line.trim() === '' || line.startsWith('#')) return;
    if (!this.layout) {
      this.readHeader(line);
      return;
    }
    const fields = splitCsvLine(line, this.delimiter);
    if (fields.length !== this.columnCount) {
      this.report(
        `has ${fields.length} fields, but the header has ${this.columnCount}`,
      );
      return;
    }
    if (this.layout.kind === 'objects') this.readObjectRow(fields);
    else this.readEventRow(fields);
  }

  private readHeader(line: string): void {
    this.delimiter = detectDelimiter(line);
    const header = splitCsvLine(line, this.delimiter);
    const layout = detectCsvLayout(header);
    if (typeof layout === 'string') {
      throw new EventLensError(
        'io/invalid-csv',
        `Couldn't read ${this.fileName}, line ${this.lineNumber}: ${layout}`,
        { file: this.fileName, line: this.lineNumber, header },
      );
    }
    if (this.options.labelColumn !== undefined) {
      layout.label = this.labelColumnIndex(header, this.options.labelColumn);
    }
    this.layout = layout;
    this.columnCount = header.length;
  }

  private labelColumnIndex(header: string[], column: string): number {
    const index = header.findIndex(
      (name) => name.trim().toLowerCase() === column.trim().toLowerCase(),
    );
    if (index < 0) {
      throw new EventLensError(
        'io/invalid-csv',
        `Couldn't read ${this.fileName}, line ${this.lineNumber}: there is ` +
          `no column "${column}" to take labels from (columns: ` +
          `${header.join(', ')}). Choose one of these columns.`,
        { file: this.fileName, line: this.lineNumber, header, column },
      );
    }
    return index;
  }

  private readObjectRow(fields: string[]): void {
    const layout = this.layout;
    if (layout?.kind !== 'objects') return;
    const id = fields[layout.event]!;
    if (this.pending?.id !== id) {
      this.closePending();
      if (this.seenEvents.has(id)) {
        this.report(
          `event "${id}" appears again after other events; keep the rows ` +
            'of each event together (sort the file by event)',
        );
        return;
      }
      this.seenEvents.add(id);
      this.pending = this.newPending(id, fields, layout.label, layout.weight);
    }
    const pending = this.pending;
    pending.rows++;
    const object = this.parseObject(fields, layout, layout.type);
    if (object) pending.objects.push(object);
    else pending.invalid = true;
  }

  private readEventRow(fields: string[]): void {
    const layout = this.layout;
    if (layout?.kind !== 'events') return;
    const event = this.newPending(
      String(this.lineNumber),
      fields,
      layout.label,
      layout.weight,
    );
    event.rows = 1;
    for (const slot of layout.slots) {
      if (fields[slot.pt] === '') continue;
      const object = this.parseObject(fields, slot, undefined, slot.type);
      if (object) event.objects.push(object);
      else event.invalid = true;
    }
    this.pending = event;
    this.closePending();
  }

  private newPending(
    id: string,
    fields: string[],
    labelColumn: number | undefined,
    weightColumn: number | undefined,
  ): PendingEvent {
    const pending: PendingEvent = {
      id,
      line: this.lineNumber,
      objects: [],
      label: labelColumn === undefined ? '' : fields[labelColumn]!,
      weight: 1,
      invalid: false,
      rows: 0,
    };
    if (weightColumn !== undefined) {
      const weight = this.parseNumber(fields, weightColumn, 'weight', 1);
      if (weight === undefined) pending.invalid = true;
      else pending.weight = weight;
    }
    return pending;
  }

  /** Reads one object from its columns; reports and returns undefined if invalid. */
  private parseObject(
    fields: string[],
    columns: {
      pt: number;
      eta?: number;
      phi?: number;
      energy?: number;
      mass?: number;
      btag?: number;
      charge?: number;
      name?: string;
    },
    typeColumn?: number,
    fixedType?: ObjectType,
  ): RawObject | undefined {
    let type = fixedType;
    if (typeColumn !== undefined) {
      type = parseObjectType(fields[typeColumn]!);
      if (type === undefined) {
        this.report(
          `type "${fields[typeColumn]}" is unknown; use ${TYPE_HELP}`,
        );
        return undefined;
      }
    }
    const isMet = type === ObjectType.MissingEt;
    const read = (
      column: number | undefined,
      name: string,
      fallback?: number,
    ) => this.parseNumber(fields, column, name, fallback);
    const prefix = columns.name ? `${columns.name}_` : '';
    const optional = (column: number | undefined, name: string) =>
      column === undefined ? 0 : read(column, name, isMet ? 0 : undefined);
    const pt = read(columns.pt, `${prefix}pt`);
    const eta = isMet ? 0 : read(columns.eta, `${prefix}eta`);
    const phi = read(columns.phi, `${prefix}phi`, isMet ? 0 : undefined);
    const energy = optional(columns.energy, `${prefix}e`);
    const mass = optional(columns.mass, `${prefix}m`);
    const btag = read(columns.btag, `${prefix}btag`, 0);
    const charge = read(columns.charge, `${prefix}charge`, 0);
    const values = [pt, eta, phi, energy, mass, btag, charge];
    if (values.some((value) => value === undefined)) return undefined;
    const object: RawObject = {
      type: type!,
      pt: pt!,
      eta: eta!,
      phi: phi!,
      energy: columns.energy === undefined ? undefined : energy,
      mass: mass!,
      btag: btag!,
      charge: charge!,
    };
    const problem = findObjectProblem(object);
    if (problem) {
      this.report(`${prefix ? columns.name + ' ' : ''}${problem}`);
      return undefined;
    }
    return object;
  }

  /**
   * Reads a number; an empty cell gives `fallback`, and without a fallback
   * it is a problem. Returns undefined after reporting a problem.
   */
  private parseNumber(
    fields: string[],
    column: number | undefined,
    name: string,
    fallback?: number,
  ): number | undefined {
    const text = column === undefined ? '' : fields[column]!;
    if (text === '') {
      if (fallback !== undefined) return fallback;
      this.report(`column ${name} is empty, but a number is required`);
      return undefined;
    }
    const value = Number(text);
    if (Number.isNaN(value) && !/^[+-]?nan$/i.test(text)) {
      // "50,5" is a number written with a decimal comma.
      const hint = /^[+-]?\d+,\d+$/.test(text.trim())
        ? ' (write decimals with a point, as in 50.5)'
        : '';
      this.report(`column ${name}: "${text}" is not a number${hint}`);
      return undefined;
    }
    if (!Number.isFinite(value)) {
      this.report(`column ${name} is ${text}, but must be a finite number`);
      return undefined;
    }
    return value;
  }

  private closePending(): void {
    const pending = this.pending;
    this.pending = undefined;
    if (!pending) return;
    if (pending.invalid) {
      this.skippedRows += pending.rows;
      return;
    }
    let label = this.labels.get(pending.label);
    if (label === undefined) {
      label = this.labels.size;
      this.labels.set(pending.label, label);
    }
    for (const object of pending.objects) {
      this.builder.addObject(normaliseObject(object));
    }
    this.builder.endEvent(label, pending.weight, pending.line);
  }

  private report(message: string): void {
    this.problemCount++;
    if (this.problems.length < MAX_LISTED_PROBLEMS) {
      this.problems.push({ line: this.lineNumber, message });
    }
    if (this.pending) this.pending.invalid = true;
    else this.skippedRows++;
  }

  private invalidRowsError(): EventLensError {
    const first = this.problems[0]!;
    const more = this.problemCount - 1;
    const listing = this.problems
      .map((p) => `line ${p.line}: ${p.message}`)
      .join('; ');
    return new EventLensError(
      'io/invalid-value',
      `Couldn't read ${this.fileName}, line ${first.line}: ${first.message}` +
        (more > 0
          ? ` (and ${more} more invalid row${more > 1 ? 's' : ''})`
          : '') +
        '. Fix the file, or load it again skipping the events with invalid rows.',
      {
        file: this.fileName,
        line: first.line,
        problemCount: this.problemCount,
        problems: listing,
      },
    );
  }

  private result(): ImportResult {
    const name = this.fileName.replace(/\.[^.]+$/, '');
    const hasLabels = [...this.labels.keys()].some((label) => label !== '');
    const classNames = hasLabels
      ? [...this.labels.keys()].map((label) => label || 'unlabelled')
      : [name];
    const set = this.builder.build(name, this.fileName, [], classNames);
    const layout =
      this.layout!.kind === 'objects' ? 'csv-objects' : 'csv-events';
    const result: ImportResult = { set, layout, warnings: [] };
    if (this.skippedRows > 0) result.skipped = this.skippedReport();
    return result;
  }

  private skippedReport(): SkippedReport {
    const first = this.problems[0];
    return {
      count: this.skippedRows,
      reason:
        `${this.problemCount} row${this.problemCount > 1 ? 's' : ''} had ` +
        `invalid values${first ? ` (first, line ${first.line}: ${first.message})` : ''}, ` +
        'so their events were left out',
      examples: this.problems.map((p) => `line ${p.line}: ${p.message}`),
    };
  }
}

/** Imports a whole CSV text. See `CsvEventReader` for the layouts. */
export function importCsv(
  text: string,
  fileName: string,
  options: CsvImportOptions = {},
): ImportResult {
  const reader = new CsvEventReader(fileName, options);
  reader.push(text);
  return reader.finish();
}

/** Formats a float32 value with the fewest digits that read back exactly. */
export function formatFloat32(value: number): string {
  for (let digits = 6; digits < 9; digits++) {
    const text = String(Number(value.toPrecision(digits)));
    if (Math.fround(Number(text)) === value) return text;
  }
  return String(Number(value.toPrecision(9)));
}

/**
 * Writes a set in the one-row-per-object layout, with class names as
 * labels. Reading it back gives the same set.
 */
export function eventSetToCsv(set: EventSet): string {
  const { objects, events, offsets, classNames } = set;
  const lines = ['event,type,pt,eta,phi,e,btag,charge,label,weight'];
  for (let i = 0; i + 1 < offsets.length; i++) {
    const label = quoteCsvField(classNames[events.label[i]!] ?? '');
    const weight = formatFloat32(events.weight[i]!);
    for (let k = offsets[i]!; k < offsets[i + 1]!; k++) {
      lines.push(
        [
          i,
          OBJECT_TYPE_NAMES[objects.type[k]!],
          formatFloat32(objects.pt[k]!),
          formatFloat32(objects.eta[k]!),
          formatFloat32(objects.phi[k]!),
          formatFloat32(objects.energy[k]!),
          formatFloat32(objects.btag[k]!),
          objects.charge[k],
          label,
          weight,
        ].join(','),
      );
    }
  }
  return lines.join('\n') + '\n';
}
