/** `1 action`, `18 actions`: a number with its noun, for the command line's summaries. */
export function counted(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
