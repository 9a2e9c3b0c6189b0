/** Choices shared by the Curves and Leaderboard cells: picking a metric in one shows it in both. */
export class CurvePrefs {
  /** Null: the summary's default metric. */
  metric = $state<string | null>(null);
}
