/**
 * Refs for writing stored cases in the archive format, which accepts only `Q<n>`, such as
 * `Q12`. Portal (`W3`), intake (`I3`) and transcript (`T-<conversation id>`) cases are
 * numbered here before they are written.
 */

const ARCHIVE_REF = /^Q(\d+)$/;
const FIRST_NUMBER = /\d+/;

/**
 * Maps the refs of one source's cases, in the order given, to `Q<n>` refs that are unique among
 * them, and returns the new refs in the same order. A `Q<n>` ref stays as it is. Any other ref
 * becomes `Q` and its first run of digits, which the store also takes as the case number, so
 * `W3` and `I3` become `Q3` and `T-c-1001` becomes `Q1001`. A ref without digits, or one whose
 * number an earlier ref or a `Q<n>` ref already has, gets the next number after the largest one
 * in use. The result depends only on the refs and their order.
 */
export function archiveRefs(refs: readonly string[]): string[] {
  const result: Array<string | null> = refs.map(() => null);
  const used = new Set<bigint>();
  let largest = 0n;
  const claim = (index: number, number: bigint, ref: string): void => {
    used.add(number);
    if (number > largest) largest = number;
    result[index] = ref;
  };

  // `Q<n>` refs come first, so that an archive's own records keep their numbers whatever the
  // order. Two refs such as `Q1` and `Q01` have the same number, and the later one is renumbered.
  refs.forEach((ref, index) => {
    const digits = ARCHIVE_REF.exec(ref)?.[1];
    if (digits !== undefined && !used.has(BigInt(digits))) claim(index, BigInt(digits), ref);
  });

  refs.forEach((ref, index) => {
    const digits = FIRST_NUMBER.exec(ref)?.[0];
    if (result[index] !== null || digits === undefined || ARCHIVE_REF.test(ref)) return;
    const number = BigInt(digits);
    if (!used.has(number)) claim(index, number, `Q${number}`);
  });

  result.forEach((ref, index) => {
    if (ref !== null) return;
    const number = largest + 1n;
    claim(index, number, `Q${number}`);
  });
  return result as string[];
}

/**
 * Returns the record number of a `Q<n>` ref without leading zeros, as the archive reader
 * compares refs: `Q012` and `Q12` both give `12`.
 */
export function recordNumber(ref: string): string {
  return ref.replace(/^Q0*(?=\d)/, '');
}
