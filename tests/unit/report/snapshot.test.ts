/**
 * The whole report, byte for byte, on the seed sample and on the planted sweep. A change to any
 * detector's wording or to the statistics shows up here as a readable diff of the markdown;
 * review it, then update with `npx vitest run --project unit tests/unit/report -u`. The files end
 * in `.md.snap` so that Prettier (which would realign the tables) leaves their bytes alone.
 */
import { describe, expect, it } from 'vitest';
import { generatePlantedSweep } from '../../../src/lib/fixtures';
import { buildMarkdownReport } from '../../../src/lib/report';
import { analyze, DEFAULT_SETTINGS } from '../../../src/lib/analysis';
import { curveDataset } from '../analysis/curves/curve-dataset';
import { datasetOf, seedSampleTable, tableFromCsv } from '../analysis/table-helper';

const report = (table: ReturnType<typeof seedSampleTable>, file: string) =>
  buildMarkdownReport(
    analyze(datasetOf(table, file), { overrides: {}, settings: DEFAULT_SETTINGS }),
  );

describe('report snapshots', () => {
  it('seed sample', async () => {
    const md = report(seedSampleTable(), 'hpi_sample_results.csv');
    await expect(md).toMatchFileSnapshot('./__snapshots__/seed-sample.md.snap');
  });

  it('planted sweep (seed 42, 60 trials)', async () => {
    const md = report(tableFromCsv(generatePlantedSweep(42, 60).csv), 'planted_42.csv');
    await expect(md).toMatchFileSnapshot('./__snapshots__/planted-sweep-42.md.snap');
  });

  it('training curves (six runs, hyperparameters from folder names)', async () => {
    const md = buildMarkdownReport(
      analyze(curveDataset(), { overrides: {}, settings: DEFAULT_SETTINGS }),
    );
    await expect(md).toMatchFileSnapshot('./__snapshots__/training-curves.md.snap');
  });
});
