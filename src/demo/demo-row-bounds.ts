/**
 * How many billing rows `tollgate demo --rows` accepts. Kept apart from the generator so the
 * command's definition (loaded for --help) does not load the demo's modules.
 */
export const MIN_DEMO_ROWS = 2_000;
export const MAX_DEMO_ROWS = 200_000_000;
