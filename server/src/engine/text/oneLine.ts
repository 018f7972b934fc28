/**
 * Text on one line, shortened to `max` characters with an ellipsis: white
 * space runs (line breaks included) fold to one space. Used wherever corpus
 * or draft text is shown in a single line (diagnostic related information,
 * quick-fix titles, CLI excerpts, QuickPick items).
 *
 * @example oneLine('The door to dialogue\nhas never been closed', 20) // 'The door to dialogu…'
 */
export function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, Math.max(0, max - 1)).trimEnd()}…`;
}
