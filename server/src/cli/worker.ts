import { Analysis, type DiscoveredFile } from '../analysis';
import { analysisOptions, linterOf, type FileFindings, type LintSetup } from './lint-files';

/** A lint worker's own analysis (its caches are its own), made as the main thread made its one. */
export function workerAnalysis(setup: LintSetup): (file: DiscoveredFile) => FileFindings {
  return linterOf(new Analysis(analysisOptions(setup)), setup);
}
