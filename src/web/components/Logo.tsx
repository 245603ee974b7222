/** The Pandu mark (decorative: the product name is always written next to it). */
export function Logo({ size = 32 }: { size?: number }) {
  return (
    <svg className="brand-logo" viewBox="0 0 32 32" width={size} height={size} aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="7" fill="#0b4a6f" />
      <path d="M10 24V8h7a5 5 0 0 1 0 10h-7" fill="none" stroke="#fff" strokeWidth="3.2" strokeLinejoin="round" />
      <circle cx="23" cy="23" r="3" fill="#f2b632" />
    </svg>
  );
}
