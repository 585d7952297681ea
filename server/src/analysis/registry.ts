import { ComposeFrontEnd } from '../compose/frontend';
import { DockerfileFrontEnd } from '../dockerfile/frontend';
import { CommandLineFrontEnd } from '../docker-run/frontend';
import { DevcontainerFrontEnd } from '../devcontainer/frontend';
import type { FrontEndFactory } from './frontend';

/**
 * Every kind of source, in the order their names are tried (a name that claims a file wins over later ones:
 * `.github/workflows/compose.yml` is a workflow). Adding a kind: a folder with its front end, and one line here.
 */
export const FRONT_ENDS: readonly FrontEndFactory[] = [
  () => new CommandLineFrontEnd(),
  (host) => new DevcontainerFrontEnd(host),
  (host) => new ComposeFrontEnd(host),
  () => new DockerfileFrontEnd(),
];
