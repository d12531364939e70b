const names = typeof Intl.DisplayNames === 'function' ? new Intl.DisplayNames(['en'], { type: 'language' }) : null;

/** "de" → "German (de)"; Twitch's "other" and unknown codes are shown as they are. */
export function languageName(code: string): string {
  if (code === 'other') return 'Other';
  try {
    const name = names?.of(code);
    return name && name !== code ? `${name} (${code})` : code;
  } catch {
    return code;
  }
}
