/**
 * Particle codes, masses, widths and branching ratios for the generator.
 *
 * Masses and widths in GeV. Values: PDG 2024 (Review of Particle Physics)
 * for the top, W, Z and τ; LHC Higgs cross-section working group for the
 * Higgs mass and branching ratios at 125 GeV.
 */

/** PDG Monte Carlo particle numbers; a negative code is the antiparticle. */
export const PDG = {
  down: 1,
  up: 2,
  strange: 3,
  charm: 4,
  bottom: 5,
  top: 6,
  electron: 11,
  electronNeutrino: 12,
  muon: 13,
  muonNeutrino: 14,
  tau: 15,
  tauNeutrino: 16,
  gluon: 21,
  photon: 22,
  z: 23,
  w: 24,
  higgs: 25,
} as const;

/**
 * Code of the visible part of a hadronically decaying τ (the π, ρ or a₁
 * system). It is not a PDG number; the code stays inside the generator.
 */
export const HADRONIC_TAU = 100015;

/** Top quark mass and width, PDG 2024. */
export const TOP_MASS = 172.6;
export const TOP_WIDTH = 1.42;
/** W boson mass and width, PDG 2024. */
export const W_MASS = 80.37;
export const W_WIDTH = 2.085;
/** Z boson mass and width, PDG 2024. */
export const Z_MASS = 91.19;
export const Z_WIDTH = 2.495;
/** Higgs mass; its 4.1 MeV width is far below any resolution, so fixed. */
export const HIGGS_MASS = 125.2;
/** b-quark kinematic mass, as used by parton-shower generators. */
export const BOTTOM_MASS = 4.8;
/** Charm-quark kinematic mass. */
export const CHARM_MASS = 1.5;
/** τ lepton mass, PDG 2024. */
export const TAU_MASS = 1.777;
/** Muon and electron masses, PDG 2024. */
export const MUON_MASS = 0.10566;
export const ELECTRON_MASS = 0.000511;

/** Proton–proton centre-of-mass energy, GeV. */
export const SQRT_S = 13000;

/** Higgs decay modes in the order of the `higgsDecay` truth code (1 …). */
export const HIGGS_DECAY_MODES = [
  'bb',
  'WW',
  'gg',
  'tautau',
  'cc',
  'ZZ',
  'gammagamma',
  'Zgamma',
  'mumu',
] as const;

/** Name of a Higgs decay mode. */
export type HiggsDecayMode = (typeof HIGGS_DECAY_MODES)[number];

/**
 * Higgs branching ratios at 125 GeV (LHC Higgs working group), in the
 * order of `HIGGS_DECAY_MODES`. They sum to 0.9995; the rare rest
 * (ss̄, Z→ee…) is left out and the draw renormalises.
 */
export const HIGGS_BRANCHING = [
  0.582, 0.214, 0.0819, 0.0627, 0.0289, 0.0262, 0.00227, 0.00153, 0.00022,
];

/** W decay branching ratios, PDG 2024: eν, μν, τν, ud̄′, cs̄′. */
export const W_BRANCHING = [0.1071, 0.1063, 0.1138, 0.33705, 0.33705];

/**
 * Z decay branching ratios, PDG 2024: ee, μμ, ττ, νν (three flavours
 * together), bb̄, cc̄, ss̄, dd̄, uū. The light-quark split follows the
 * down-type/up-type couplings (0.156 each for d, s; 0.116 for u).
 */
export const Z_BRANCHING = [
  0.03363, 0.03366, 0.0337, 0.2, 0.151, 0.12, 0.156, 0.156, 0.1161,
];

/** τ decay branching ratios, PDG 2024: hadrons + ν, eνν, μνν. */
export const TAU_BRANCHING = [0.648, 0.178, 0.174];

/**
 * Visible masses of hadronic τ decays (π, ρ, a₁) and their shares of the
 * hadronic width, from the PDG τ branching fractions grouped by resonance.
 */
export const TAU_HADRON_MASSES = [0.1396, 0.775, 1.23];
export const TAU_HADRON_SHARES = [0.17, 0.45, 0.38];
