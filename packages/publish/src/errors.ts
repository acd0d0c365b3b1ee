// the one exception publish throws: a programming error upstream (a row its own schema rejects, a duplicate key…)

/** Publishing cannot continue: the input breaks an invariant the dist/ contract relies on. Never bad user input. */
export class PublishError extends Error {
  override readonly name = "PublishError";
}
