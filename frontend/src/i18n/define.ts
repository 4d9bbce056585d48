/**
 * An area's UI text: pt-BR is the source of truth, and English must have exactly its keys (a
 * missing or extra key is a type error).
 */
export function defineMessages<const Keys extends string>(
  ptBR: Record<Keys, string>,
  en: NoInfer<Record<Keys, string>>,
): { "pt-BR": Record<Keys, string>; en: Record<Keys, string> } {
  return { "pt-BR": ptBR, en };
}
