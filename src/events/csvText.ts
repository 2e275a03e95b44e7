/**
 * Line and field splitting for CSV text that arrives in chunks.
 *
 * Fields may be quoted with double quotes ("a,b" and "say ""hi"""), but a
 * quoted field cannot span lines: event files have no multi-line cells.
 */

/** Splits streamed text into complete lines, keeping the unfinished tail. */
export class LineSplitter {
  private tail = '';

  /** Returns the complete lines in `chunk`, without their line endings. */
  push(chunk: string): string[] {
    const text = this.tail + chunk;
    const lines = text.split('\n');
    this.tail = lines.pop() ?? '';
    return lines.map(stripCarriageReturn);
  }

  /** Returns the last line when the text did not end with a newline. */
  finish(): string[] {
    const last = stripCarriageReturn(this.tail);
    this.tail = '';
    return last.length > 0 ? [last] : [];
  }
}

function stripCarriageReturn(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}

/** Splits one CSV line into trimmed fields, honouring double quotes. */
export function splitCsvLine(line: string, delimiter = ','): string[] {
  if (!line.includes('"')) {
    return line.split(delimiter).map((field) => field.trim());
  }
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (quoted) {
      if (char === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') {
        quoted = false;
      } else {
        field += char;
      }
    } else if (char === '"') {
      quoted = true;
    } else if (char === delimiter) {
      fields.push(field.trim());
      field = '';
    } else {
      field += char;
    }
  }
  fields.push(field.trim());
  return fields;
}

/** Guesses the delimiter of a header line: comma, semicolon or tab. */
export function detectDelimiter(header: string): string {
  const counts = [',', ';', '\t'].map(
    (d) => [d, header.split(d).length] as const,
  );
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0]![0];
}

/** Quotes a field for CSV output when it contains a delimiter or quote. */
export function quoteCsvField(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
