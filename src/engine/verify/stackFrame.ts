/**
 * One line of a stack trace as a person reads it: `name (file:line:col)`, or `file:line:col` for
 * top-level code. A module's top-level code has no function name under tsx (`<anonymous>`) and the
 * bundler's module initializer under a worker bundle (named after the module's path): both are dropped,
 * so that an error reads the same however the claim's process loaded its code.
 */
export function tidyFrame(line: string): string {
  const frame = line.trim().replace(/^at\s+/, '');
  const m = /^(.*?) \((.*)\)$/.exec(frame);
  if (!m) return frame;
  const [, name, where] = m;
  return name === '<anonymous>' || /\.[cm]?[jt]sx?$/.test(name) ? where : frame;
}
