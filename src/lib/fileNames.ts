/** The extension of a file name or link, lower case, without the dot ('' if none). */
export function extensionOf(name: string): string {
  const m = /\.([A-Za-z0-9]{1,5})(?:$|[?#])/.exec(name);
  return m ? m[1].toLowerCase() : '';
}
