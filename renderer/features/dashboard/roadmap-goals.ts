/**
 * The Western Balkans SALW Control Roadmap's seven goals (2018) and the Dashboard's measures
 * that feed each, exactly as far as ../shared/reference/salw-domain.md (b) B1 and B5 say:
 * - `wording`: how sure the goal's wording is (B5's tags: verified, verified in substance, partly
 *   verified, or a paraphrase not verified);
 * - a measure is `confirmed` where B1 names the goal as its source (K8 Goal 6, K13 Goal 3, K14
 *   Goal 2, K16 Goal 7), `inferred` where only the goal's theme suggests it.
 * The 14 KPIs are NOT named: B5 says their exact names could not be read.
 */
export type WordingCertainty = 'verified' | 'inSubstance' | 'partlyVerified' | 'unverified';
export type MeasureLink = 'confirmed' | 'inferred';
export type RoadmapMeasure = 'k1' | 'k8' | 'k9' | 'k10' | 'k12' | 'k13' | 'k14' | 'k15' | 'k16';

export interface RoadmapGoal {
  readonly id: 'g1' | 'g2' | 'g3' | 'g4' | 'g5' | 'g6' | 'g7';
  readonly wording: WordingCertainty;
  readonly measures: readonly { readonly measure: RoadmapMeasure; readonly link: MeasureLink }[];
  /** The Dashboard section the measures are in. */
  readonly section?: string;
}

export const roadmapGoals: readonly RoadmapGoal[] = [
  { id: 'g1', wording: 'verified', measures: [] },
  {
    id: 'g2',
    wording: 'verified',
    measures: [{ measure: 'k14', link: 'confirmed' }],
    section: 'dashboard-inflow',
  },
  {
    id: 'g3',
    wording: 'inSubstance',
    measures: [{ measure: 'k13', link: 'confirmed' }],
    section: 'dashboard-inflow',
  },
  { id: 'g4', wording: 'partlyVerified', measures: [] },
  {
    id: 'g5',
    wording: 'unverified',
    measures: [
      { measure: 'k12', link: 'inferred' },
      { measure: 'k1', link: 'inferred' },
    ],
    section: 'dashboard-inflow',
  },
  {
    id: 'g6',
    wording: 'unverified',
    measures: [
      { measure: 'k8', link: 'confirmed' },
      { measure: 'k9', link: 'inferred' },
      { measure: 'k10', link: 'inferred' },
    ],
    section: 'dashboard-outflow',
  },
  {
    id: 'g7',
    wording: 'unverified',
    measures: [
      { measure: 'k16', link: 'confirmed' },
      { measure: 'k15', link: 'inferred' },
    ],
    section: 'dashboard-storage',
  },
];
