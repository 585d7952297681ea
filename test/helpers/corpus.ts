import * as fs from 'node:fs';
import * as path from 'node:path';

/** The real-world corpus beside the repository (absent on a user's fresh clone). */
export const CORPUS_DIR = path.resolve(__dirname, '..', '..', '..', '..', 'shared', 'corpus-realworld');

export interface CorpusFile {
  file: string;
  kind: 'compose' | 'dockerfile';
}

/** Compose files and Dockerfiles listed in the corpus manifest; empty when the corpus is absent. */
export function corpusFiles(): CorpusFile[] {
  const manifest = path.join(CORPUS_DIR, 'MANIFEST.tsv');
  if (!fs.existsSync(manifest)) return [];
  return fs
    .readFileSync(manifest, 'utf8')
    .split('\n')
    .slice(1)
    .map((line) => line.split('\t'))
    .filter((cols) => cols[4] === 'compose' || cols[4] === 'dockerfile')
    .map((cols) => ({ file: path.join(CORPUS_DIR, cols[10]), kind: cols[4] as 'compose' | 'dockerfile' }))
    .filter((f) => fs.existsSync(f.file));
}

export const CORPUS_SKIP = fs.existsSync(CORPUS_DIR)
  ? false
  : `corpus not found at ${CORPUS_DIR} (only present beside the development checkout)`;
