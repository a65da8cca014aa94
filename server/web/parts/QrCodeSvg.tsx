/**
 * A QR code drawn as inline SVG from its module rows ('1' dark), so the strict CSP needs no
 * data: or remote image. A quiet zone of 4 modules, as the standard asks, lets phones read it.
 */
export function QrCodeSvg({ rows, label }: { rows: readonly string[]; label: string }) {
  const size = rows.length + 8;
  let path = '';
  rows.forEach((row, y) => {
    for (let x = 0; x < row.length; x += 1) {
      if (row[x] === '1') path += `M${String(x + 4)} ${String(y + 4)}h1v1h-1z`;
    }
  });
  return (
    <svg
      className="console-qr"
      viewBox={`0 0 ${String(size)} ${String(size)}`}
      role="img"
      aria-label={label}
      shapeRendering="crispEdges"
    >
      <rect width={size} height={size} fill="#ffffff" />
      <path d={path} fill="#000000" />
    </svg>
  );
}
