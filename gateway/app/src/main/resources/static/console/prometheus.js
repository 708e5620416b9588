// Reads the Prometheus text format that /actuator/prometheus serves, enough for the console:
// one sample per line, `name{label="value",…} number`, comments skipped.

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

/** Every sample: [{name, labels: {…}, value}]. */
export function parseSamples(text) {
  const samples = [];
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const match = SAMPLE.exec(line);
    if (!match) continue;
    const labels = {};
    for (const [, key, raw] of (match[2] ?? '').matchAll(LABEL)) {
      labels[key] = raw.replace(/\\(.)/g, (_, c) => (c === 'n' ? '\n' : c));
    }
    samples.push({ name: match[1], labels, value: Number(match[3]) });
  }
  return samples;
}

/**
 * The sum of the samples named `name` whose labels include `where`, or null when there are
 * none: a metric the gateway has not registered yet is absent, not zero.
 */
export function total(samples, name, where = {}) {
  let sum = null;
  for (const sample of samples) {
    if (sample.name !== name) continue;
    if (!Object.entries(where).every(([key, value]) => sample.labels[key] === value)) continue;
    sum = (sum ?? 0) + sample.value;
  }
  return sum;
}

/** The first of the candidate series that is present: metric names may still change. */
export function firstPresent(samples, candidates) {
  for (const [name, where] of candidates) {
    const value = total(samples, name, where);
    if (value !== null) return value;
  }
  return null;
}
