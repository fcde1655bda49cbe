/** The part of jstat (no published types) that src/sweeps/stats.ts uses: Student's t distribution. */
declare module 'jstat' {
  interface StudentT {
    cdf(x: number, dof: number): number;
    inv(p: number, dof: number): number;
  }
  const jStat: { studentt: StudentT };
  export default jStat;
}
