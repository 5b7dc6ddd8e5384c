// Types for eager-factories.mjs.

export interface EagerFactories {
  /** The module with its factories rewritten. */
  code: string;
  /** Factories rewritten as parenthesised function expressions. */
  rewritten: number;
  /** Arrow factories left as they are: they use `this`, `arguments`, `super` or `new.target` of their own scope. */
  kept: number;
  /** Factories that were parenthesised function expressions already. */
  eager: number;
}

/** `code` (one ES module of the bundle) with its module factories made eagerly compiled. */
export function eagerFactories(code: string): EagerFactories;
