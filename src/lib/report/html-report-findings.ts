/** The findings section of the HTML report: per detector, each finding with what, where, why, what to try. */
import type { AnalysisSummary, DetectorCount, Finding } from '../model';
import { html } from './html-escape';

/** Findings shown per detector; the CSV and JSON exports have every one. */
export const MAX_HTML_FINDINGS = 100;
/** Run ids listed per finding before "+N more". */
const MAX_RUN_IDS = 40;

export function findingsSection(s: AnalysisSummary): string {
  const fired = s.detectorCounts.filter((d) => d.findings > 0);
  if (fired.length === 0) {
    return section('findings', 'Findings', '<p>No detector found anything in this data.</p>');
  }
  const summaryRows = fired
    .map((d) => {
      const worst = s.findings.find((f) => f.detector === d.detector)?.severity ?? 'info';
      return `<tr><td>${html(d.label)}</td><td>${severityBadge(worst)}</td><td class="num">${d.findings}</td><td class="num">${d.runs}</td></tr>`;
    })
    .join('');
  const table = `<table><thead><tr><th>Issue</th><th>Worst severity</th><th>Findings</th><th>Runs</th></tr></thead><tbody>${summaryRows}</tbody></table>`;
  const quiet = s.detectorCounts.filter((d) => d.findings === 0).map((d) => d.label);
  const quietText =
    quiet.length > 0 ? `<p class="muted">No findings from: ${html(quiet.join(', '))}.</p>` : '';
  const groups = fired.map((d) => detectorGroup(d, s.findings)).join('');
  return section('findings', 'Findings', table + quietText + groups);
}

function detectorGroup(d: DetectorCount, findings: Finding[]): string {
  const own = findings.filter((f) => f.detector === d.detector);
  const shown = own.slice(0, MAX_HTML_FINDINGS).map(findingCard).join('');
  // The page's summary may already be capped; the worker's full summary says how many exist.
  const left = Math.max(d.findings, own.length) - Math.min(own.length, MAX_HTML_FINDINGS);
  const more =
    left > 0
      ? `<p class="muted">${left} more ${left === 1 ? 'finding' : 'findings'} of this kind are in the CSV and JSON exports.</p>`
      : '';
  return `<h3>${html(d.label)}</h3>${shown}${more}`;
}

function findingCard(f: Finding): string {
  const ids = f.runIds.slice(0, MAX_RUN_IDS).map((id) => `<code>${html(id)}</code>`);
  const extra = f.runIds.length - ids.length;
  const where =
    f.runIds.length > 0
      ? `<p class="where"><span class="label">Runs:</span> ${ids.join(', ')}${extra > 0 ? ` … (+${extra} more)` : ''}</p>`
      : '';
  const steps =
    f.curve && f.curve.steps.length > 0
      ? `<p class="where"><span class="label">Metric:</span> <code>${html(f.curve.metric)}</code>, <span class="label">steps:</span> ${html(f.curve.steps.join(', '))}</p>`
      : '';
  const evidence =
    f.evidence.length > 0
      ? `<table class="evidence"><thead><tr><th>Evidence</th><th>Value</th><th>Threshold</th></tr></thead><tbody>${f.evidence
          .map(
            (e) =>
              `<tr><td>${html(e.label)}</td><td class="num">${html(e.value)}</td><td>${html(e.threshold ?? '')}</td></tr>`,
          )
          .join('')}</tbody></table>`
      : '';
  return [
    `<article class="finding" data-detector="${html(f.detector)}" data-severity="${html(f.severity)}">`,
    `<h4>${severityBadge(f.severity)} ${html(f.title)}</h4>`,
    where,
    steps,
    evidence,
    `<p><span class="label">Why it matters:</span> ${html(f.explanation)}</p>`,
    `<p><span class="label">What to try:</span> ${html(f.recommendation)}</p>`,
    '</article>',
  ].join('');
}

export function severityBadge(severity: string): string {
  return `<span class="badge ${html(severity)}">${html(severity)}</span>`;
}

export function section(id: string, title: string, body: string): string {
  return `<section id="${html(id)}"><h2>${html(title)}</h2>${body}</section>`;
}
