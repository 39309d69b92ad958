/** One choice offered by a lookup endpoint to a Picker. Safe to import in the browser. */
export interface LookupOption {
  id: string;
  label: string;
  /** A second line: a user's name and email, a group's member count … */
  detail?: string;
}

export interface LookupResult {
  items: LookupOption[];
}

/** How many choices a lookup offers at once: enough to pick from, few enough to read. */
export const LOOKUP_LIMIT = 20;
