/**
 * Draws histograms of the key generator distributions for all twelve
 * processes as small SVG files in docs/figures/sim/, with both detector
 * presets overlaid. Usage: npm run sim:figures [-- --events N]
 */

import { mkdirSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { eventCount, ObjectType, type EventSet } from '../src/events/eventSet';
import { countObjects, fitPeak, objectsOfType } from '../src/sim/analysis';
import {
  generateEvents,
  PROCESSES,
  type DetectorPreset,
} from '../src/sim/index';
import {
  diphotonMasses,
  dileptonMasses,
  hadronicTopMasses,
} from '../src/sim/peaks';

const { values } = parseArgs({
  options: { events: { type: 'string', default: '20000' } },
});
const EVENTS = Number(values.events);
const OUT_DIR = 'docs/figures/sim';
const PRESETS: readonly DetectorPreset[] = ['fast', 'full'];
const COLOURS: Record<DetectorPreset, string> = {
  fast: '#1f5fa8',
  full: '#c8501e',
};

interface Histogram {
  low: number;
  high: number;
  bins: number;
  counts: number[];
}

function fill(
  values: readonly number[],
  low: number,
  high: number,
  bins: number,
): Histogram {
  const counts = new Array<number>(bins).fill(0);
  const width = (high - low) / bins;
  for (const v of values) {
    const bin = Math.min(bins - 1, Math.max(0, Math.floor((v - low) / width)));
    counts[bin]!++;
  }
  // Normalised to unit area so that presets and processes compare by shape.
  const total = values.length || 1;
  return { low, high, bins, counts: counts.map((c) => c / total) };
}

/** Returns one SVG panel (a <g>) with step histograms, one per preset. */
function panel(title: string, histograms: Map<DetectorPreset, Histogram>) {
  const w = 190;
  const h = 110;
  const max = Math.max(
    ...[...histograms.values()].flatMap((hist) => hist.counts),
    1e-9,
  );
  const parts: string[] = [];
  parts.push(
    `<rect x="0" y="0" width="${w}" height="${h}" fill="none" stroke="#999"/>`,
  );
  parts.push(`<text x="4" y="12" font-size="10">${title}</text>`);
  for (const [preset, hist] of histograms) {
    let d = `M0 ${h}`;
    hist.counts.forEach((c, i) => {
      const y = (h - (c / max) * (h - 16)).toFixed(1);
      d += `V${y}H${(((i + 1) * w) / hist.bins).toFixed(1)}`;
    });
    d += `V${h}`;
    parts.push(`<path d="${d}" fill="none" stroke="${COLOURS[preset]}"/>`);
  }
  const first = [...histograms.values()][0]!;
  parts.push(`<text x="0" y="${h + 10}" font-size="8">${first.low}</text>`);
  parts.push(
    `<text x="${w}" y="${h + 10}" font-size="8" text-anchor="end">${first.high}</text>`,
  );
  return parts.join('');
}

function figure(title: string, panels: string[], columns = 4): string {
  const rows = Math.ceil(panels.length / columns);
  const width = columns * 205 + 10;
  const height = rows * 135 + 40;
  const legend = PRESETS.map(
    (p, i) =>
      `<text x="${width - 110 + i * 50}" y="16" font-size="10" fill="${COLOURS[p]}">${p}</text>`,
  ).join('');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif">` +
    `<rect width="100%" height="100%" fill="white"/>` +
    `<text x="10" y="16" font-size="12">${title}</text>${legend}` +
    panels
      .map(
        (p, i) =>
          `<g transform="translate(${10 + (i % columns) * 205},${28 + Math.floor(i / columns) * 135})">` +
          p +
          '</g>',
      )
      .join('') +
    '</svg>\n'
  );
}

/** Per-event quantities drawn for every process: name, range, bins, getter. */
const QUANTITIES: [
  string,
  number,
  number,
  number,
  (set: EventSet, i: number) => number,
][] = [
  ['jets', -0.5, 14.5, 15, (s, i) => countObjects(s, i).jets],
  ['btags', -0.5, 6.5, 7, (s, i) => countObjects(s, i).bTags],
  [
    'leptons',
    -0.5,
    4.5,
    5,
    (s, i) => {
      const c = countObjects(s, i);
      return c.electrons + c.muons;
    },
  ],
  ['photons', -0.5, 3.5, 4, (s, i) => countObjects(s, i).photons],
  ['met', 0, 300, 30, (s, i) => countObjects(s, i).met],
  [
    'leading-jet-pt',
    0,
    500,
    25,
    (s, i) => s.objects.pt[objectsOfType(s, i, ObjectType.Jet)[0] ?? -1] ?? -1,
  ],
  [
    'leading-jets-deta',
    0,
    8,
    32,
    (s, i) => {
      const j = objectsOfType(s, i, ObjectType.Jet);
      return j.length < 2
        ? -1
        : Math.abs(s.objects.eta[j[0]!]! - s.objects.eta[j[1]!]!);
    },
  ],
];

mkdirSync(OUT_DIR, { recursive: true });
const sets = new Map<string, EventSet>();
for (const process of PROCESSES) {
  for (const detector of PRESETS) {
    sets.set(
      `${process}/${detector}`,
      generateEvents({ process, events: EVENTS, detector, seed: 11 }),
    );
  }
}

for (const [name, low, high, bins, getter] of QUANTITIES) {
  const panels = PROCESSES.map((process) => {
    const hists = new Map<DetectorPreset, Histogram>();
    for (const detector of PRESETS) {
      const set = sets.get(`${process}/${detector}`)!;
      const values: number[] = [];
      for (let i = 0; i < eventCount(set); i++) {
        const v = getter(set, i);
        if (v >= 0) values.push(v);
      }
      hists.set(detector, fill(values, low, high, bins));
    }
    return panel(process, hists);
  });
  writeFileSync(
    `${OUT_DIR}/${name}.svg`,
    figure(`${name}, ${EVENTS} events per process, unit area`, panels),
  );
}

// Mass peaks, with the fitted position and width printed for the docs.
const peakPanels: string[] = [];
const peaks: [
  string,
  (d: DetectorPreset) => number[],
  number,
  number,
  number,
  number,
][] = [
  [
    'm(γγ), ggF H→γγ',
    (d) =>
      diphotonMasses(
        generateEvents({
          process: 'ggF_H',
          events: EVENTS / 4,
          detector: d,
          seed: 11,
          higgsDecay: 'gammagamma',
        }),
      ),
    110,
    140,
    60,
    125,
  ],
  [
    'm(ℓℓ), ZH',
    (d) =>
      dileptonMasses(
        generateEvents({
          process: 'ZH',
          events: 4 * EVENTS,
          detector: d,
          seed: 11,
        }),
      ),
    70,
    110,
    40,
    91,
  ],
  [
    'm(jj), tt̄ ℓ+jets',
    (d) => hadronicTopMasses(sets.get(`ttbar/${d}`)!).w,
    20,
    160,
    35,
    80,
  ],
  [
    'm(bjj), tt̄ ℓ+jets',
    (d) => hadronicTopMasses(sets.get(`ttbar/${d}`)!).top,
    80,
    300,
    44,
    172,
  ],
];
for (const [title, make, low, high, bins, guess] of peaks) {
  const hists = new Map<DetectorPreset, Histogram>();
  for (const detector of PRESETS) {
    const masses = make(detector);
    const fit = fitPeak(masses, guess, (high - low) / 4);
    process.stdout.write(
      `${title} ${detector}: peak ${fit.mean.toFixed(1)} GeV, σ ${fit.sigma.toFixed(1)} GeV (${masses.length} entries)\n`,
    );
    hists.set(detector, fill(masses, low, high, bins));
  }
  peakPanels.push(panel(`${title} [GeV]`, hists));
}
writeFileSync(
  `${OUT_DIR}/peaks.svg`,
  figure('Reconstructed mass peaks, unit area', peakPanels),
);
process.stdout.write(
  `Wrote ${QUANTITIES.length + 1} figures to ${OUT_DIR}/.\n`,
);
