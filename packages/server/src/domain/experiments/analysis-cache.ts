import {
  analyzeExperiment,
  type ExperimentAnalysis,
  type ExperimentInput,
} from "./statistics/index.js";

/**
 * The Monte Carlo part of an analysis takes a few hundred milliseconds of CPU; results only
 * change when counts do, so identical inputs are answered from memory (deterministic seed).
 */
export class AnalysisCache {
  private readonly entries = new Map<string, ExperimentAnalysis>();

  constructor(private readonly maxEntries = 500) {}

  get(input: ExperimentInput): ExperimentAnalysis {
    const key = JSON.stringify(input);
    const hit = this.entries.get(key);
    if (hit) return hit;
    const analysis = analyzeExperiment(input);
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(key, analysis);
    return analysis;
  }
}
