/**
 * The doctor: {@link diagnose} a Pinterest app's setup, print it with {@link formatReport} or run it as a
 * command with {@link runDoctor}.
 *
 * @module
 */
export { diagnose } from './diagnose.js';
export { DOCS } from './docs-links.js';
export { type FormatOptions, formatReport, reportJson, shouldColor } from './format.js';
export { type RunDoctorOptions, runDoctor } from './run-doctor.js';
export type {
  CheckResult,
  CheckStatus,
  DiagnoseOptions,
  DiagnoseReport,
  ProbeableTokenStore,
  ServedApp,
  StoreFinding,
  TokenStoreProbe,
} from './types.js';
