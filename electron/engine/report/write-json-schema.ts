/**
 * Writes docs/report.schema.json from the zod schema, formatted like the rest of the repo.
 * Run: npx tsx electron/engine/report/write-json-schema.ts
 * (A unit test fails when the committed file and the schema disagree.)
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { reportJsonSchemaText } from './schema';

const target = fileURLToPath(new URL('../../../docs/report.schema.json', import.meta.url));
const options = (await resolveConfig(target)) ?? {};
writeFileSync(target, await format(reportJsonSchemaText(), { ...options, filepath: target }));
console.log(`wrote ${target}`);
