/** Starts a download of a GET URL (cookie-authenticated; no CSRF needed for GET). */
export function download(url: string): void {
  const link = document.createElement('a');
  link.href = url;
  link.rel = 'noopener';
  document.body.appendChild(link);
  link.click();
  link.remove();
}
