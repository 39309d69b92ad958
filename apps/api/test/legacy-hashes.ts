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

/**
 * Hashes of "correct horse battery" as other systems store them, for users imported with their hash (issue 18).
 * The PBKDF2 ones were made with Python's hashlib.pbkdf2_hmac, an implementation independent of Roster's.
 */
export const IMPORTED_HASHES = {
  'bcrypt ($2b$)': '$2b$05$tD1U4u17/pZWmitm9uNKnuM9vBr5rt4ifS9sd18Ze.R2cfLOLs4qa',
  'bcrypt ($2y$, PHP)': '$2y$05$tD1U4u17/pZWmitm9uNKnuM9vBr5rt4ifS9sd18Ze.R2cfLOLs4qa',
  'PBKDF2-SHA256 (Django)': 'pbkdf2_sha256$260000$Xq3rT9vLm2Pa$o8/djhgJJCkdmoyMUCIevHPrJh4sTlKdSvhqTBG3nZo=',
  'PBKDF2-SHA256 (passlib)': '$pbkdf2-sha256$29000$BwgJCgsMDQ4PEBESExQVFg$qP3f3UwTTb2FcWOApH8NaZwy188ZuC2mdUQqSSzL84E',
  'PBKDF2-SHA256 (PHC)':
    '$pbkdf2-sha256$i=100000,l=32$BwgJCgsMDQ4PEBESExQVFg$ZRxGLtn1WzsxQs/l4vb8De1VakRNGMz1x7+TXQiAPeE',
  'argon2id (another system’s settings)': LEGACY_ARGON2_HASHES['correct horse battery']!,
} as const;
export const IMPORTED_HASHES_PASSWORD = 'correct horse battery';
