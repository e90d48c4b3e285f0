/**
 * `swarmlab ssh --sudo` in a pty: sudo is told to prompt with a marker of swarmlab's own, the
 * first time the marker appears the inventory's sudo password is typed for the person, and the
 * marker is never shown. The pty turns echo off while sudo reads, so the password is not shown
 * either. A second prompt (the password was wrong) is shown as an ordinary one, for the person.
 */
export class SudoPromptAnswerer {
  static readonly marker = '[swarmlab:sudo-password]';
  private answered = false;
  /** The end of the last output, held back while it may be the start of a marker. */
  private carry = '';

  constructor(
    private readonly password: string,
    private readonly send: (text: string) => void,
  ) {}

  /** The output to show, with the marker taken out (and answered the first time). */
  filter(text: string): string {
    const marker = SudoPromptAnswerer.marker;
    const combined = this.carry + text;
    this.carry = '';
    const at = combined.indexOf(marker);
    if (at >= 0) {
      const shown = combined.slice(0, at);
      if (!this.answered) {
        this.answered = true;
        this.send(`${this.password}\n`);
        return shown + this.filter(combined.slice(at + marker.length));
      }
      return `${shown}Password: ${this.filter(combined.slice(at + marker.length))}`;
    }
    const held = heldBack(combined, marker);
    this.carry = combined.slice(combined.length - held);
    return combined.slice(0, combined.length - held);
  }
}

/** How many characters at the end of `text` could begin `marker`. */
function heldBack(text: string, marker: string): number {
  for (let length = Math.min(marker.length - 1, text.length); length > 0; length -= 1) {
    if (marker.startsWith(text.slice(text.length - length))) return length;
  }
  return 0;
}
