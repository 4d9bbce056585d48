/** The melihub mark: a hub joining three accounts. Decorative: the name is always written beside it. */
export function BrandMark({ size = 28 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="8" fill="#1f2937" />
      <path d="M16 16 L8.5 9.5 M16 16 L23.5 9.5 M16 16 L16 25" stroke="#ffe600" strokeWidth="2" strokeLinecap="round" />
      <circle cx="16" cy="16" r="4" fill="#ffe600" />
      <circle cx="8.5" cy="9.5" r="2.5" fill="#fff" />
      <circle cx="23.5" cy="9.5" r="2.5" fill="#fff" />
      <circle cx="16" cy="25" r="2.5" fill="#fff" />
    </svg>
  );
}
