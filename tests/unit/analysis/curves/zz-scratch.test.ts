import { readFileSync } from 'node:fs';
import { it } from 'vitest';
import { readCurveCsv, readTrainerState } from '../../../../src/lib/ingest/curves';
it('dump', () => {
  for (const f of ['t5_amharic_geez_legacy_1ep_undertrained.json','bert_weibo_100ep_noeval.json','lora_project_noeval.json','qwen05b_verifier_full_ft_healthy.json','falcon_lora_imdb_125steps.json']) {
    const s = readTrainerState(readFileSync(`/work/shared/data/real/trainer_state/${f}`, 'utf8'), f, f).curves;
    console.log(f, JSON.stringify(s.runs[0].notes));
    for (const c of s.curves) if (/loss/.test(c.metric)) console.log(c.metric, c.values.length, Array.from(c.steps).filter((_, i) => i % Math.ceil(c.values.length / 25) === 0).join(','), '|', Array.from(c.values).filter((_, i) => i % Math.ceil(c.values.length / 25) === 0).map(v => v.toPrecision(3)).join(','));
  }
  const f = 'lightning_metrics_slm_pretrain_20ep.csv';
  const s = readCurveCsv(readFileSync(`/work/shared/data/real/curves_csv/${f}`, 'utf8'), f, { runId: f }).curves;
  console.log(JSON.stringify(s.runs[0].notes));
  for (const c of s.curves) console.log(c.metric, c.values.length, Array.from(c.steps).join(','), '|', Array.from(c.values).map(v => v.toPrecision(4)).join(','));
});
