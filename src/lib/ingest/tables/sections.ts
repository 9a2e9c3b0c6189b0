/**
 * W&B and the MLflow UI write their fixed columns first, then each block of keys (config or params,
 * then summary or metrics, then MLflow tags) sorted by code unit order, the order of JavaScript's
 * default sort. So a drop in that order marks the start of the next block. The boundaries are
 * trusted only when the drops are at most `maxBlocks - 1`: more means the columns were reordered
 * by hand, and every bare name is then left to inference.
 */
export function sortedBlocks(names: readonly string[], maxBlocks: number): string[][] | null {
  if (names.length === 0) return [];
  const blocks: string[][] = [[names[0]]];
  for (let i = 1; i < names.length; i++) {
    if (names[i] < names[i - 1]) blocks.push([]);
    blocks[blocks.length - 1].push(names[i]);
  }
  return blocks.length <= maxBlocks ? blocks : null;
}
