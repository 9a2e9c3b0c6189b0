/**
 * The claim checker: every number, run id and hyperparameter name the model wrote is looked up
 * in the facts of the summary. Whatever is not there is reported, so the page can highlight it
 * inline and count it ("3 numbers not found in your data").
 */
import { normaliseName, type FactIndex } from './facts';
import { isNumberToken, parseWritten } from './numbers';
import { tokenize, type Token } from './tokens';
import { HYPERPARAMETER_WORDS } from './vocabulary';

export type ClaimKind = 'number' | 'run' | 'name';

export interface Claim {
  kind: ClaimKind;
  /** The text as written, e.g. "0.01", "42%", "trial 9"'s "9", "weight decay". */
  text: string;
  start: number;
  end: number;
  found: boolean;
  /** Why a claim was not found, for the tooltip. */
  reason?: string;
}

export interface ClaimReport {
  claims: Claim[];
  unmatched: Claim[];
  /** Unmatched claims by kind. */
  counts: Record<ClaimKind, number>;
}

const RUN_WORDS = /^(?:runs?|trials?|ids?|experiments?|jobs?)$/i;
const LIST_GLUE = /^(?:and|or|&)$/i;
/** "Run 24 more trials": after these words the number is a count, not a run id. */
const COUNT_WORDS =
  /^(?:more|additional|extra|new|other|further|trials?|runs?|times|of|out|configs?|configurations?|seeds?|epochs?|steps?|percent)$/i;
const ID_LIKE = /^(?:run|trial|exp|job|ckpt|checkpoint)[-_#]?\d|_/i;

export function checkClaims(text: string, facts: FactIndex): ClaimReport {
  const claims: Claim[] = [];
  const names = unknownNameMentions(text, facts);
  claims.push(...names);
  const tokens = tokenize(text);
  let runContext = false;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    const gap = i > 0 ? text.slice(tokens[i - 1].end, token.start) : '';
    if (!/^[\s,#&]*$/.test(gap)) runContext = false;
    if (RUN_WORDS.test(token.text)) {
      runContext = true;
      continue;
    }
    if (LIST_GLUE.test(token.text) && runContext) continue;
    if (isNumberToken(token.text)) {
      if (isListMarker(text, token)) continue;
      const next = tokens[i + 1];
      const asRun = runContext && !(next && COUNT_WORDS.test(next.text));
      claims.push(asRun ? runClaim(token, facts) : numberClaim(text, token, facts, names));
      continue;
    }
    runContext = false;
    if (facts.runIds.has(token.text)) {
      claims.push({
        kind: 'run',
        text: token.text,
        start: token.start,
        end: token.end,
        found: true,
      });
    } else if (/\p{L}/u.test(token.text) && /\d/.test(token.text) && ID_LIKE.test(token.text)) {
      if (facts.names.has(normaliseName(token.text))) continue;
      claims.push({
        kind: 'run',
        text: token.text,
        start: token.start,
        end: token.end,
        found: false,
        reason: 'No run or trial with this id in your data.',
      });
    }
  }
  claims.sort((a, b) => a.start - b.start);
  const unmatched = claims.filter((c) => !c.found);
  const counts: Record<ClaimKind, number> = { number: 0, run: 0, name: 0 };
  for (const c of unmatched) counts[c.kind]++;
  return { claims, unmatched, counts };
}

function runClaim(token: Token, facts: FactIndex): Claim {
  const found = facts.runIds.has(token.text);
  return {
    kind: 'run',
    text: token.text,
    start: token.start,
    end: token.end,
    found,
    reason: found ? undefined : 'No run or trial with this id in your data.',
  };
}

function numberClaim(text: string, token: Token, facts: FactIndex, names: Claim[]): Claim {
  const after = text.slice(token.end, token.end + 9);
  const percentSign = /^\s?%/.exec(after);
  const percent = percentSign !== null || /^\s+percent\b/i.test(after);
  const end = percentSign ? token.end + percentSign[0].length : token.end;
  const written = parseWritten(token.text, percent);
  const base = {
    kind: 'number' as const,
    text: text.slice(token.start, end),
    start: token.start,
    end,
  };
  // A value attributed to a hyperparameter the data does not have is invented, whatever it is.
  const owner = names.find(
    (n) => n.end <= token.start && attributes(text.slice(n.end, token.start)),
  );
  if (owner) {
    return {
      ...base,
      found: false,
      reason: `Your data has no "${owner.text}" to take this value from.`,
    };
  }
  const found = written !== null && facts.numbers.matches(written);
  return {
    ...base,
    found,
    reason: found ? undefined : 'This number does not appear in your data.',
  };
}

/** "weight decay of 0.01", "weight decay (0.01)", "weight decay = 1e-2": same clause, close by. */
function attributes(between: string): boolean {
  return between.length <= 40 && !/[.!?;:\n]\s/.test(between) && !/\d/.test(between);
}

function isListMarker(text: string, token: Token): boolean {
  const lineStart = text.lastIndexOf('\n', token.start - 1) + 1;
  return (
    /^\s*$/.test(text.slice(lineStart, token.start)) &&
    /^[.)]\s/.test(text.slice(token.end, token.end + 2))
  );
}

/**
 * Common hyperparameter names the text mentions but the data has no column for, and the
 * summary's own advice does not mention either (it may say "add gradient clipping").
 */
function unknownNameMentions(text: string, facts: FactIndex): Claim[] {
  const out: Claim[] = [];
  const known = [...facts.names].map((n) => ` ${n} `);
  for (const word of HYPERPARAMETER_WORDS) {
    if (word.aliases.some((alias) => known.some((n) => n.includes(` ${alias} `)))) continue;
    if (facts.mentioned.has(word.label)) continue;
    for (const m of text.matchAll(word.pattern)) {
      const start = m.index ?? 0;
      out.push({
        kind: 'name',
        text: m[0],
        start,
        end: start + m[0].length,
        found: false,
        reason: `Your data has no ${word.label} column.`,
      });
    }
  }
  return out;
}
