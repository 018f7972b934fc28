/** The checks a draft goes through, in the order their findings are made. */
import type { AnyCheck } from './check';
import { quoteCheck } from './quoteCheck';
import { nameCheck } from './nameCheck';
import { dateCheck } from './dateCheck';

export const CHECKS: readonly AnyCheck[] = [quoteCheck, nameCheck, dateCheck];
