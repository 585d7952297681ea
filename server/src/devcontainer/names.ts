/**
 * Where Dev Containers configurations live (the Dev Containers specification's lookup): `.devcontainer/devcontainer.json`,
 * `.devcontainer.json` at the project root, and `.devcontainer/<name>/devcontainer.json` (one folder down).
 */
export function isDevcontainerPath(file: string): boolean {
  return /(^|[\\/])\.devcontainer[\\/]([^\\/]+[\\/])?devcontainer\.json$/i.test(file) || /(^|[\\/])\.devcontainer\.json$/i.test(file);
}

/** A file inside a `.devcontainer` folder (at any depth). */
export function underDevcontainerFolder(file: string): boolean {
  return /(^|[\\/])\.devcontainer[\\/]/.test(file);
}
