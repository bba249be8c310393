const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
let counter = 0;

/**
 * An id for one intended write, so a retried save is recognised by the server.
 * Unique enough for that (time + counter + random); not a secret. WeChat has no
 * crypto.randomUUID, hence this.
 */
export function newRequestId(): string {
  counter = (counter + 1) % 1296;
  let random = '';
  for (let i = 0; i < 10; i += 1) random += ALPHABET[Math.floor(Math.random() * ALPHABET.length)];
  return `r${Date.now().toString(36)}${counter.toString(36).padStart(2, '0')}${random}`;
}
