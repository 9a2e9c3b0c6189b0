/**
 * Thresholds of the curve detectors. Local for now; they will be merged into DetectorSettings.
 * Each value carries a one-line rationale.
 */
export interface CurveSettings {
  /** Fewer finite points than this and a curve is not judged (too-few-points says so). */
  minPoints: number;
  /** Points before the one judged that form the rolling baseline of loss-spike and grad-norm. */
  spikeWindow: number;
  /** A spike needs at least this many earlier points in its window. */
  spikeMinHistory: number;
  /** A spike lies above median + spikeMadK × the window's robust noise (1.4826 × MAD of differences / √2)… */
  spikeMadK: number;
  /** …and at least spikeMinRise (fraction) above that median… */
  spikeMinRise: number;
  /** …and at least this fraction of the curve's 5–95 % range above it. */
  spikeMinRangeFraction: number;
  /** Divergence: the smoothed end gave back at least this fraction of the start-to-minimum gain. */
  divergenceGiveBack: number;
  /** Divergence trend: the last this fraction of the points is fitted by a line. */
  divergenceTailFraction: number;
  /** Plateau: relative improvement from start to smoothed end below this. */
  plateauMinImprovement: number;
  /** Plateau needs at least this many points. */
  plateauMinPoints: number;
  /** Overfitting onset: consecutive evaluations with a rising held-out loss. */
  overfitRises: number;
  /** Gradient norm at least this many times its running median. */
  gradNormRatio: number;
  /** Gradient norm: earlier points needed before one is judged. */
  gradNormMinHistory: number;
  /** Stopped early when the last step is below this fraction of its siblings' median last step. */
  siblingFraction: number;
  /** Sibling comparison only with at least this many runs. */
  siblingMinRuns: number;
  /** EMA weight of the smoothing used by the detectors (TensorBoard default). */
  smoothing: number;
}

export const DEFAULT_CURVE_SETTINGS: CurveSettings = {
  // Five points is the least that shows a direction and a rise-over-three-evaluations.
  minPoints: 5,
  // Ten logs are enough for a robust median yet short enough to follow a falling loss.
  spikeWindow: 10,
  // One earlier point suffices because the rise and range tests below guard against noise;
  // this catches a blow-up on the second log (TensorBoard IMDB run: 12.4 → 18.4).
  spikeMinHistory: 1,
  // Six robust standard deviations: ordinary minibatch noise stays well inside.
  spikeMadK: 6,
  // 30 % above the local median: epoch-boundary bumps (≈ 5 %) stay quiet.
  spikeMinRise: 0.3,
  // A jump under 5 % of the curve's overall range is invisible on the plot (near-zero losses).
  spikeMinRangeFraction: 0.05,
  // Giving back half of what was gained is more than noise around a minimum.
  divergenceGiveBack: 0.5,
  // The last quarter of the run shows whether it is still going up.
  divergenceTailFraction: 0.25,
  // Less than 10 % better than at the start: the model barely learned (Falcon LoRA run: 6 %).
  plateauMinImprovement: 0.1,
  // A plateau needs a curve long enough that "flat" is not just "short".
  plateauMinPoints: 8,
  // Three rising evaluations in a row are a trend, not noise (issue 4).
  overfitRises: 3,
  // Five times the running median is far beyond clipping-level noise (Falcon: 8× vs ≈ 0.4).
  gradNormRatio: 5,
  // The first gradient norms are often large; wait for three before judging.
  gradNormMinHistory: 3,
  // Half of the typical length: far shorter than its siblings, not just a little.
  siblingFraction: 0.5,
  // The median of fewer than three runs is not a typical length.
  siblingMinRuns: 3,
  // TensorBoard's default smoothing slider.
  smoothing: 0.6,
};
