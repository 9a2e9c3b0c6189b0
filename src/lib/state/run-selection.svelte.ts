/** Runs selected in one cell, highlighted in the others. */
export class RunSelection {
  ids = $state.raw<readonly string[]>([]);
  // A snapshot rebuilt when the selection changes, never mutated: no SvelteSet needed.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  #set: ReadonlySet<string> = $derived(new Set(this.ids));
  #idColumn: string | null = null;

  has(runId: string): boolean {
    return this.#set.has(runId);
  }

  toggle(runId: string): void {
    this.ids = this.has(runId) ? this.ids.filter((id) => id !== runId) : [...this.ids, runId];
  }

  select(runIds: readonly string[]): void {
    this.ids = [...runIds];
  }

  clear(): void {
    this.ids = [];
  }

  /** Run ids come from the id column: if another column became the id, the selection means nothing. */
  followIdColumn(idColumn: string | null): void {
    if (idColumn !== this.#idColumn) this.ids = [];
    this.#idColumn = idColumn;
  }
}
