/**
 * A row the caller named by id does not exist in its scope — in another tenant or account it does not
 * exist either (DESIGN.md §5). The API answers it as a 404 with this message.
 */
export class RecordNotFound extends Error {
  constructor(
    readonly resource: string,
    readonly id: string,
  ) {
    super(`${resource} ${id} was not found.`);
    this.name = 'RecordNotFound';
  }
}

/** The row, or RecordNotFound. */
export function found<T>(row: T | null | undefined, resource: string, id: string): T {
  if (row === null || row === undefined) throw new RecordNotFound(resource, id);
  return row;
}

/** One field a client sent that the data layer refused, as the API's problem details list it. */
export interface RejectedField {
  field: string;
  message: string;
}

/** Input the data layer cannot take (a forged list cursor): the API answers it as a 400 with this detail. */
export class InputRejected extends Error {
  constructor(
    message: string,
    readonly errors: RejectedField[],
  ) {
    super(message);
    this.name = 'InputRejected';
  }
}
