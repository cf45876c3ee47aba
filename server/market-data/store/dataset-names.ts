// Data set names: what a name may look like, and the advisory-lock namespace that serialises writes
// of one name across processes.

/** Letters, digits, `.`, `_`, `-`; starts with a letter or digit; at most 100 characters. */
export const DATASET_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
export const DATASET_NAME_RULE = "a data set name is 1-100 letters, digits, '.', '_' or '-', starting with a letter or digit";

/** First key of pg_advisory_xact_lock(ns, hashtext(name)) while a version of `name` is written. */
export const DATASET_NAME_LOCK_NAMESPACE = 7_201;
/** First key of the session lock held while the startup seed checks for and creates "synthetic". */
export const SYNTHETIC_SEED_LOCK_NAMESPACE = 7_202;
