/**
 * Parameters of the two detector presets. `fast` follows the public
 * Delphes ATLAS card. `full` is a deliberately different detector (worse
 * calorimeter, tighter b-tagging, other thresholds, pile-up jets), so a
 * model trained on one can be tested on the other.
 */

/** Name of a detector preset. */
export type DetectorPreset = 'fast' | 'full';

/** σ(E)² = (c·E)² + s²·E + n² for one η range, GeV. */
export interface CaloTerm {
  /** Upper |η| edge of the range. */
  maxEta: number;
  constant: number;
  stochastic: number;
  noise: number;
}

/** Acceptance and identification of one kind of lepton or photon. */
export interface IdentificationConfig {
  ptMin: number;
  maxEta: number;
  /** Efficiency for |η| ≤ 1.5 and for 1.5 < |η| ≤ maxEta. */
  centralEfficiency: number;
  forwardEfficiency: number;
  /** Isolation: maximum (ΣpT of other activity within ΔR 0.5) / pT. */
  maxIsolation: number;
}

/** Every number the detector simulation reads. */
export interface DetectorConfig {
  name: DetectorPreset;
  electron: IdentificationConfig;
  muon: IdentificationConfig;
  photon: IdentificationConfig;
  ecal: readonly CaloTerm[];
  hcal: readonly CaloTerm[];
  /** Muon relative pT resolution: √(a² + (b·pT)²) per |η| range. */
  muonResolution: readonly { maxEta: number; a: number; b: number }[];
  jetPtMin: number;
  jetMaxEta: number;
  /**
   * Mean calibrated jet response (1 = perfect energy scale). Jets are taken
   * as already calibrated, so the Delphes card's jet-energy-scale factor
   * √((3.0 − 0.2|η|)²/pT + 1) is not applied.
   */
  jetScale: number;
  /** Multipliers on the Delphes ATLAS b-tag efficiencies for b, c, light. */
  bTagScale: { b: number; c: number; light: number };
  /** Probabilities per jet (|η| < 2.5) to be reconstructed as e or γ. */
  jetToElectronRate: number;
  jetToPhotonRate: number;
  /** Mean number of pile-up jets per event, and their pT above 20 GeV. */
  pileUpJets: number;
  pileUpPtScale: number;
  /** Soft-term response and resolution per MET component, GeV. */
  softResponse: number;
  softSigma: number;
}

/** Delphes ATLAS card: ECAL σ(E) = √(E²·0.0017² + E·0.101²) to |η| 3.2. */
const DELPHES_ECAL: CaloTerm[] = [
  { maxEta: 3.2, constant: 0.0017, stochastic: 0.101, noise: 0 },
  { maxEta: 4.9, constant: 0.035, stochastic: 0.285, noise: 0 },
];

/** Delphes ATLAS card HCAL terms, used as the jet energy resolution. */
const DELPHES_HCAL: CaloTerm[] = [
  { maxEta: 1.7, constant: 0.0302, stochastic: 0.5205, noise: 1.59 },
  { maxEta: 3.2, constant: 0.05, stochastic: 0.706, noise: 0 },
  { maxEta: 4.9, constant: 0.0942, stochastic: 1.0, noise: 0 },
];

const FAST: DetectorConfig = {
  name: 'fast',
  // Delphes ATLAS card: 95 % for |η| ≤ 1.5, 85 % to 2.5 (2.7 for muons).
  electron: {
    ptMin: 10,
    maxEta: 2.5,
    centralEfficiency: 0.95,
    forwardEfficiency: 0.85,
    maxIsolation: 0.12,
  },
  muon: {
    ptMin: 10,
    maxEta: 2.7,
    centralEfficiency: 0.95,
    forwardEfficiency: 0.85,
    maxIsolation: 0.25,
  },
  photon: {
    ptMin: 10,
    maxEta: 2.5,
    centralEfficiency: 0.95,
    forwardEfficiency: 0.85,
    maxIsolation: 0.12,
  },
  ecal: DELPHES_ECAL,
  hcal: DELPHES_HCAL,
  // Delphes ATLAS card muon momentum resolution.
  muonResolution: [
    { maxEta: 0.5, a: 0.01, b: 1.0e-4 },
    { maxEta: 1.5, a: 0.015, b: 1.5e-4 },
    { maxEta: 2.7, a: 0.025, b: 3.5e-4 },
  ],
  jetPtMin: 20,
  jetMaxEta: 4.9,
  jetScale: 1,
  bTagScale: { b: 1, c: 1, light: 1 },
  jetToElectronRate: 0.0005,
  jetToPhotonRate: 0.001,
  pileUpJets: 0,
  pileUpPtScale: 0,
  softResponse: 0.7,
  softSigma: 6,
};

// The `full` detector: about 30 % worse calorimetry, a 2 % jet energy scale
// offset, a tighter b-tag working point, 25 GeV jets within |η| < 4.5,
// lower lepton efficiencies, more fakes and pile-up jets (values chosen
// to resemble a high-pile-up Run 2 full simulation, not taken from one).
const FULL: DetectorConfig = {
  ...FAST,
  name: 'full',
  electron: {
    ...FAST.electron,
    ptMin: 15,
    centralEfficiency: 0.9,
    forwardEfficiency: 0.78,
  },
  muon: { ...FAST.muon, centralEfficiency: 0.93, forwardEfficiency: 0.82 },
  photon: {
    ...FAST.photon,
    ptMin: 15,
    centralEfficiency: 0.88,
    forwardEfficiency: 0.75,
  },
  ecal: [
    { maxEta: 3.2, constant: 0.007, stochastic: 0.13, noise: 0.3 },
    { maxEta: 4.9, constant: 0.04, stochastic: 0.35, noise: 0.5 },
  ],
  hcal: [
    { maxEta: 1.7, constant: 0.05, stochastic: 0.65, noise: 3 },
    { maxEta: 3.2, constant: 0.07, stochastic: 0.9, noise: 3 },
    { maxEta: 4.5, constant: 0.12, stochastic: 1.2, noise: 3 },
  ],
  muonResolution: [
    { maxEta: 1.05, a: 0.017, b: 2.0e-4 },
    { maxEta: 2.7, a: 0.03, b: 4.0e-4 },
  ],
  jetPtMin: 25,
  jetMaxEta: 4.5,
  jetScale: 1.02,
  bTagScale: { b: 0.9, c: 0.6, light: 0.4 },
  jetToElectronRate: 0.001,
  jetToPhotonRate: 0.002,
  pileUpJets: 0.7,
  pileUpPtScale: 8,
  softResponse: 0.6,
  softSigma: 11,
};

/** Returns the configuration of a detector preset. */
export function detectorConfig(preset: DetectorPreset): DetectorConfig {
  if (preset === 'fast') return FAST;
  if (preset === 'full') return FULL;
  throw new RangeError(
    `Unknown detector preset "${String(preset)}"; use "fast" or "full".`,
  );
}

/** Returns the calorimeter energy resolution σ(E), GeV, at |η|. */
export function caloSigma(
  terms: readonly CaloTerm[],
  energy: number,
  absEta: number,
): number {
  for (const t of terms) {
    if (absEta <= t.maxEta) {
      const c = t.constant * energy;
      return Math.sqrt(
        c * c + t.stochastic * t.stochastic * energy + t.noise * t.noise,
      );
    }
  }
  return 0;
}

/**
 * Returns the Delphes ATLAS card b-tag efficiency for a jet of the given
 * flavour (5 b, 4 c, anything else light) and pT, GeV, within |η| < 2.5.
 */
export function bTagEfficiency(flavour: number, pt: number): number {
  if (flavour === 5)
    return 0.8 * Math.tanh(0.003 * pt) * (30 / (1 + 0.086 * pt));
  if (flavour === 4) return (0.2 * Math.tanh(0.02 * pt)) / (1 + 0.0034 * pt);
  return 0.002 + 7.3e-6 * pt;
}
