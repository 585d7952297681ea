import { TextDocuments, type Connection } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { toLocale, type Locale } from '../../../shared-rules/src/l10n';
import { Analysis } from '../analysis';
import type { InitializationOptions } from '../protocol';
import { clientCaps, type ClientCaps } from './capabilities';
import { SettingsStore, type Settings } from './settings';
import { lspTexts, type LspTexts } from './texts';
import { isVirtualPath, uriToPath } from './uris';
import type { InitializeParams } from 'vscode-languageserver/node';

/**
 * What the language server knows: the open documents (and the paths the analysis names them by), the client's
 * capabilities, settings, and the analyses (one confined to the workspace folders, one not, for
 * `dockwarden.allowOutsideWorkspace`), made once the client has said who it is.
 */
export class ServerState {
  readonly documents = new TextDocuments(TextDocument);
  readonly settings: SettingsStore;
  /** Open documents: path → URI (and the reverse), so findings and edits that name paths find their URI. */
  readonly uriByPath = new Map<string, string>();
  private readonly pathByUri = new Map<string, string>();
  locale: Locale = 'en';
  texts: LspTexts = lspTexts('en');
  caps!: ClientCaps;
  init: InitializationOptions = {};
  workspaceRoots: string[] = [];
  private confined?: Analysis;
  private unconfined?: Analysis;

  constructor(readonly connection: Connection) {
    this.settings = new SettingsStore(connection);
  }

  initialize(params: InitializeParams): void {
    this.init = (params.initializationOptions ?? {}) as InitializationOptions;
    this.locale = toLocale(this.init.locale ?? params.locale);
    this.texts = lspTexts(this.locale);
    this.caps = clientCaps(params, this.init);
    this.settings.initialize(this.caps.pullConfiguration, this.init.settings);
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    this.workspaceRoots = folders.map(uriToPath).filter((p) => !isVirtualPath(p));
  }

  /** The analysis for a document's settings (reads confined to the workspace folders unless allowed). */
  analysis(settings: Settings): Analysis {
    const outside = settings.allowOutsideWorkspace || this.workspaceRoots.length === 0;
    if (outside) return (this.unconfined ??= this.makeAnalysis(undefined));
    return (this.confined ??= this.makeAnalysis(this.workspaceRoots));
  }

  /** Every analysis made so far (a file change concerns them all). */
  analyses(): Analysis[] {
    return [this.confined, this.unconfined].filter((a): a is Analysis => a !== undefined);
  }

  opened(uri: string): string {
    const file = uriToPath(uri);
    this.pathByUri.set(uri, file);
    this.uriByPath.set(file, uri);
    return file;
  }

  closed(uri: string): string {
    const file = this.pathOf(uri);
    this.pathByUri.delete(uri);
    if (this.uriByPath.get(file) === uri) this.uriByPath.delete(file);
    return file;
  }

  pathOf(uri: string): string {
    return this.pathByUri.get(uri) ?? uriToPath(uri);
  }

  openFiles(): string[] {
    return [...this.uriByPath.keys()];
  }

  private makeAnalysis(roots: readonly string[] | undefined): Analysis {
    return new Analysis({
      locale: this.locale,
      roots,
      // Open buffers win over the disk: unsaved edits to an override file or `.env` count.
      overlay: {
        textOf: (file) => {
          const uri = this.uriByPath.get(file);
          return uri ? this.documents.get(uri)?.getText() : undefined;
        },
      },
    });
  }
}
