// What a list of controls is: the published ids of one framework, each with a short title for the report.
import type { Framework } from '../model.js';

export interface ControlCatalogue {
  framework: Framework;
  /** The framework and the version its ids are from, as reports name it. */
  name: string;
  /** A short name for tables and the command line. */
  short: string;
  /** One id written the way the framework writes it, for error messages. */
  example: string;
  /** How every id of the framework is written; an id must also be in `controls`. */
  format: RegExp;
  /** Where the list of ids was taken from and checked against. */
  sources: readonly string[];
  /** Every control of the framework, in the framework's own order: [id, title]. */
  controls: readonly (readonly [string, string])[];
}
