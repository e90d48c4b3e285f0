/**
 * Escaping for the HTML report. Everything that came from a host (output, file contents,
 * hostnames) is untrusted text: it goes through {@link escapeHtml} before it touches markup,
 * inside element content and inside quoted attribute values alike.
 */
const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] ?? char);
}

/**
 * Text for Markdown table cells and inline prose: pipes and newlines would break the table,
 * and HTML in Markdown is rendered by most viewers, so angle brackets are escaped too.
 */
export function escapeMarkdownInline(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/([`*_[\]|#])/g, '\\$1')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r?\n/g, ' ');
}

/** A fence longer than any run of backticks in the text, so the text cannot close it. */
export function markdownFence(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((match) => match[0].length));
  return '`'.repeat(Math.max(3, longest + 1));
}
