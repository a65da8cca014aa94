/** Every leaf of a catalogue, at any depth: `dotted.key → text`. */
export function catalogueLeaves(
  catalogue: unknown,
  prefix = '',
  out = new Map<string, string>(),
): Map<string, string> {
  if (catalogue !== null && typeof catalogue === 'object') {
    for (const [key, value] of Object.entries(catalogue))
      catalogueLeaves(value, prefix === '' ? key : `${prefix}.${key}`, out);
  } else out.set(prefix, String(catalogue));
  return out;
}
