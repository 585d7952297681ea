import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Range, TextEdit } from '../../../shared-rules/src/model';
import { docsUrl, type Finding, type Severity } from '../../../shared-rules/src/rule';
import { allRules } from '../../../shared-rules/src/rules';
import { engineRules } from '../../../shared-rules/src/meta';
import { containerArgs, renderMessage, ruleTitle, type Locale } from '../../../shared-rules/src/l10n';
import { fingerprints } from './fingerprint';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const INFORMATION_URI = 'https://github.com/dockwarden/dockwarden';
export const FINGERPRINT_KEY = 'dockwarden/v1';
const SRCROOT = '%SRCROOT%';

export interface SarifOptions {
  version: string;
  /** The folder relative paths are relative to (becomes %SRCROOT%). */
  cwd: string;
  locale: Locale;
  /** Text of a file named as findings name it, for fingerprints. */
  textOf(file: string): string | undefined;
}

type SarifLevel = 'error' | 'warning' | 'note' | 'none';

export function sarifLevel(s: Severity): SarifLevel {
  return s === 'error' ? 'error' : s === 'warning' ? 'warning' : 'note';
}

/** GitHub code scanning ranks security alerts by this score (0–10). */
const SECURITY_SEVERITY: Record<Severity, string> = { error: '8.0', warning: '5.5', info: '3.0', hint: '1.0' };

interface RuleDescriptor {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  helpUri: string;
  help: { text: string };
  defaultConfiguration: { level: SarifLevel };
  properties: Record<string, unknown>;
}

/** Every rule the tool can report: the catalogue's rules and the engine's own findings. */
export function ruleDescriptors(locale: Locale): RuleDescriptor[] {
  const fromRules = allRules.map((rule) => {
    const title = ruleTitle(rule, locale);
    const messageId = 'default' in rule.messages ? 'default' : Object.keys(rule.messages)[0];
    const template = messageId === undefined ? undefined : rule.messages[messageId];
    const args = { ...placeholderArgs(template ?? ''), ...containerArgs({ origin: 'compose', name: '<service>' }, locale) };
    const example = template ? renderMessage(rule, messageId, args, locale) : title;
    return descriptor(rule.id, ruleName(rule.title), title, example, rule.defaultSeverity);
  });
  const fromEngine = engineRules.map((r) => descriptor(r.id, ruleName(r.title), ruleTitle(r, locale), r.title, r.defaultSeverity));
  return [...fromRules, ...fromEngine];
}

function descriptor(id: string, name: string, title: string, full: string, severity: Severity): RuleDescriptor {
  return {
    id,
    name,
    shortDescription: { text: title },
    fullDescription: { text: full },
    helpUri: docsUrl(id),
    help: { text: `${title} — ${docsUrl(id)}` },
    defaultConfiguration: { level: sarifLevel(severity) },
    properties: { tags: ['security', 'containers'], 'security-severity': SECURITY_SEVERITY[severity] },
  };
}

function placeholderArgs(template: string): Record<string, string> {
  const args: Record<string, string> = {};
  for (const m of template.matchAll(/\{(\w+)\}/g)) args[m[1]] = `<${m[1]}>`;
  return args;
}

/** A readable identifier from the English title ("Container runs privileged" → ContainerRunsPrivileged):
 * SARIF wants `name` to differ from the opaque `id`. */
function ruleName(title: string): string {
  return title
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1).toLowerCase())
    .join('');
}

/**
 * toSarif's log as `JSON.stringify(log, null, 2)` writes it, the results one by one: for 140,000 findings the
 * whole text is hundreds of megabytes, and need not exist at once.
 */
export function writeSarif(out: { write(s: string): unknown }, findings: readonly Finding[], options: SarifOptions): void {
  const log = toSarif(findings, options) as { runs: Array<{ results: unknown[] }> };
  const results = log.runs[0].results;
  log.runs[0].results = [PLACEHOLDER];
  const [head, tail] = JSON.stringify(log, null, 2).split(JSON.stringify(PLACEHOLDER));
  if (results.length === 0) {
    // `[]` on one line, as JSON.stringify writes an empty array.
    out.write(`${head.replace(/\[\s*$/, '[')}${tail.replace(/^\s*\]/, ']')}\n`);
    return;
  }
  // Results sit at depth 4 (log, runs, run, results): each line of one indented by 8 spaces.
  let buffer = head;
  results.forEach((r, i) => {
    buffer += (i > 0 ? `,\n${INDENT}` : '') + JSON.stringify(r, null, 2).replace(/\n/g, `\n${INDENT}`);
    if (buffer.length >= 1 << 20) {
      out.write(buffer);
      buffer = '';
    }
  });
  out.write(`${buffer}${tail}\n`);
}

const PLACEHOLDER = '\u0000dockwarden-results\u0000';
const INDENT = ' '.repeat(8);

/** A SARIF 2.1.0 log with one run. */
export function toSarif(findings: readonly Finding[], options: SarifOptions): Record<string, unknown> {
  const rules = ruleDescriptors(options.locale);
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const prints = fingerprints(findings, options.textOf, (file) => relativeKey(file, options.cwd));
  const results = findings.map((f, i) => {
    const result: Record<string, unknown> = {
      ruleId: f.rule,
      level: sarifLevel(f.severity),
      message: { text: f.message },
      locations: [{ physicalLocation: { artifactLocation: artifactLocation(f.at.file, options.cwd), region: region(f.at.range) } }],
      partialFingerprints: { [FINGERPRINT_KEY]: prints[i] },
    };
    const index = ruleIndex.get(f.rule);
    if (index !== undefined) result.ruleIndex = index;
    if (f.fix && f.fix.edits.length > 0) result.fixes = [sarifFix(f.fix.title, f.fix.edits, options.cwd)];
    if (f.related && f.related.length > 0) {
      result.relatedLocations = f.related.map((r, id) => ({
        id,
        message: { text: r.message },
        physicalLocation: { artifactLocation: artifactLocation(r.source.file, options.cwd), region: region(r.source.range) },
      }));
    }
    return result;
  });
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'Dockwarden',
            version: options.version,
            semanticVersion: options.version,
            informationUri: INFORMATION_URI,
            language: options.locale,
            rules,
          },
        },
        originalUriBaseIds: { [SRCROOT]: { uri: directoryUri(options.cwd) } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}

function sarifFix(title: string, edits: readonly TextEdit[], cwd: string): Record<string, unknown> {
  const byFile = new Map<string, TextEdit[]>();
  for (const e of edits) byFile.set(e.file, [...(byFile.get(e.file) ?? []), e]);
  return {
    description: { text: title },
    artifactChanges: [...byFile].map(([file, list]) => ({
      artifactLocation: artifactLocation(file, cwd),
      replacements: list.map((e) => ({ deletedRegion: region(e.range), insertedContent: { text: e.newText } })),
    })),
  };
}

/** SARIF lines and columns are 1-based; columns count UTF-16 code units, as our positions do. */
export function region(r: Range): Record<string, number> {
  return {
    startLine: r.start.line + 1,
    startColumn: r.start.character + 1,
    endLine: r.end.line + 1,
    endColumn: r.end.character + 1,
  };
}

function artifactLocation(file: string, cwd: string): Record<string, string> {
  if (/^[a-z][a-z0-9+.-]+:\/\//i.test(file)) return { uri: file };
  const abs = path.resolve(cwd, file);
  const rel = path.relative(cwd, abs);
  if (rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel)) {
    return { uri: rel.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
  }
  return { uri: pathToFileURL(abs).href };
}

function relativeKey(file: string, cwd: string): string {
  const rel = path.relative(cwd, path.resolve(cwd, file));
  return rel.split(path.sep).join('/');
}

function directoryUri(dir: string): string {
  const href = pathToFileURL(path.resolve(dir)).href;
  return href.endsWith('/') ? href : `${href}/`;
}
