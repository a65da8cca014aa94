/**
 * Whether this window can draw with WebGL2, which MapLibre 6 needs. VMs, remote desktops and
 * old drivers may have none; the map then uses its SVG view. Asked once per window.
 */
let answer: boolean | undefined;

export function supportsWebGl2(): boolean {
  if (answer !== undefined) return answer;
  try {
    const canvas = document.createElement('canvas');
    const context = canvas.getContext('webgl2');
    answer = context !== null;
    context?.getExtension('WEBGL_lose_context')?.loseContext();
  } catch {
    answer = false;
  }
  return answer;
}
