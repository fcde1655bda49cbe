/**
 * Which formulation of the feature-task KD step runs (issue 15, item 5):
 *
 * - `lean` (the default): the same maths in fewer kernels: the batch built from host copies in
 *   one upload per tensor instead of gathered, the dense layers' bias added inside the matMul,
 *   objectives with a closed-form gradient (`fusedLoss`) run untaped, and Adam as one kernel on
 *   the cpu and wasm backends;
 * - `reference`: the step as it was before, kept so the bench can time both side by side in
 *   one run and the tests can check that they agree to float32 noise.
 *
 * A module switch rather than a config field: it changes how a step is computed, never what
 * it computes, so it is not part of an experiment (nor of its link).
 */
export type StepForms = 'lean' | 'reference';

let forms: StepForms = 'lean';

/** The formulation the next step uses. */
export function stepForms(): StepForms {
  return forms;
}

/** Forces a formulation (bench and tests); `lean` is what the studio runs. */
export function setStepForms(next: StepForms): void {
  forms = next;
}
