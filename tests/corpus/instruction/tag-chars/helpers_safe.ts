// String helpers shared by the web and mobile apps.
// Tag characters (U+E0000..U+E007F) are stripped from user input: they are invisible
// and have been used to smuggle instructions to language models.
const TAGS = /[\u{E0000}-\u{E007F}]/gu;

// expect-not: instruction
export function squish(s: string): string {
  return s.replace(TAGS, "").trim().replace(/\s+/g, " ");
}
