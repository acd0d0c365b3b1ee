// the one exception publish throws: a programming error upstream (a row its own schema rejects, a duplicate key…)

/** Publishing cannot continue: the input breaks an invariant the dist/ contract relies on. Never bad user input. */
export class PublishError extends Error {
  override readonly name = "PublishError";
}

/** The output folder cannot be written: it is not bycn's own, or another run holds it. A message for the user. */
export class DistRefused extends Error {
  override readonly name = "DistRefused";
}
