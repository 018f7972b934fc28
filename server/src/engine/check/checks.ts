/** The checks a draft goes through, in the order their findings are made. */
import type { AnyCheck } from './check';
import { quoteCheck } from './quoteCheck';
import { nameCheck } from './nameCheck';
import { dateCheck } from './dateCheck';
import { factCheck } from './factCheck';
import { shortQuoteCheck } from './shortQuoteCheck';
import { withTeamPeople } from './teamPeople';

export const CHECKS: readonly AnyCheck[] = [quoteCheck, shortQuoteCheck, withTeamPeople(nameCheck), dateCheck, factCheck];
