/**
 * `paraphe audit verify`: checks the platform's audit chains (read-only) and names every
 * edited, deleted, inserted or reordered event. Exit 0 when intact, 1 when tampered with.
 */
import { derFromInput } from '@paraphe/pki';
import { parseCommand } from '../args.js';
import { readInput } from '../files.js';
import type { CliIo } from '../io.js';

const OPTIONS = {
  data: { type: 'string' },
  'database-url': { type: 'string' },
  org: { type: 'string' },
  json: { type: 'boolean' },
  'tsa-cert': { type: 'string' },
} as const;

export async function auditVerifyCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseCommand('audit verify', args, OPTIONS, { min: 0, max: 0, names: 'no positional argument' });
  const { loadConfig, verifyStoredAudit } = await import('@paraphe/server');
  const env = { ...io.env };
  if (values.data !== undefined) env.PARAPHE_DATA_DIR = values.data;
  if (values['database-url'] !== undefined) env.DATABASE_URL = values['database-url'];
  const config = loadConfig(env);
  // A TSA certificate kept apart from the database defeats someone who rewrote the database wholesale.
  const tsaCertificate = values['tsa-cert'] !== undefined ? derFromInput(await readInput(values['tsa-cert'])) : undefined;
  const result = await verifyStoredAudit({
    database: config.database,
    ...(values.org !== undefined ? { orgId: values.org } : {}),
    ...(tsaCertificate ? { tsaCertificate } : {}),
  });
  if (values.json) {
    io.stdout(`${JSON.stringify(result, null, 2)}\n`);
  } else {
    for (const chain of result.chains) {
      const anchor = chain.lastAnchor ? `, anchored up to seq ${chain.lastAnchor.seq} at ${chain.lastAnchor.time}` : ', not anchored yet';
      io.stdout(`${chain.valid ? 'OK      ' : 'TAMPERED'} chain ${chain.orgId}: ${chain.events} events${anchor}\n`);
      for (const f of chain.findings) io.stdout(`  ${f.kind} seq ${f.seq}: ${f.message}\n`);
    }
    if (result.chains.length === 0) io.stdout('no audit events\n');
  }
  return result.valid ? 0 : 1;
}
