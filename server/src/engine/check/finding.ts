import { DEFAULT_SEVERITY, type CheckConfig, type Finding, type FindingCode } from '../types';

/** A finding before the configuration has set its severity. */
export type DraftFinding = Omit<Finding, 'severity'>;

/** Whether findings of `code` are wanted under `config`. */
export function isWanted(code: FindingCode, config: CheckConfig): boolean {
  if (config.enabled?.[code] === false) return false;
  if (code.endsWith('-verified') && config.includeVerified === false) return false;
  return true;
}

/** Sets the configured severity and trims evidence to the configured count. */
export function finalizeFinding(f: DraftFinding, config: CheckConfig): Finding {
  const max = config.maxEvidence ?? 5;
  return {
    ...f,
    severity: config.severity?.[f.code] ?? DEFAULT_SEVERITY[f.code],
    evidence: f.evidence.slice(0, Math.max(0, max)),
  };
}
