/**
 * The CSS class that flashes a changed row. Two identical animations alternate so that a second
 * change during the first flash restarts it; the class is dropped when the animation ends, so a
 * row that React merely moves does not flash again.
 */
export function flashClass(flashes: Record<string, number>, id: string): string {
  const count = flashes[id];
  return count ? ` flash-${count % 2 ? "a" : "b"}` : "";
}

/** An onAnimationEnd handler that ignores animations bubbling up from inside the row. */
export function whenOwnAnimationEnds(callback: () => void) {
  return (event: { target: EventTarget; currentTarget: EventTarget }) => {
    if (event.target === event.currentTarget) callback();
  };
}
