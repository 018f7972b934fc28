/**
 * Whether a draft's title for a person is someone else's in the sources
 * (issue 8, point 9): "Alan Milburn, the Chancellor" where the sources call
 * Gordon Brown the Chancellor and never Milburn; "former President Bernie
 * Sanders" where the sources give that title to others and never to him.
 * Judged on the title look-up's answer (`CorpusStore.findPostHolders`):
 *
 * - the sources giving the person a role of the same post (any field or
 *   organisation, at any time) leaves the title to the role comparison;
 * - a current one-holder post ("the Chancellor", "UKIP leader") is someone
 *   else's (`held`) when the sources give it to one person far more than to
 *   anyone else (three in four of its mentions, twice at least), and only
 *   while the dates agree — a holder whose mentions with the title all fall
 *   outside the time the sources speak of the person held it at another
 *   time; a person who belongs to the title's organisation ("England
 *   fly-half" for "England captain") may have held its post at some time;
 * - otherwise a title the sources give others ("former CIA director",
 *   "MSNBC reporter", a current title several people hold) is `unsupported`
 *   when the sources describe the person (with roles of their own) and never
 *   with it.
 *
 * A title must name one job: "the Chancellor", "Senate Minority Leader",
 * "the BBC's political editor", not "spokesman" or "a director".
 *
 * A person the sources give no role is judged only against a holder the
 * draft itself names: with nothing said of them, the corpus may simply not
 * know their job.
 */
import type { PostHolder, PostHolders } from '../corpusStore';
import { postKeys } from '../extract/rolePosts';
import { isExclusivePost, namesOtherHolder, sameTitle, sharesOrganisation } from './roles';

/**
 * Posts that name one job without an organisation or a field: a country's
 * Chancellor, Prime Minister, President; a member of its legislature. Other
 * posts ("spokesman", "the editor", "a director") are someone's only with the
 * organisation or field that makes them one job.
 */
const NAMED_ALONE = new Set(['chancellor', 'pm', 'president', 'vp', 'representative', 'senator', 'speaker', 'attorney general']);

/** Whether a title names one job: with an organisation or a field, or a post that does alone. */
function namesOneJob(role: string): boolean {
  const keys = postKeys(role);
  return keys.length > 1 || (keys.length === 1 && NAMED_ALONE.has(keys[0]));
}

/** Share of a current title's mentions its holder must have for the title to name one job. */
const DOMINANT_SHARE = 0.75;
/** Mentions the holder of a current title must have. */
const DOMINANT_MENTIONS = 2;

/** The verdict on a draft's title: whose it is in the sources, and which of their roles says so. */
export interface TitleVerdict {
  holder: PostHolder;
  role: string;
  ref: PostHolder['roles'][number]['ref'];
  /** `held`: a current one-holder post the sources give another person; `unsupported`: a title they give others, never this person. */
  kind: 'held' | 'unsupported';
}

/** Whether two date ranges (ISO, either end missing = open) overlap; undated ranges always do. */
function overlaps(a: { first?: string; last?: string }, b: { first?: string; last?: string }): boolean {
  if (a.first === undefined || a.last === undefined || b.first === undefined || b.last === undefined) return true;
  return a.first.slice(0, 10) <= b.last.slice(0, 10) && b.first.slice(0, 10) <= a.last.slice(0, 10);
}

/**
 * Whether the title is a one-holder post that the sources give to several
 * people at once (no holder dominates): then no holder contradicts another.
 */
export function titleIsShared(draftRole: string, found: PostHolders): boolean {
  if (!isExclusivePost(draftRole) || namesOtherHolder(draftRole)) return false;
  const person = { first: found.personFirstDate, last: found.personLastDate };
  const giving = found.holders.filter((h) => h.roles.some((r) => sameTitle(draftRole, r.role)) && overlaps({ first: h.firstDate, last: h.lastDate }, person));
  const total = giving.reduce((n, h) => n + h.count, 0);
  return giving.length > 1 && giving[0].count < DOMINANT_SHARE * total;
}

/**
 * The sources' holder of the draft's title when it is not the person's (see
 * the module comment); `personRoles`: the roles the sources give the person
 * (listed); `draftNames`: full names of the other people the draft names.
 */
export function titleVerdict(draftRole: string, found: PostHolders, personRoles: readonly string[], draftNames: ReadonlySet<string>): TitleVerdict | undefined {
  if (found.own || !namesOneJob(draftRole)) return undefined;
  const person = { first: found.personFirstDate, last: found.personLastDate };
  const current = isExclusivePost(draftRole) && !namesOtherHolder(draftRole);
  const giving = found.holders
    .map((h) => ({ h, r: h.roles.find((r) => sameTitle(draftRole, r.role)) }))
    .filter((x): x is { h: PostHolder; r: PostHolder['roles'][number] } => x.r !== undefined)
    // A current post held by someone at another time than the sources speak of the person is no contradiction.
    .filter((x) => !current || overlaps({ first: x.h.firstDate, last: x.h.lastDate }, person));
  if (giving.length === 0) return undefined;
  if (current) {
    // A member of the title's organisation may have held its post at some time (a team's captaincy).
    if (personRoles.some((own) => giving.some((x) => sharesOrganisation(own, x.r.role)))) return undefined;
    const total = giving.reduce((n, x) => n + x.h.count, 0);
    const top = giving[0];
    const dominant = top.h.count >= DOMINANT_MENTIONS && top.h.count >= DOMINANT_SHARE * total;
    if (dominant && (personRoles.length > 0 || draftNames.has(top.h.name))) return { holder: top.h, role: top.r.role, ref: top.r.ref, kind: 'held' };
  }
  if (personRoles.length === 0) return undefined;
  const top = giving[0];
  return { holder: top.h, role: top.r.role, ref: top.r.ref, kind: 'unsupported' };
}
