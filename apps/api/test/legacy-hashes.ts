/**
 * argon2id hashes as earlier Roster versions stored them: made by the `argon2` npm package (0.45) with its
 * defaults (64 MiB, t=3, p=4), which writes its parameters in the order m, p, t. Kept as literal strings so the
 * tests prove, without that package, that such hashes still verify and are replaced at the next login.
 */
export const LEGACY_ARGON2_HASHES: Record<string, string> = {
  'correct horse battery':
    '$argon2id$v=19$m=65536,p=4,t=3$BWUF8msVh62jIYO/v6gRPA$jtAf/PnJklphx0P+Q+kiwB5OL3BcgT1RqqAYw/6IyR0',
  'end-user passphrase':
    '$argon2id$v=19$m=65536,p=4,t=3$wmcf8DhK8aeNGqyI5czeKw$tydX5T2QUoZTPv7emZW9uRYyUrbyTkW2+Qfq2YqcguI',
};
