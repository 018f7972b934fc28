/**
 * How a corpus database is named in messages: the URL with its password
 * masked, and failures in words a user can act on. Shared by the CLI and the
 * language server; nothing here prints a password.
 */

/** Whether `url` is a PostgreSQL connection URL this CLI accepts. */
export function isDatabaseUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url);
}

/**
 * The URL with any password replaced by `***` (and a `password=` query
 * parameter too), fit for messages and logs.
 */
export function maskDatabaseUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    for (const key of [...u.searchParams.keys()]) if (/pass/i.test(key)) u.searchParams.set(key, '***');
    return decodeURIComponent(u.toString());
  } catch {
    // Not a URL the parser reads: mask anything between "://user:" and "@".
    return url.replace(/(:\/\/[^:/@]*:)[^@]*@/, '$1***@').replace(/(password=)[^&\s]*/gi, '$1***');
  }
}

/**
 * One line saying what went wrong with the database, in the words a user can
 * act on, without the password: PostgreSQL's error codes and Node's socket
 * errors mapped to "not reachable", "wrong password", "no such database",
 * "timed out"; anything else with its own message, masked.
 */
export function describeDatabaseError(e: unknown, url: string): string {
  const where = maskDatabaseUrl(url);
  const err = e as { code?: string; message?: string } | undefined;
  const code = err?.code;
  const message = maskSecrets(err?.message ?? String(e), url);
  switch (code) {
    case 'ECONNREFUSED':
    case 'ENOENT':
    case 'EHOSTUNREACH':
    case 'ENOTFOUND':
    case 'ETIMEDOUT':
    case 'ECONNRESET':
      return `cannot reach the corpus database ${where}: is PostgreSQL running there? (${code})`;
    case '28P01':
    case '28000':
      return `the corpus database ${where} refused the login: check the user and the password (PGPASSWORD or ~/.pgpass)`;
    case '3D000':
      return `the corpus database ${where} does not exist: create it (createdb) and run \`factcheck ingest --db URL PATH…\``;
    case '57014':
      return `the corpus database ${where} took too long to answer (statement timeout)`;
    case '57P01':
    case '57P02':
    case '57P03':
      return `the corpus database ${where} is shutting down or starting up: try again shortly`;
  }
  if (/connection terminated|Connection terminated/i.test(message)) return `lost the connection to the corpus database ${where}`;
  return `corpus database ${where}: ${message}`;
}

/** `text` with the URL's password (if any) replaced, wherever it appears. */
function maskSecrets(text: string, url: string): string {
  let out = text.split(url).join(maskDatabaseUrl(url));
  try {
    const pw = decodeURIComponent(new URL(url).password);
    if (pw.length >= 3) out = out.split(pw).join('***');
  } catch {
    // Not parseable: nothing more to hide than the URL itself.
  }
  return out;
}
