/**
 * Entry of the partial plotly.js bundle (built by scripts/vite-plugin-plotly.mjs into one classic
 * script, assets/plotly-partial-<hash>.js). It holds only the trace types the app draws:
 * `scatter` (in core), `bar`, `heatmap` (src/lib/report/figures) and the WebGL `scattergl` and
 * `parcoords` in their strict variants, whose shaders are precompiled so that no `new Function`
 * runs: the app works under a CSP without 'unsafe-eval'. A figure builder that emits another
 * trace type must register it here too (figures.test.ts draws every figure kind).
 */
import Plotly from 'plotly.js/lib/core';
import bar from 'plotly.js/lib/bar';
import heatmap from 'plotly.js/lib/heatmap';
import scattergl from 'plotly.js/src/traces/scattergl/strict';
import parcoords from 'plotly.js/src/traces/parcoords/strict';

Plotly.register([bar, heatmap, scattergl, parcoords]);

// A classic script, not a module: the app and the exported HTML report both read window.Plotly.
globalThis.Plotly = Plotly;
