// Percentage agreement and Cohen's kappa from a 2×2 table of characters, as QDA tools compute it
// (MAXQDA's and NVivo's character-based kappa, QualCoder's "agreement"): every character of a document
// is, for each code, coded or not by each of the two coders.

/** Characters by what the two coders did with them (for one code, or summed over several). */
export interface AgreementCounts {
  both: number;
  onlyA: number;
  onlyB: number;
  neither: number;
}

export interface AgreementFigures extends AgreementCounts {
  /** Characters counted (both + onlyA + onlyB + neither). */
  units: number;
  /** Observed agreement in [0, 1]: characters both coded or both left, over all. */
  agreement: number;
  /** Agreement expected by chance from each coder's share of coded characters. */
  expected: number;
  /** (po − pe) / (1 − pe); null when pe = 1 (no character coded, or every one by both): kappa is undefined then. */
  kappa: number | null;
}

export const NO_COUNTS: AgreementCounts = { both: 0, onlyA: 0, onlyB: 0, neither: 0 };

export function addCounts(a: AgreementCounts, b: AgreementCounts): AgreementCounts {
  return { both: a.both + b.both, onlyA: a.onlyA + b.onlyA, onlyB: a.onlyB + b.onlyB, neither: a.neither + b.neither };
}

export function agreementFigures(counts: AgreementCounts): AgreementFigures {
  const units = counts.both + counts.onlyA + counts.onlyB + counts.neither;
  if (units === 0) return { ...counts, units, agreement: 1, expected: 1, kappa: null };
  const po = (counts.both + counts.neither) / units;
  const a = (counts.both + counts.onlyA) / units;
  const b = (counts.both + counts.onlyB) / units;
  const pe = a * b + (1 - a) * (1 - b);
  // pe is 1 only when both coders coded all or nothing alike; a float a hair below 1 is the same case.
  const kappa = 1 - pe < 1e-12 ? null : (po - pe) / (1 - pe);
  return { ...counts, units, agreement: po, expected: pe, kappa };
}
