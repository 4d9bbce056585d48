// Next's ambient types (CSS imports, images). `next build` also writes next-env.d.ts, which points
// into .next/ and is not committed; this file lets `tsc` pass on a fresh clone.
/// <reference types="next" />
/// <reference types="next/image-types/global" />
