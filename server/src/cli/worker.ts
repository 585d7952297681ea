import * as fs from 'node:fs';
import { Analysis, parseConfig, type DiscoveredFile } from '../analysis';
import { decodeBytes } from '../analysis/decode';
import { analysisOptions, type FileFindings, type LintSetup } from './lint-files';

/** A lint worker's own analysis (its caches are its own), made as the main thread made its one. */
export function workerAnalysis(setup: LintSetup): (file: DiscoveredFile) => FileFindings {
  let config;
  if (setup.configPath) {
    const text = decodeBytes(fs.readFileSync(setup.configPath)).text;
    config = { loaded: parseConfig(setup.configPath, text), base: setup.cwd };
  }
  const analysis = new Analysis(analysisOptions(setup, config));
  return (f) => {
    const { findings, elsewhere } = analysis.lint(f.path, { kind: f.kind, explicit: true, overrides: setup.overrides });
    return { findings, elsewhere };
  };
}
