/** Generated sweeps for the statistics tests. */
import { createRandom } from '../../../../src/lib/fixtures';
import { tableFromColumns } from '../table-helper';

/**
 * A sweep where only the learning rate matters: val_loss = 0.3 + 0.25·(log10 lr + 3)² + noise
 * (optimum at 1e-3, so lr is not even monotone), with four distractors: batch size (grid),
 * dropout (uniform), optimizer (category) and weight decay (log-uniform).
 */
export function oneDriverSweep(seed: number, trials: number, noise: number) {
  const rng = createRandom(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
  const columns: Record<string, (number | string)[]> = {
    trial_id: [],
    lr: [],
    batch_size: [],
    dropout: [],
    optimizer: [],
    weight_decay: [],
    val_loss: [],
  };
  for (let i = 0; i < trials; i++) {
    const lr = rng.logUniform(1e-5, 1e-1);
    columns.trial_id.push(i + 1);
    columns.lr.push(lr);
    columns.batch_size.push(rng.pick([16, 32, 64, 128]));
    columns.dropout.push(rng.uniform(0, 0.5));
    columns.optimizer.push(rng.pick(['adam', 'adamw', 'sgd']));
    columns.weight_decay.push(rng.logUniform(1e-6, 1e-2));
    columns.val_loss.push(0.3 + 0.25 * (Math.log10(lr) + 3) ** 2 + noise * gauss());
  }
  return tableFromColumns(columns);
}
