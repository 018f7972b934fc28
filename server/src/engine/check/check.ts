/**
 * The one shape of every check: **claims** (what it looks for in the draft's
 * extracted facts) → **retrieve** (the corpus lookups those claims need,
 * batched, asynchronous) → **judge** (pure and synchronous: a claim and what
 * was retrieved for it → findings). `DraftChecker` runs the list of checks
 * and memoises each claim's findings under the key the check gives it.
 */
import { DEFAULT_SEVERITY, type CheckConfig, type ExtractedFacts, type Finding, type FindingCode, type PersonMention, type TextSpan } from '../types';
import type { CitationRef, CorpusStore } from '../corpusStore';
import { resolveTeamPeople, type TeamPeople } from './teamPeople';

/** Evidence sentences per finding when the configuration does not say. */
export const DEFAULT_MAX_EVIDENCE = 5;

/** A {@link CheckConfig} with every default filled in: what checks read. */
export interface ResolvedCheckConfig {
  enabled: Partial<Record<FindingCode, boolean>>;
  severity: Partial<Record<FindingCode, Finding['severity']>>;
  includeVerified: boolean;
  maxEvidence: number;
  /** The team's people list, indexed (empty when none). */
  people: TeamPeople;
  /** The draft's date when its front matter gives none (`YYYY-MM-DD`), for its relative dates. */
  draftDate?: string;
}

/** Fills in the defaults of a check configuration, once. */
export function resolveCheckConfig(config: CheckConfig = {}): ResolvedCheckConfig {
  return {
    enabled: config.enabled ?? {},
    severity: config.severity ?? {},
    includeVerified: config.includeVerified ?? true,
    maxEvidence: Math.max(0, config.maxEvidence ?? DEFAULT_MAX_EVIDENCE),
    people: resolveTeamPeople(config.people),
    ...(config.draftDate ? { draftDate: config.draftDate } : {}),
  };
}

/** What the checks read of a draft: its text and the facts extracted from it. */
export interface DraftFacts {
  text: string;
  facts: ExtractedFacts;
  /**
   * The draft's people for the names check: extracted like a corpus article's,
   * plus capitalised names the corpus knows even without a cue.
   */
  people: PersonMention[];
  /** Spans of the draft's quotations (with their quote marks excluded). */
  quoteSpans: TextSpan[];
}

/** A finding as a judge makes it: no severity yet, evidence as references into the corpus. */
export interface JudgedFinding extends Omit<Finding, 'severity' | 'evidence'> {
  /** Most relevant first; the checker keeps the configured number and resolves them to citations. */
  evidence: CitationRef[];
}

/**
 * A check. `C` is its claim, `R` what it retrieves for one claim.
 *
 * Adding a check is one file implementing this, one line in `CHECKS`
 * (`check/checks.ts`), and tests.
 */
export interface Check<C, R> {
  /** A short name, for memo tables and messages. */
  readonly name: string;
  /** The claims of a draft, in document order. */
  claims(draft: DraftFacts): C[];
  /**
   * A key holding everything {@link judge} and {@link retrieve} read of the
   * claim besides its position: two claims with one key get the same findings
   * (shifted to where each stands).
   */
  key(claim: C): string;
  /** Where the claim starts in the draft; memoised findings are kept relative to it. */
  start(claim: C): number;
  /** The corpus lookups of the claims, batched (one call per lookup kind); one answer per claim, in order. */
  retrieve(claims: readonly C[], store: CorpusStore, config: ResolvedCheckConfig): Promise<R[]>;
  /** The findings of one claim. Pure: no store, no state. */
  judge(claim: C, retrieved: R, config: ResolvedCheckConfig): JudgedFinding[];
}

/** Any check, for lists of them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyCheck = Check<any, any>;

/** Whether findings of `code` are wanted under `config`. */
export function isWanted(code: FindingCode, config: ResolvedCheckConfig): boolean {
  if (config.enabled[code] === false) return false;
  if (code.endsWith('-verified') && !config.includeVerified) return false;
  return true;
}

/** The configured severity of a code. */
export function severityOf(code: FindingCode, config: ResolvedCheckConfig): Finding['severity'] {
  return config.severity[code] ?? DEFAULT_SEVERITY[code];
}
