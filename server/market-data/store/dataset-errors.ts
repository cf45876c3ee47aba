// Typed errors of the data-set store, with codes the API and CLI map to messages and exit codes.

export class DatasetNotFoundError extends Error {
  readonly code = "DATASET_NOT_FOUND" as const;
  constructor(
    readonly requested: string,
    /** names of the ready data sets, so the message can say what exists */
    readonly availableNames: readonly string[],
  ) {
    super(
      `data set ${requested} not found; available: ${availableNames.length > 0 ? availableNames.join(", ") : "(none; run `npm run data -- synth` or `import <dir>`)"}`,
    );
    this.name = "DatasetNotFoundError";
  }
}

export class DatasetInvalidError extends Error {
  readonly code = "DATASET_INVALID" as const;
  constructor(message: string) {
    super(message);
    this.name = "DatasetInvalidError";
  }
}
