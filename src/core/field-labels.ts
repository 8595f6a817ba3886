/**
 * The names an interface gives the fields of a request: the CLI passes its flags
 * (`{ at: '--at' }`), the HTTP API its body and query field names. A use case or core check
 * names a field in a message only through these, so one interface's words never reach
 * another's answers; a field the caller does not name is called by the input's own name.
 */
export type FieldLabels<K extends string> = Readonly<Partial<Record<K, string>>>;

/** The caller's name for a field, else the field's own name. */
export function labelOf<K extends string>(labels: FieldLabels<K> | undefined, field: K): string {
  return labels?.[field] ?? field;
}
