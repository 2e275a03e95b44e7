/** The hover text of one object in the event graph. */

import { ObjectType } from '../events/eventSet';
import type { EventGraphData } from './eventGraph';
import { typeName } from './eventGraphStyle';

/** Returns the tooltip HTML of object `index`: its numbers, with units. */
export function formatObjectTooltip(
  data: EventGraphData,
  index: number,
): string {
  const o = data.objects[index]!;
  const isMet = o.type === ObjectType.MissingEt;
  const rows: [string, string][] = [
    ['pT', `${o.pt.toFixed(1)} GeV`],
    ['η', isMet ? 'none (0 in the graph)' : o.eta.toFixed(3)],
    ['φ', `${o.phi.toFixed(3)} rad`],
    ['E', `${o.energy.toFixed(1)} GeV`],
  ];
  if (o.type === ObjectType.Jet) rows.push(['b-tag', String(o.btag)]);
  if (o.type === ObjectType.Electron || o.type === ObjectType.Muon) {
    rows.push(['charge', o.charge > 0 ? '+1' : '−1']);
  }
  const importance = data.importance?.[index];
  if (importance !== undefined) {
    rows.push(['importance', importance.toFixed(3)]);
  }
  const title = `${typeName(o.type)} #${index}`;
  const body = rows
    .map(([name, value]) => `<tr><th>${name}</th><td>${value}</td></tr>`)
    .join('');
  return `<strong>${title}</strong><table>${body}</table>`;
}
