/** Building blocks of the Graph payload validation: Graph's error codes for missing and invalid values. */

export interface Invalid {
  code: number;
  message: string;
  details?: string;
}

export class Bad extends Error {
  constructor(readonly invalid: Invalid) {
    super(invalid.message);
  }
}

export type Obj = Record<string, unknown>;
export const isObj = (value: unknown): value is Obj => typeof value === 'object' && value !== null && !Array.isArray(value);
export const missing = (path: string): Bad => new Bad({ code: 100, message: `The parameter ${path} is required.` });
export const invalid = (details: string): Bad => new Bad({ code: 131009, message: 'Parameter value is not valid', details });

/** A string field: required or optional, with Meta's length bounds. */
export function text(obj: Obj, key: string, path: string, opts: { required?: boolean; max?: number; min?: number } = {}): string | undefined {
  const value = obj[key];
  if (value === undefined || value === null) {
    if (opts.required) throw missing(path);
    return undefined;
  }
  if (typeof value !== 'string') throw new Bad({ code: 100, message: `Param ${path} must be a string.` });
  if (opts.required && value.length === 0) throw missing(path);
  if (opts.max !== undefined && value.length > opts.max) throw new Bad({ code: 100, message: `Param ${path} must be at most ${opts.max} characters long.` });
  if (opts.min !== undefined && value.length < opts.min) throw invalid(`${path} must be at least ${opts.min} characters long`);
  return value;
}

export const httpUrl = (value: string, path: string): void => {
  if (!/^https?:\/\/[^\s]+$/i.test(value)) throw invalid(`${path} must be an http(s) URL`);
};
