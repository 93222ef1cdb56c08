// Regenerates core/spec/builtin-spec.json from the seed documents in ../shared/seeds/.
// The JSON is committed so that the app ships its qualification and never needs ../shared
// at run time; test/unit/spec/builtin-spec.test.ts checks it still matches the seeds.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildBuiltinSpec } from '../core/spec/build-builtin';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const seedDir = process.argv[2] ?? join(root, '..', 'shared', 'seeds');
const seeds = readdirSync(seedDir)
  .filter((name) => name.endsWith('.txt'))
  .sort()
  .map((name) => ({ name, text: readFileSync(join(seedDir, name), 'utf8') }));
const spec = buildBuiltinSpec(seeds);
writeFileSync(join(root, 'core', 'spec', 'builtin-spec.json'), `${JSON.stringify(spec, null, 2)}\n`);
console.error(`Wrote core/spec/builtin-spec.json: ${spec.units.length} units, ${spec.units.flatMap((u) => u.learningOutcomes.flatMap((lo) => lo.markingPoints)).length} marking points.`);
