/**
 * Several teachers (issue 17 §5): image by image, which teachers of a mix get a test row right
 * and where each one's class is not the mix's. The engine builds it once per session from the
 * classes it has already read back; the lab card draws it and counts it. Pure: no tfjs.
 */

export interface TeacherMap {
  /** How many teachers (at most 7: one bit each, and one for the mix). */
  members: number;
  /** Per test row: bit i set when teacher i's class is the true one, bit `members` when the mix's is. */
  right: Uint8Array;
  /** Per test row: bit i set when teacher i's class is not the mix's. */
  differs: Uint8Array;
  /** Per test row, each teacher's class then the mix's: row-major [rows, members + 1]. */
  classes: Uint8Array;
}

/** Each row's arg max of `logits` (row-major, `classes` wide); ties go to the lower class. */
export function argmaxRows(logits: Float32Array, classes: number): Int32Array {
  const rows = classes ? logits.length / classes : 0;
  const out = new Int32Array(rows);
  for (let r = 0; r < rows; r++) {
    let best = 0;
    for (let c = 1; c < classes; c++) if (logits[r * classes + c]! > logits[r * classes + best]!) best = c;
    out[r] = best;
  }
  return out;
}

/** The map of every row of `labels`, from each teacher's classes and the mix's. */
export function teacherMap(members: Int32Array[], mix: Int32Array, labels: ArrayLike<number>): TeacherMap {
  const m = members.length;
  if (m > 7) throw new Error('A teacher map holds at most 7 teachers');
  const rows = labels.length;
  if (mix.length !== rows || members.some((c) => c.length !== rows))
    throw new Error('Every teacher needs one class per test row');
  const right = new Uint8Array(rows);
  const differs = new Uint8Array(rows);
  const classes = new Uint8Array(rows * (m + 1));
  for (let r = 0; r < rows; r++) {
    let ok = mix[r] === labels[r] ? 1 << m : 0;
    let off = 0;
    for (let i = 0; i < m; i++) {
      const c = members[i]![r]!;
      if (c === labels[r]) ok |= 1 << i;
      if (c !== mix[r]) off |= 1 << i;
      classes[r * (m + 1) + i] = c;
    }
    classes[r * (m + 1) + m] = mix[r]!;
    right[r] = ok;
    differs[r] = off;
  }
  return { members: m, right, differs, classes };
}

export const isRight = (map: TeacherMap, row: number, who: number): boolean => ((map.right[row]! >> who) & 1) === 1;
export const differsFromMix = (map: TeacherMap, row: number, who: number): boolean =>
  ((map.differs[row]! >> who) & 1) === 1;
/** Teacher `who`'s class at `row`, or the mix's when `who` is `map.members`. */
export const classAt = (map: TeacherMap, row: number, who: number): number =>
  map.classes[row * (map.members + 1) + who]!;

export interface TeacherMapCounts {
  rows: number;
  /** Rows where some teacher's class is not the mix's. */
  disagree: number;
  /** Per teacher: rows where its class is not the mix's. */
  differs: number[];
  /** Per teacher, then the mix: rows it gets right. */
  right: number[];
  /** Rows where the mix is right and some teacher wrong: what mixing fixed. */
  mixFixes: number;
  /** Rows where the mix is wrong and some teacher right: what mixing lost. */
  mixLoses: number;
  /** Rows no teacher and not the mix get right. */
  allWrong: number;
}

/** The totals the card prints over the whole map. */
export function countTeacherMap(map: TeacherMap): TeacherMapCounts {
  const m = map.members;
  const teachers = (1 << m) - 1;
  const counts: TeacherMapCounts = {
    rows: map.right.length,
    disagree: 0,
    differs: new Array<number>(m).fill(0),
    right: new Array<number>(m + 1).fill(0),
    mixFixes: 0,
    mixLoses: 0,
    allWrong: 0,
  };
  for (let r = 0; r < counts.rows; r++) {
    const ok = map.right[r]!;
    if (map.differs[r]) counts.disagree++;
    for (let i = 0; i < m; i++) if ((map.differs[r]! >> i) & 1) counts.differs[i]!++;
    for (let i = 0; i <= m; i++) if ((ok >> i) & 1) counts.right[i]!++;
    const mixRight = (ok >> m) & 1;
    if (mixRight && (ok & teachers) !== teachers) counts.mixFixes++;
    if (!mixRight && ok & teachers) counts.mixLoses++;
    if (ok === 0) counts.allWrong++;
  }
  return counts;
}

/** The rows to list: all of them, or only those where some teacher's class is not the mix's. */
export function mapRows(map: TeacherMap, onlyDisagreements: boolean): number[] {
  const out: number[] = [];
  for (let r = 0; r < map.differs.length; r++) if (!onlyDisagreements || map.differs[r]) out.push(r);
  return out;
}
