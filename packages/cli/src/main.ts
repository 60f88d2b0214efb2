/**
 * Process entry point of the `paraphe` command. With PARAPHE_RESOURCE_REPORT=FILE set, the
 * peak resident memory of the run is written to FILE as JSON (used by the memory test).
 */
import { writeFileSync } from 'node:fs';
import { processIo } from './io.js';
import { run } from './run.js';

const status = await run(process.argv.slice(2), processIo());
const reportFile = process.env.PARAPHE_RESOURCE_REPORT;
if (reportFile) writeFileSync(reportFile, JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS }));
process.exitCode = status;
