/**
 * Windows containers: which image references, shells and users are Windows ones. Pure string functions, shared by
 * the Dockerfile front end (which decides a stage's platform) and the rules (root-user judges Windows users).
 */

/**
 * Words of an image reference that only Windows images carry: the Server Core and Nano Server bases and their
 * tags (`python:3.13-windowsservercore-ltsc2022`, `mcr.microsoft.com/dotnet/aspnet:8.0-nanoserver-1809`).
 */
const WINDOWS_WORD = /(?:^|[/:@._-])(?:windowsservercore|servercore|nanoserver)(?=$|[/:@._-])/i;
/** Repositories that hold only Windows images: `mcr.microsoft.com/windows`, `…/windows/servercore`, .NET Framework. */
const WINDOWS_REPO =
  /^(?:mcr\.microsoft\.com\/(?:windows(?:\/[^:@]*)?|dotnet\/framework\/[^:@]*)|microsoft\/(?:windowsservercore|nanoserver))(?:[:@]|$)/i;

/**
 * True when an image reference names a Windows image. Works on the text as written too (`…/servercore:${TAG}`):
 * only the parts it looks at must be literal. `dockurr/windows` (a Linux image that runs a Windows VM) is not one.
 */
export function isWindowsImage(reference: string): boolean {
  const ref = reference.trim();
  if (ref === '' || ref.length > 512) return false;
  return WINDOWS_REPO.test(ref) || WINDOWS_WORD.test(ref);
}

/** The default user of a Windows base image: Nano Server images run as ContainerUser, the others as ContainerAdministrator. */
export function windowsDefaultUser(reference: string | undefined): 'ContainerUser' | 'ContainerAdministrator' {
  return reference !== undefined && /(?:^|[/:@._-])nanoserver(?=$|[/:@._-])/i.test(reference) ? 'ContainerUser' : 'ContainerAdministrator';
}

/** `cmd`, `cmd.exe`, `powershell`, `C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe`; not `pwsh` (also on Linux). */
export function isWindowsShell(program: string): boolean {
  const base = program.trim().split(/[\\/]/).pop() ?? '';
  return /^(?:cmd|powershell)(?:\.exe)?$/i.test(base);
}

/** The container's administrator accounts: ContainerAdministrator, Administrator, SYSTEM (any case, with a domain). */
export function isWindowsAdminUser(user: string): boolean {
  const name = user.trim().split(/[\\/]/).pop() ?? '';
  return /^(?:ContainerAdministrator|Administrator|SYSTEM|LocalSystem)$/i.test(name);
}
