// The length half of the name rule (name-rules.ts), apart from its Unicode tables: the rename
// form counts on every key press, and loads the rest only to check a name it saves.

/**
 * Auth0's `UserAuthenticationMethod.name` has `maxLength: 20`. JSON Schema counts code points;
 * validators written in JavaScript often count UTF-16 units (String.length). A code point is one
 * or two UTF-16 units, so counting units (the larger count) keeps every name Keyward accepts
 * within Auth0's limit whichever way Auth0 counts. Whether Auth0 refuses a longer name at all is
 * a contract question (test/contract/management.test.ts, Q-name-length).
 */
export const MAX_NAME_LENGTH = 20;

/** How a name counts against the limit: UTF-16 units of its NFC, trimmed form. */
export const nameLength = (raw: string): number => raw.normalize('NFC').trim().length;
